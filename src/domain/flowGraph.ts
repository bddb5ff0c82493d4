import type { ModuleDataByKind, ModuleKind } from '../modules/moduleDefinitions';

/** The part of a node the graph analyses look at; React Flow nodes and file nodes both fit. */
export type GraphNode = {
  [K in ModuleKind]: { id: string; type: K; name?: string; data: ModuleDataByKind[K] };
}[ModuleKind];

export interface GraphEdge {
  source: string;
  sourceHandle?: string | null;
  target: string;
}

export interface FlowGraph {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

export function successorsById(graph: FlowGraph): Map<string, string[]> {
  const successors = new Map<string, string[]>(graph.nodes.map((node) => [node.id, []]));
  for (const edge of graph.edges) successors.get(edge.source)?.push(edge.target);
  return successors;
}

/** Ids of every node a chat can reach from the given start nodes, starts included. */
export function reachableFrom(startIds: readonly string[], graph: FlowGraph): Set<string> {
  const successors = successorsById(graph);
  const reached = new Set<string>(startIds);
  const pending = [...startIds];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    for (const next of successors.get(id) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        pending.push(next);
      }
    }
  }
  return reached;
}
