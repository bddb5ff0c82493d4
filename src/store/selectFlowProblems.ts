import { findFlowProblems, type FlowProblem } from '../domain/findFlowProblems';
import type { FlowDocumentState } from './createFlowStore';

let cached: {
  nodes: FlowDocumentState['nodes'];
  edges: FlowDocumentState['edges'];
  problems: FlowProblem[];
  byNode: Map<string, string[]>;
} | null = null;

function compute(state: FlowDocumentState) {
  if (cached?.nodes !== state.nodes || cached.edges !== state.edges) {
    const problems = findFlowProblems(state);
    const byNode = new Map<string, string[]>();
    for (const problem of problems) {
      if (problem.nodeId === null) continue;
      const list = byNode.get(problem.nodeId) ?? [];
      list.push(problem.message);
      byNode.set(problem.nodeId, list);
    }
    cached = { nodes: state.nodes, edges: state.edges, problems, byNode };
  }
  return cached;
}

const noProblems: string[] = [];

/** All problems of the open flow, computed once per document change for every caller. */
export function selectFlowProblems(state: FlowDocumentState): FlowProblem[] {
  return compute(state).problems;
}

export function selectNodeProblems(state: FlowDocumentState, nodeId: string): string[] {
  return compute(state).byNode.get(nodeId) ?? noProblems;
}
