import type { AppEdge, AppNode } from '../store/appNode';
import { sizeOf, type Transform } from './flowOverview';

/** A rectangle of the flow, in flow coordinates. */
export interface FlowRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The part of the flow a canvas of `width` × `height` px shows at `transform`. */
export function visibleRect(transform: Transform, width: number, height: number): FlowRect {
  const [x, y, zoom] = transform;
  return {
    left: -x / zoom,
    top: -y / zoom,
    right: (width - x) / zoom,
    bottom: (height - y) / zoom,
  };
}

/**
 * The window of the flow React Flow is given: what is visible and half as much again on every
 * side, so panning draws from modules React Flow already has while the window is moved.
 */
export function windowAround(visible: FlowRect): FlowRect {
  const marginX = (visible.right - visible.left) / 2;
  const marginY = (visible.bottom - visible.top) / 2;
  return {
    left: visible.left - marginX,
    top: visible.top - marginY,
    right: visible.right + marginX,
    bottom: visible.bottom + marginY,
  };
}

/**
 * Whether `window` still serves what is visible: it holds the visible part with a quarter of it
 * to spare on each side (moved before the edge is reached), and is not many times larger than
 * needed (after zooming in, a window made zoomed out would hand React Flow far too much).
 */
export function windowServes(window: FlowRect, visible: FlowRect): boolean {
  const width = visible.right - visible.left;
  const height = visible.bottom - visible.top;
  const spare = {
    left: visible.left - width / 4,
    top: visible.top - height / 4,
    right: visible.right + width / 4,
    bottom: visible.bottom + height / 4,
  };
  const fits =
    window.left <= spare.left &&
    window.top <= spare.top &&
    window.right >= spare.right &&
    window.bottom >= spare.bottom;
  const windowArea = (window.right - window.left) * (window.bottom - window.top);
  return fits && windowArea <= width * height * 16;
}

/** A module's right and bottom edges: measured, else estimated (remembered per configuration). */
function farCornerOf(node: AppNode): { right: number; bottom: number } {
  const size = sizeOf(node);
  return { right: node.position.x + size.width, bottom: node.position.y + size.height };
}

function overlaps(
  window: FlowRect,
  left: number,
  top: number,
  right: number,
  bottom: number,
): boolean {
  return (
    left <= window.right && right >= window.left && top <= window.bottom && bottom >= window.top
  );
}

export interface WindowedFlow {
  nodes: AppNode[];
  edges: AppEdge[];
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * Whether every module is where, as large and as selected as before: an edit of a module's
 * configuration (a keystroke in the inspector) then leaves the window's choice as it was.
 */
function samePlaces(before: readonly AppNode[], after: readonly AppNode[]): boolean {
  if (before.length !== after.length) return false;
  for (let at = 0; at < after.length; at += 1) {
    const was = before[at]!;
    const node = after[at]!;
    if (was === node) continue;
    const measured =
      node.measured?.width !== undefined &&
      node.measured.height !== undefined &&
      was.measured?.width === node.measured.width &&
      was.measured.height === node.measured.height;
    const kept =
      measured &&
      was.id === node.id &&
      was.selected === node.selected &&
      was.position.x === node.position.x &&
      was.position.y === node.position.y;
    if (!kept) return false;
  }
  return true;
}

/**
 * What React Flow gets of a large flow at editing zoom: the modules in the window, the selected
 * ones (a drag or a keyboard move takes them along wherever they are), and every connection that
 * may cross the window with the modules at both its ends. However many modules the flow has,
 * React Flow then works on a few hundred: taking in a list, a drag, a zoom in from the overview.
 * The lists handed over stay the same arrays while their contents do, so React Flow skips them.
 */
export function createWindowedFlow() {
  let last: {
    nodes: readonly AppNode[];
    edges: readonly AppEdge[];
    window: FlowRect;
    /** Where in `nodes` the modules handed over are. */
    handedAt: number[];
    result: WindowedFlow;
  } | null = null;
  let indexById = new Map<string, number>();
  let indexedNodes: readonly AppNode[] = [];

  const indexOf = (nodes: readonly AppNode[]) => {
    const sameIds =
      nodes.length === indexedNodes.length &&
      nodes.every((node, index) => node.id === indexedNodes[index]?.id);
    if (!sameIds) indexById = new Map(nodes.map((node, index) => [node.id, index]));
    indexedNodes = nodes;
    return indexById;
  };

  return function windowedFlow(
    nodes: readonly AppNode[],
    edges: readonly AppEdge[],
    window: FlowRect,
  ): WindowedFlow {
    if (last && last.nodes === nodes && last.edges === edges && last.window === window) {
      return last.result;
    }
    if (last && last.edges === edges && last.window === window && samePlaces(last.nodes, nodes)) {
      const shownNodes = last.handedAt.map((at) => nodes[at]!);
      const result = {
        nodes: sameItems(last.result.nodes, shownNodes) ? last.result.nodes : shownNodes,
        edges: last.result.edges,
      };
      last = { ...last, nodes, result };
      return result;
    }
    const index = indexOf(nodes);
    const handed = new Uint8Array(nodes.length);
    nodes.forEach((node, at) => {
      if (node.selected) {
        handed[at] = 1;
        return;
      }
      const { x, y } = node.position;
      // Most modules are far from the window: ruled out by their top left corner alone.
      if (x > window.right || y > window.bottom) return;
      const { right, bottom } = farCornerOf(node);
      if (overlaps(window, x, y, right, bottom)) handed[at] = 1;
    });
    const shownEdges = edges.filter((edge) => {
      const sourceAt = index.get(edge.source);
      const targetAt = index.get(edge.target);
      if (sourceAt === undefined || targetAt === undefined) return false;
      if (handed[sourceAt] === 1 && handed[targetAt] === 1) return true;
      const source = nodes[sourceAt]!;
      const target = nodes[targetAt]!;
      const left = Math.min(source.position.x, target.position.x);
      const top = Math.min(source.position.y, target.position.y);
      if (left > window.right || top > window.bottom) return false;
      const sourceCorner = farCornerOf(source);
      const targetCorner = farCornerOf(target);
      const crosses = overlaps(
        window,
        left,
        top,
        Math.max(sourceCorner.right, targetCorner.right),
        Math.max(sourceCorner.bottom, targetCorner.bottom),
      );
      if (!crosses) return false;
      handed[sourceAt] = 1;
      handed[targetAt] = 1;
      return true;
    });
    const handedAt: number[] = [];
    handed.forEach((isHanded, at) => {
      if (isHanded === 1) handedAt.push(at);
    });
    const shownNodes = handedAt.map((at) => nodes[at]!);
    const result: WindowedFlow = {
      nodes: last && sameItems(last.result.nodes, shownNodes) ? last.result.nodes : shownNodes,
      edges: last && sameItems(last.result.edges, shownEdges) ? last.result.edges : shownEdges,
    };
    last = { nodes, edges, window, handedAt, result };
    return result;
  };
}
