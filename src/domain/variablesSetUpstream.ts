import { describeNode } from './describeNode';
import { predecessorsById, successorsById, type FlowGraph } from './flowGraph';

/**
 * For every node, the variables some module before it may have set on at least one path
 * (the node's own variables excluded). Loops are followed until nothing changes.
 */
export function variablesSetUpstream(graph: FlowGraph): Map<string, Set<string>> {
  const setByNode = new Map(graph.nodes.map((node) => [node.id, describeNode(node).variablesSet]));
  const predecessors = predecessorsById(graph);
  const successors = successorsById(graph);
  const atEntry = new Map<string, Set<string>>(graph.nodes.map((node) => [node.id, new Set()]));
  const pending = new Set(graph.nodes.map((node) => node.id));
  for (const id of pending) {
    pending.delete(id);
    const entry = new Set<string>();
    for (const predecessor of predecessors.get(id) ?? []) {
      for (const name of atEntry.get(predecessor) ?? []) entry.add(name);
      for (const name of setByNode.get(predecessor) ?? []) entry.add(name);
    }
    if (entry.size !== atEntry.get(id)?.size) {
      atEntry.set(id, entry);
      for (const next of successors.get(id) ?? []) pending.add(next);
    }
  }
  return atEntry;
}
