import {
  createFlowProblemFinder,
  type FieldProblems,
  type FlowProblem,
  type FlowProblems,
} from '../domain/findFlowProblems';
import { sameConnections } from './appNode';
import type { FlowDocumentState, InvalidFields } from './createFlowStore';

/** What problems are computed from: the document and the inspector's invalid drafts. */
type ProblemInputs = Pick<FlowDocumentState, 'nodes' | 'edges'> &
  Partial<Pick<FlowDocumentState, 'settings'>> & { invalidFields: InvalidFields };

const findProblems = createFlowProblemFinder();
let cachedInputs: ProblemInputs | null = null;
let cachedProblems: FlowProblems | null = null;
let cachedInvalidFields: InvalidFields | null = null;
let fieldProblems: FieldProblems = new Map();

function fieldProblemsOf(invalidFields: InvalidFields): FieldProblems {
  if (invalidFields !== cachedInvalidFields) {
    cachedInvalidFields = invalidFields;
    fieldProblems = new Map(
      Object.entries(invalidFields).map(([nodeId, fields]) => [
        nodeId,
        Object.values(fields).map((draft) => draft.problem),
      ]),
    );
  }
  return fieldProblems;
}

/**
 * The open flow's problems, found once per change of the document (settings included) or the
 * drafts and shared by
 * every reader; only modules that changed are checked again (`createFlowProblemFinder`).
 */
export function selectProblemsIndex(state: ProblemInputs): FlowProblems {
  if (
    cachedProblems &&
    cachedInputs &&
    cachedInputs.nodes === state.nodes &&
    cachedInputs.edges === state.edges &&
    cachedInputs.invalidFields === state.invalidFields &&
    cachedInputs.settings === state.settings
  ) {
    return cachedProblems;
  }
  // Kept while only places and selection change (opening, zooming in, selecting a module), so
  // the first of those after a large import does not find every problem again.
  if (remembered && sameDocument(remembered.inputs, state)) {
    cachedProblems = remembered.problems;
  } else {
    remembered = null;
    cachedProblems = findProblems(state, fieldProblemsOf(state.invalidFields));
  }
  cachedInputs = {
    nodes: state.nodes,
    edges: state.edges,
    invalidFields: state.invalidFields,
    settings: state.settings,
  };
  return cachedProblems;
}

/** All problems of the open flow (the problems panel, the toolbar's count). */
export function selectFlowProblems(state: ProblemInputs): FlowProblem[] {
  return selectProblemsIndex(state).problems;
}

const noProblems: readonly string[] = [];

/** One module's problem messages. */
export function selectNodeProblems(state: ProblemInputs, nodeId: string): readonly string[] {
  return selectProblemsIndex(state).byNode.get(nodeId) ?? noProblems;
}

let remembered: { inputs: ProblemInputs; problems: FlowProblems } | null = null;

/** The same modules (names, configurations), connections and settings, without drafts. */
function sameDocument(a: ProblemInputs, b: ProblemInputs): boolean {
  return (
    a.nodes.length === b.nodes.length &&
    Object.keys(b.invalidFields).length === 0 &&
    a.settings === b.settings &&
    sameConnections(a.edges, b.edges) &&
    a.nodes.every((node, index) => {
      const other = b.nodes[index];
      return (
        other !== undefined &&
        node.id === other.id &&
        node.name === other.name &&
        node.data === other.data
      );
    })
  );
}

/**
 * Takes the problems of a document found elsewhere (an import's worker) as those of any state
 * with the same configurations and connections, so the page does not compute them again.
 */
export function rememberFlowProblems(state: ProblemInputs, problems: FlowProblem[]): void {
  const byNode = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.nodeId === null) continue;
    byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem.message]);
  }
  remembered = { inputs: state, problems: { problems, byNode } };
}
