import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  placeNewModule,
  placementGapBelow,
  placementMargin,
  type ModuleBox,
} from './placeNewModule';

const size = { width: 240, height: 70 };

function boxAt(position: { x: number; y: number }): ModuleBox {
  return { ...position, ...size };
}

function overlapsAny(box: ModuleBox, others: readonly ModuleBox[]): boolean {
  return others.some(
    (other) =>
      box.x < other.x + other.width &&
      other.x < box.x + box.width &&
      box.y < other.y + other.height &&
      other.y < box.y + box.height,
  );
}

describe('placeNewModule', () => {
  it('centres a module in the view on an empty canvas', () => {
    expect(placeNewModule({ occupied: [], size, viewCentre: { x: 500, y: 300 } })).toEqual({
      x: 380,
      y: 265,
    });
  });

  it('moves off a module that sits in the centre of the view, as little as it can', () => {
    const taken = boxAt({ x: 380, y: 265 });
    const placed = placeNewModule({ occupied: [taken], size, viewCentre: { x: 500, y: 300 } });

    expect(overlapsAny(boxAt(placed), [taken])).toBe(false);
    // Clear of the module and its margin, but no further than the next free grid line.
    const distance = Math.hypot(placed.x - 380, placed.y - 265);
    expect(distance).toBeLessThanOrEqual(size.height + placementMargin + 20);
  });

  it('never stacks repeated additions on each other', () => {
    const occupied: ModuleBox[] = [];
    for (let count = 0; count < 12; count += 1) {
      const placed = placeNewModule({ occupied, size, viewCentre: { x: 0, y: 0 } });
      expect(overlapsAny(boxAt(placed), occupied)).toBe(false);
      occupied.push(boxAt(placed));
    }
  });

  it('puts a module that follows another centred below it', () => {
    const above = { x: 100, y: 100, width: 240, height: 90 };
    expect(
      placeNewModule({ occupied: [above], size, viewCentre: { x: 900, y: 900 }, below: above }),
    ).toEqual({ x: 100, y: 100 + 90 + placementGapBelow });
  });

  it('below a module whose spot is taken, takes the nearest free spot, never above it', () => {
    const above = boxAt({ x: 0, y: 0 });
    const blocker = boxAt({ x: 0, y: 70 + placementGapBelow });
    const placed = placeNewModule({
      occupied: [above, blocker],
      size,
      viewCentre: { x: 0, y: 0 },
      below: above,
    });

    expect(overlapsAny(boxAt(placed), [above, blocker])).toBe(false);
    expect(placed.y).toBeGreaterThanOrEqual(70 + placementGapBelow);
  });

  it('finds a spot clear of any modules near the view centre', () => {
    const position = fc.record({
      x: fc.integer({ min: -600, max: 600 }),
      y: fc.integer({ min: -600, max: 600 }),
    });
    fc.assert(
      fc.property(fc.array(position, { maxLength: 30 }), (positions) => {
        const occupied = positions.map(boxAt);
        const placed = placeNewModule({ occupied, size, viewCentre: { x: 0, y: 0 } });
        return !overlapsAny(boxAt(placed), occupied);
      }),
    );
  });
});
