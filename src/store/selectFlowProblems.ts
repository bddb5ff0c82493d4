import {
  createFlowProblemFinder,
  type FieldProblems,
  type FlowProblem,
  type FlowProblems,
} from '../domain/findFlowProblems';
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
  cachedProblems = findProblems(state, fieldProblemsOf(state.invalidFields));
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
