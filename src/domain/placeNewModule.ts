/** A module's box on the canvas: top-left corner and size, in flow coordinates. */
export interface ModuleBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacementRequest {
  /** Boxes of the modules already on the canvas. */
  occupied: readonly ModuleBox[];
  /** The new module's size. */
  size: { width: number; height: number };
  /** The centre of the visible canvas: where a module goes when it follows no other. */
  viewCentre: { x: number; y: number };
  /** The module the new one follows: it goes centred below it. */
  below?: ModuleBox | null;
}

/** Free space kept around a new module, so it never touches a neighbour. */
export const placementMargin = 24;
/** Vertical distance between a module and the one placed below it. */
export const placementGapBelow = 60;
const step = 20;
const maxSteps = 60;

/** Grid offsets from the preferred spot, nearest first. */
function offsetsByDistance(fromStep: number): { dx: number; dy: number }[] {
  const offsets: { dx: number; dy: number }[] = [];
  for (let i = -maxSteps; i <= maxSteps; i += 1) {
    for (let j = fromStep; j <= maxSteps; j += 1) offsets.push({ dx: i * step, dy: j * step });
  }
  return offsets.sort((a, b) => Math.hypot(a.dx, a.dy) - Math.hypot(b.dx, b.dy));
}

const offsetsAround = offsetsByDistance(-maxSteps);
const offsetsDownward = offsetsByDistance(0);

function overlaps(a: ModuleBox, b: ModuleBox, margin: number): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}

/**
 * The top-left position for a new module: centred below `below` when given, else centred in
 * the view; if that spot is taken, the nearest free one on a 20 px grid (below `below` only
 * further down or to the side, never above it). Gives the preferred spot when nothing nearby
 * is free.
 */
export function placeNewModule({ occupied, size, viewCentre, below }: PlacementRequest): {
  x: number;
  y: number;
} {
  const preferred = below
    ? {
        x: below.x + below.width / 2 - size.width / 2,
        y: below.y + below.height + placementGapBelow,
      }
    : { x: viewCentre.x - size.width / 2, y: viewCentre.y - size.height / 2 };
  const reach = maxSteps * step;
  const searchArea = {
    x: preferred.x - reach,
    y: preferred.y - reach,
    width: size.width + 2 * reach,
    height: size.height + 2 * reach,
  };
  const nearby = occupied.filter((box) => overlaps(box, searchArea, placementMargin));
  const isFree = (x: number, y: number) =>
    nearby.every(
      (box) => !overlaps({ x, y, width: size.width, height: size.height }, box, placementMargin),
    );

  const offsets = below ? offsetsDownward : offsetsAround;
  for (const { dx, dy } of offsets) {
    if (isFree(preferred.x + dx, preferred.y + dy)) {
      return { x: preferred.x + dx, y: preferred.y + dy };
    }
  }
  return preferred;
}
