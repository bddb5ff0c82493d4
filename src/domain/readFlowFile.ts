import { findFlowProblems, type FlowProblem } from './findFlowProblems';
import type { FlowDocument } from './flowDocumentSchema';
import { modulesOverlap, sizeOfModules } from './moduleBoxes';
import { parseFlowFile, type FlowFileError } from './parseFlowFile';

/** A flow file read for opening: the flow and what the editor computes first on showing it. */
export type ReadFlowFileResult =
  | { ok: true; flow: FlowDocument; problems: FlowProblem[]; modulesOverlap: boolean }
  | { ok: false; errors: FlowFileError[] };

/**
 * Parses a flow file (`parseFlowFile`) and, when it is valid, finds its problems and whether
 * its modules overlap: on a large flow these take seconds, so the import does all of it at once,
 * in a worker, instead of on the page.
 */
export function readFlowFile(text: string): ReadFlowFileResult {
  const parsed = parseFlowFile(text);
  if (!parsed.ok) return parsed;
  const { flow } = parsed;
  return {
    ok: true,
    flow,
    problems: findFlowProblems(flow),
    modulesOverlap: modulesOverlap(flow.nodes, sizeOfModules(flow.nodes)),
  };
}
