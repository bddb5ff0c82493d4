import { findFlowProblems, type FlowProblem } from '../domain/findFlowProblems';
import { sameConnections } from './appNode';
import type { FlowDocumentState, InvalidFields } from './createFlowStore';

/** What problems are computed from: the document and the inspector's invalid drafts. */
type ProblemInputs = Pick<FlowDocumentState, 'nodes' | 'edges'> &
  Partial<Pick<FlowDocumentState, 'settings'>> & { invalidFields: InvalidFields };

interface ProblemCache {
  nodes: FlowDocumentState['nodes'];
  edges: FlowDocumentState['edges'];
  invalidFields: InvalidFields;
  settings: ProblemInputs['settings'];
  problems: FlowProblem[];
  byNode: Map<string, string[]>;
}

let cached: ProblemCache | null = null;

function bothEmpty(a: InvalidFields, b: InvalidFields): boolean {
  return Object.keys(a).length === 0 && Object.keys(b).length === 0;
}

/**
 * Problems depend on names, configurations, connections and the flow's settings, not on
 * positions or selection.
 */
function sameProblemInputs(cache: ProblemCache, state: ProblemInputs): boolean {
  if (cache.nodes.length !== state.nodes.length) return false;
  if (
    cache.invalidFields !== state.invalidFields &&
    !bothEmpty(cache.invalidFields, state.invalidFields)
  ) {
    return false;
  }
  if (cache.settings !== state.settings) return false;
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

function compute(state: ProblemInputs): ProblemCache {
  if (cached && sameProblemInputs(cached, state)) {
    cached = { ...cached, nodes: state.nodes, edges: state.edges };
    return cached;
  }
  const fieldProblems = new Map(
    Object.entries(state.invalidFields).map(([nodeId, fields]) => [
      nodeId,
      Object.values(fields).map((draft) => draft.problem),
    ]),
  );
  return remember(state, findFlowProblems(state, fieldProblems));
}

function remember(state: ProblemInputs, problems: FlowProblem[]): ProblemCache {
  const byNode = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.nodeId === null) continue;
    const list = byNode.get(problem.nodeId) ?? [];
    list.push(problem.message);
    byNode.set(problem.nodeId, list);
  }
  cached = {
    nodes: state.nodes,
    edges: state.edges,
    invalidFields: state.invalidFields,
    settings: state.settings,
    problems,
    byNode,
  };
  return cached;
}

/**
 * Takes the problems of a document found elsewhere (an import's worker) as those of any state
 * with the same configurations and connections, so the page does not compute them again.
 */
export function rememberFlowProblems(state: ProblemInputs, problems: FlowProblem[]): void {
  remember(state, problems);
}

const noProblems: string[] = [];

/**
 * All problems of the open flow, computed once per change of what they depend on, shared by
 * every caller (the problems panel and each node's badge).
 */
export function selectFlowProblems(state: ProblemInputs): FlowProblem[] {
  return compute(state).problems;
}

export function selectNodeProblems(state: ProblemInputs, nodeId: string): string[] {
  return compute(state).byNode.get(nodeId) ?? noProblems;
}
