import { estimatedModuleSize } from '../domain/moduleBoxes';
import { moduleKinds, type ModuleKind } from '../modules/moduleDefinitions';
import { moduleViews } from '../modules/moduleViews';
import type { AppEdge, AppNode } from '../store/appNode';

/**
 * Below this zoom the canvas shows the flow as one drawing instead of thousands of node
 * elements: a module's text would be under 5 px there, too small to read, and a 10,000-module
 * flow pans as smoothly as an empty one.
 */
export const overviewZoom = 0.35;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const boxes = new WeakMap<AppNode, Box>();

/**
 * A module's size on the canvas: measured when it was drawn, else estimated (remembered by its
 * configuration). The drawings read it rather than `boxOf`: a flow that just opened then draws
 * without first making a box for each of its 50,000 modules.
 */
export function sizeOf(node: AppNode): { width: number; height: number } {
  return node.measured?.width !== undefined && node.measured.height !== undefined
    ? { width: node.measured.width, height: node.measured.height }
    : estimatedModuleSize(node);
}

/** Where a module is on the canvas: measured when it was drawn, else estimated. */
export function boxOf(node: AppNode): Box {
  let box = boxes.get(node);
  if (!box) {
    box = { x: node.position.x, y: node.position.y, ...sizeOf(node) };
    boxes.set(node, box);
  }
  return box;
}

export interface OverviewScene {
  nodes: readonly AppNode[];
  edges: readonly AppEdge[];
  /** Whether a node has problems; drawn with a red outline. */
  hasProblems: (nodeId: string) => boolean;
}

/** Flow units to pixels: `[x, y, zoom]` as React Flow's transform. */
export type Transform = readonly [number, number, number];

const nodesById = new WeakMap<readonly AppNode[], Map<string, AppNode>>();

function byId(nodes: readonly AppNode[]): Map<string, AppNode> {
  let map = nodesById.get(nodes);
  if (!map) {
    map = new Map(nodes.map((node) => [node.id, node]));
    nodesById.set(nodes, map);
  }
  return map;
}

const colours = {
  edge: '#aab1be',
  problem: '#c92a2a',
  selected: '#3b5bdb',
};

/**
 * Draws the modules as boxes in their kind's colour and the connections as lines, only what
 * lies in the `width` × `height` view. One path per colour keeps it to a few draw calls.
 */
export function drawOverview(
  context: CanvasRenderingContext2D,
  scene: OverviewScene,
  transform: Transform,
  view: { width: number; height: number },
) {
  const [tx, ty, zoom] = transform;
  const left = -tx / zoom;
  const top = -ty / zoom;
  const right = left + view.width / zoom;
  const bottom = top + view.height / zoom;

  context.save();
  context.setTransform(
    zoom * window.devicePixelRatio,
    0,
    0,
    zoom * window.devicePixelRatio,
    tx * window.devicePixelRatio,
    ty * window.devicePixelRatio,
  );

  const lookup = byId(scene.nodes);
  const edgePath = new Path2D();
  for (const edge of scene.edges) {
    const source = lookup.get(edge.source);
    const target = lookup.get(edge.target);
    if (!source || !target) continue;
    const from = sizeOf(source);
    const to = sizeOf(target);
    const x1 = source.position.x + from.width / 2;
    const y1 = source.position.y + from.height;
    const x2 = target.position.x + to.width / 2;
    const y2 = target.position.y;
    if (
      Math.max(x1, x2) < left ||
      Math.min(x1, x2) > right ||
      Math.max(y1, y2) < top ||
      Math.min(y1, y2) > bottom
    ) {
      continue;
    }
    edgePath.moveTo(x1, y1);
    edgePath.lineTo(x2, y2);
  }
  context.lineWidth = 1.5 / zoom;
  context.strokeStyle = colours.edge;
  context.stroke(edgePath);

  const kindPaths = new Map<ModuleKind, Path2D>(moduleKinds.map((kind) => [kind, new Path2D()]));
  const problemPath = new Path2D();
  const selectedPath = new Path2D();
  for (const node of scene.nodes) {
    const { x, y } = node.position;
    const { width, height } = sizeOf(node);
    if (x >= right || x + width <= left || y >= bottom || y + height <= top) continue;
    kindPaths.get(node.type)?.rect(x, y, width, height);
    if (node.selected) selectedPath.rect(x, y, width, height);
    else if (scene.hasProblems(node.id)) problemPath.rect(x, y, width, height);
  }
  for (const [kind, path] of kindPaths) {
    context.fillStyle = moduleViews[kind].color;
    context.fill(path);
  }
  context.lineWidth = 2 / zoom;
  context.strokeStyle = colours.problem;
  context.stroke(problemPath);
  context.lineWidth = 3 / zoom;
  context.strokeStyle = colours.selected;
  context.stroke(selectedPath);
  context.restore();
}

/** The module drawn at a point of the canvas (flow units), topmost first. */
export function moduleAt(
  nodes: readonly AppNode[],
  point: { x: number; y: number },
): AppNode | undefined {
  for (let index = nodes.length - 1; index >= 0; index -= 1) {
    const node = nodes[index];
    if (!node) continue;
    const box = boxOf(node);
    if (
      point.x >= box.x &&
      point.x <= box.x + box.width &&
      point.y >= box.y &&
      point.y <= box.y + box.height
    ) {
      return node;
    }
  }
  return undefined;
}

const boundsByNodes = new WeakMap<readonly AppNode[], Box | null>();

/** The box around every module, or null for an empty flow. */
export function boundsOf(nodes: readonly AppNode[]): Box | null {
  if (boundsByNodes.has(nodes)) return boundsByNodes.get(nodes) ?? null;
  let bounds: Box | null = null;
  if (nodes.length > 0) {
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    // Without remembering each module's box: a flow that just opened need not pay for 50,000
    // of them before its first frame.
    for (const node of nodes) {
      const { width, height } = boxes.get(node) ?? sizeOf(node);
      left = Math.min(left, node.position.x);
      top = Math.min(top, node.position.y);
      right = Math.max(right, node.position.x + width);
      bottom = Math.max(bottom, node.position.y + height);
    }
    bounds = { x: left, y: top, width: right - left, height: bottom - top };
  }
  boundsByNodes.set(nodes, bounds);
  return bounds;
}

/** Every module as a box of its kind's colour, scaled into a small picture (the mini map). */
function drawMiniature(
  context: CanvasRenderingContext2D,
  nodes: readonly AppNode[],
  view: Box,
  size: { width: number; height: number },
) {
  startMiniature(context, view, size);
  drawMiniatureBoxes(context, nodes);
}

/** Modules drawn into the mini map's picture per frame. */
const miniatureNodesPerFrame = 10_000;

/**
 * `drawMiniature`, a slice of `miniatureNodesPerFrame` modules per frame for a large flow: into
 * a canvas of its own, shown once whole, so the mini map never shows part of a flow and no frame
 * draws 50,000 boxes. Returns a function that stops drawing.
 */
export function drawMiniatureInSlices(
  context: CanvasRenderingContext2D,
  nodes: readonly AppNode[],
  view: Box,
  size: { width: number; height: number },
): () => void {
  if (nodes.length <= miniatureNodesPerFrame) {
    drawMiniature(context, nodes, view, size);
    return () => undefined;
  }
  const buffer = document.createElement('canvas');
  buffer.width = context.canvas.width;
  buffer.height = context.canvas.height;
  const bufferContext = buffer.getContext('2d');
  if (!bufferContext) return () => undefined;
  startMiniature(bufferContext, view, size);
  let drawn = 0;
  let frame = 0;
  const drawSlice = () => {
    drawMiniatureBoxes(bufferContext, nodes.slice(drawn, drawn + miniatureNodesPerFrame));
    drawn += miniatureNodesPerFrame;
    if (drawn < nodes.length) {
      frame = requestAnimationFrame(drawSlice);
      return;
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, context.canvas.width, context.canvas.height);
    context.drawImage(buffer, 0, 0);
  };
  frame = requestAnimationFrame(drawSlice);
  return () => cancelAnimationFrame(frame);
}

function startMiniature(
  context: CanvasRenderingContext2D,
  view: Box,
  size: { width: number; height: number },
) {
  const scale = Math.min(size.width / view.width, size.height / view.height);
  const ratio = window.devicePixelRatio;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, size.width, size.height);
  context.setTransform(
    scale * ratio,
    0,
    0,
    scale * ratio,
    (size.width / 2 - (view.x + view.width / 2) * scale) * ratio,
    (size.height / 2 - (view.y + view.height / 2) * scale) * ratio,
  );
}

function drawMiniatureBoxes(context: CanvasRenderingContext2D, nodes: readonly AppNode[]) {
  const kindPaths = new Map<ModuleKind, Path2D>(moduleKinds.map((kind) => [kind, new Path2D()]));
  for (const node of nodes) {
    const { width, height } = sizeOf(node);
    kindPaths.get(node.type)?.rect(node.position.x, node.position.y, width, height);
  }
  for (const [kind, path] of kindPaths) {
    context.fillStyle = moduleViews[kind].color;
    context.fill(path);
  }
}
