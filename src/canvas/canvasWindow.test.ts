import { describe, expect, it } from 'vitest';
import type { AppEdge, AppNode } from '../store/appNode';
import {
  createWindowedFlow,
  visibleRect,
  windowAround,
  windowServes,
  type FlowRect,
} from './canvasWindow';

/** A message module at (x, y), measured 200 × 80 unless said. */
function moduleAt(
  id: string,
  x: number,
  y: number,
  selected = false,
  { text = id, width = 200 } = {},
): AppNode {
  const node: AppNode = {
    id,
    type: 'message',
    position: { x, y },
    data: { text },
    measured: { width, height: 80 },
    ...(selected ? { selected } : {}),
  };
  return node;
}

function connection(source: string, target: string): AppEdge {
  return { id: `${source}-${target}`, source, target, sourceHandle: 'out' };
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

/** The window around a 1,000 × 600 view of the flow's top left corner at zoom 1. */
const topLeft: FlowRect = windowAround(visibleRect([0, 0, 1], 1000, 600));

describe('the window of the flow React Flow is given', () => {
  it('is what the canvas shows and half as much again on every side', () => {
    expect(visibleRect([-500, -300, 0.5], 1000, 600)).toEqual({
      left: 1000,
      top: 600,
      right: 3000,
      bottom: 1800,
    });
    expect(topLeft).toEqual({ left: -500, top: -300, right: 1500, bottom: 900 });
  });

  it('is moved before the view reaches its edge, and when zooming in leaves it far too large', () => {
    const view = visibleRect([0, 0, 1], 1000, 600);
    expect(windowServes(topLeft, view)).toBe(true);
    expect(windowServes(topLeft, visibleRect([-200, 0, 1], 1000, 600))).toBe(true);
    // Panned 400 px right: less than a quarter of the view is left to spare on the right.
    expect(windowServes(topLeft, visibleRect([-400, 0, 1], 1000, 600))).toBe(false);
    // Zoomed in 8×: the window is 64 times the view's area.
    expect(windowServes(topLeft, visibleRect([0, 0, 8], 1000, 600))).toBe(false);
  });

  it('holds the modules in the window and the selected ones, in the flow’s order', () => {
    const windowed = createWindowedFlow();
    const nodes = [
      moduleAt('far-selected', 9000, 9000, true),
      moduleAt('inside', 100, 100),
      moduleAt('far', 9000, 0),
      moduleAt('overlapping-edge', 1450, 850),
    ];
    expect(ids(windowed(nodes, [], topLeft).nodes)).toEqual([
      'far-selected',
      'inside',
      'overlapping-edge',
    ]);
  });

  it('holds every connection that may cross the window, with the modules at its ends', () => {
    const windowed = createWindowedFlow();
    const nodes = [
      moduleAt('inside', 100, 100),
      moduleAt('below', 100, 5000),
      moduleAt('far-above', 600, -8000),
      moduleAt('far-below', 600, 8000),
      moduleAt('far-right', 9000, 0),
      moduleAt('far-right-below', 9000, 5000),
    ];
    const edges = [
      connection('inside', 'below'),
      // Runs straight through the window without either end in it.
      connection('far-above', 'far-below'),
      connection('far-right', 'far-right-below'),
    ];
    const shown = windowed(nodes, edges, topLeft);
    expect(ids(shown.edges)).toEqual(['inside-below', 'far-above-far-below']);
    expect(ids(shown.nodes)).toEqual(['inside', 'below', 'far-above', 'far-below']);
  });

  it('hands over the same lists while what they hold is the same', () => {
    const windowed = createWindowedFlow();
    const nodes = [
      moduleAt('inside', 100, 100),
      moduleAt('far', 9000, 0),
      moduleAt('further', 9000, 900),
    ];
    const edges = [connection('far', 'further')];
    const first = windowed(nodes, edges, topLeft);
    expect(ids(first.nodes)).toEqual(['inside']);

    // A module far away moves: a new flow, the same modules and connections in the window.
    const farMoved = nodes.with(1, moduleAt('far', 9500, 0));
    const second = windowed(farMoved, [...edges], topLeft);
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);

    const insideMoved = farMoved.with(0, moduleAt('inside', 120, 100));
    const third = windowed(insideMoved, edges, topLeft);
    expect(third.nodes).not.toBe(first.nodes);
    expect(third.nodes[0]?.position).toEqual({ x: 120, y: 100 });
  });

  it('hands over an edited module’s new configuration, and looks again when a module grows', () => {
    const windowed = createWindowedFlow();
    const nodes = [moduleAt('inside', 100, 100), moduleAt('left', -800, 100)];
    const first = windowed(nodes, [], topLeft);
    expect(ids(first.nodes)).toEqual(['inside']);

    const typedFar = nodes.with(1, moduleAt('left', -800, 100, false, { text: 'typed' }));
    expect(windowed(typedFar, [], topLeft).nodes).toBe(first.nodes);

    const typedInside = typedFar.with(0, moduleAt('inside', 100, 100, false, { text: 'typed' }));
    const edited = windowed(typedInside, [], topLeft);
    expect(edited.nodes).toEqual([typedInside[0]]);

    // 400 px wide, its right edge now reaches into the window.
    const grown = typedInside.with(1, moduleAt('left', -800, 100, false, { width: 400 }));
    expect(ids(windowed(grown, [], topLeft).nodes)).toEqual(['inside', 'left']);
  });

  it('takes in a module as the view pans to it', () => {
    const windowed = createWindowedFlow();
    const nodes = [moduleAt('inside', 100, 100), moduleAt('right', 3000, 100)];
    expect(ids(windowed(nodes, [], topLeft).nodes)).toEqual(['inside']);
    const pannedRight = windowAround(visibleRect([-2500, 0, 1], 1000, 600));
    expect(ids(windowed(nodes, [], pannedRight).nodes)).toEqual(['right']);
  });
});
