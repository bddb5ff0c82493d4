import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import { outputIdsOf } from './flowDocumentSchema';
import type { FlowGraph, GraphNode } from './flowGraph';
import type { SizeOf } from './moduleBoxes';

/** A module as the layout reads it: kind, configuration (for its outputs) and where it is. */
export type LayoutNode = GraphNode & { position: { x: number; y: number } };

const horizontalGap = 60;
const verticalGap = 70;

/**
 * Positions (top-left corners, as React Flow places nodes) that lay the flow out top to
 * bottom without overlaps: each module below the one that leads to it, a condition's branches
 * side by side in the order of its outputs (rules, then else). The result keeps the flow's
 * top-left corner where it was, so the view does not jump far.
 */
export function layoutFlow(
  graph: { nodes: readonly LayoutNode[]; edges: FlowGraph['edges'] },
  sizeOf: SizeOf,
): Map<string, { x: number; y: number }> {
  const layout = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  layout.setGraph({ rankdir: 'TB', nodesep: horizontalGap, ranksep: verticalGap });
  layout.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(graph.nodes.map((node) => node.id));
  for (const node of graph.nodes) layout.setNode(node.id, { ...sizeOf(node.id) });

  const constraints: { left: string; right: string }[] = [];
  const constraintGraph = new Map<string, Set<string>>();
  const leadsTo = (from: string, to: string): boolean => {
    const pending = [from];
    const seen = new Set<string>();
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      pending.push(...(constraintGraph.get(id) ?? []));
    }
    return false;
  };

  const edgeByOutput = new Map(
    graph.edges.map((edge) => [`${edge.source}\u0000${edge.sourceHandle ?? 'out'}`, edge]),
  );
  for (const node of graph.nodes) {
    const outputs = outputIdsOf(node);
    const targets: string[] = [];
    for (const output of outputs) {
      const edge = edgeByOutput.get(`${node.id}\u0000${output}`);
      if (!edge || !ids.has(edge.target) || edge.target === node.id) continue;
      layout.setEdge(node.id, edge.target, {}, output);
      if (!targets.includes(edge.target)) targets.push(edge.target);
    }
    // Branches side by side in output order; a contradicting order (another condition's) is
    // left out, since the constraints must not form a cycle.
    for (let index = 1; index < targets.length; index += 1) {
      const left = targets[index - 1];
      const right = targets[index];
      if (left === undefined || right === undefined || leadsTo(right, left)) continue;
      constraints.push({ left, right });
      const after = constraintGraph.get(left) ?? new Set<string>();
      after.add(right);
      constraintGraph.set(left, after);
    }
  }

  dagre.layout(layout, { constraints });

  const placed = new Map<string, { x: number; y: number }>();
  for (const node of graph.nodes) {
    const { x = 0, y = 0, width, height } = layout.node(node.id);
    placed.set(node.id, { x: x - width / 2, y: y - height / 2 });
  }
  const before = topLeftOf(graph.nodes.map((node) => node.position));
  const after = topLeftOf([...placed.values()]);
  for (const [id, position] of placed) {
    placed.set(id, { x: position.x - after.x + before.x, y: position.y - after.y + before.y });
  }
  return placed;
}

function topLeftOf(points: readonly { x: number; y: number }[]): { x: number; y: number } {
  if (points.length === 0) return { x: 0, y: 0 };
  return {
    x: Math.min(...points.map((point) => point.x)),
    y: Math.min(...points.map((point) => point.y)),
  };
}
