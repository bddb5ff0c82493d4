import { findFlowProblems, type FlowProblem } from '../domain/findFlowProblems';
import { sameConnections } from './appNode';
import type { FlowDocumentState } from './createFlowStore';

interface ProblemCache {
  nodes: FlowDocumentState['nodes'];
  edges: FlowDocumentState['edges'];
  problems: FlowProblem[];
  byNode: Map<string, string[]>;
}

let cached: ProblemCache | null = null;

/** Problems depend on names, configurations and connections, not on positions or selection. */
function sameProblemInputs(cache: ProblemCache, state: FlowDocumentState): boolean {
  if (cache.nodes.length !== state.nodes.length) return false;
  const nodesSame =
    cache.nodes === state.nodes ||
    cache.nodes.every((node, index) => {
      const other = state.nodes[index];
      return (
        other !== undefined &&
        node.id === other.id &&
        node.name === other.name &&
        node.data === other.data
      );
    });
  return nodesSame && sameConnections(cache.edges, state.edges);
}

function compute(state: FlowDocumentState): ProblemCache {
  if (cached && sameProblemInputs(cached, state)) {
    cached = { ...cached, nodes: state.nodes, edges: state.edges };
    return cached;
  }
  const problems = findFlowProblems(state);
  const byNode = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.nodeId === null) continue;
    const list = byNode.get(problem.nodeId) ?? [];
    list.push(problem.message);
    byNode.set(problem.nodeId, list);
  }
  cached = { nodes: state.nodes, edges: state.edges, problems, byNode };
  return cached;
}

const noProblems: string[] = [];

/**
 * All problems of the open flow, computed once per change of what they depend on, shared by
 * every caller (the problems panel and each node's badge).
 */
export function selectFlowProblems(state: FlowDocumentState): FlowProblem[] {
  return compute(state).problems;
}

export function selectNodeProblems(state: FlowDocumentState, nodeId: string): string[] {
  return compute(state).byNode.get(nodeId) ?? noProblems;
}
