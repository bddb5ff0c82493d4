import type { FlowGraph } from './flowGraph';

/**
 * A flow's connections by module position (its place in `graph.nodes`), built once per change
 * of the graph's shape and read by every analysis of that change: the variables set upstream,
 * the chat budget and the outputs left open. Adjacency is kept in flat typed arrays, so a flow
 * of 5,000 modules costs a handful of allocations, not two lists per module.
 */
export interface GraphIndex {
  nodeCount: number;
  /** A module's position by id. */
  positionOf: ReadonlyMap<string, number>;
  /** Per edge (in `graph.edges` order): its source's position, or -1 when it names no module. */
  edgeSources: Int32Array;
  /** Per edge: its target's position, or -1 when it names no module. */
  edgeTargets: Int32Array;
  successors: Adjacency;
  predecessors: Adjacency;
}

/**
 * Neighbours in compressed rows: those of module `m` are `items[starts[m]]` up to (not
 * including) `items[starts[m + 1]]`, in edge order, a neighbour repeated per parallel edge.
 */
export interface Adjacency {
  starts: Int32Array;
  items: Int32Array;
}

export function indexGraph(graph: FlowGraph): GraphIndex {
  const nodeCount = graph.nodes.length;
  const positionOf = new Map<string, number>();
  for (let position = 0; position < nodeCount; position += 1) {
    positionOf.set(graph.nodes[position]!.id, position);
  }
  const edgeCount = graph.edges.length;
  const edgeSources = new Int32Array(edgeCount);
  const edgeTargets = new Int32Array(edgeCount);
  for (let edge = 0; edge < edgeCount; edge += 1) {
    const { source, target } = graph.edges[edge]!;
    edgeSources[edge] = positionOf.get(source) ?? -1;
    edgeTargets[edge] = positionOf.get(target) ?? -1;
  }
  const bothEnds = (edge: number) => edgeSources[edge]! >= 0 && edgeTargets[edge]! >= 0;
  return {
    nodeCount,
    positionOf,
    edgeSources,
    edgeTargets,
    successors: adjacency(nodeCount, edgeSources, edgeTargets, bothEnds),
    predecessors: adjacency(nodeCount, edgeTargets, edgeSources, bothEnds),
  };
}

/** Rows from `from[edge]` to `to[edge]` for every edge `keep` accepts, in edge order. */
export function adjacency(
  nodeCount: number,
  from: Int32Array,
  to: Int32Array,
  keep: (edge: number) => boolean,
): Adjacency {
  const starts = new Int32Array(nodeCount + 1);
  let kept = 0;
  for (let edge = 0; edge < from.length; edge += 1) {
    if (!keep(edge)) continue;
    starts[from[edge]! + 1]! += 1;
    kept += 1;
  }
  for (let node = 0; node < nodeCount; node += 1) starts[node + 1]! += starts[node]!;
  const items = new Int32Array(kept);
  const next = starts.slice(0, nodeCount);
  for (let edge = 0; edge < from.length; edge += 1) {
    if (!keep(edge)) continue;
    items[next[from[edge]!]!++] = to[edge]!;
  }
  return { starts, items };
}
