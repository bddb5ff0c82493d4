import type { FlowProblem } from '../domain/findFlowProblems';
import type { FlowDocument } from '../domain/flowDocumentSchema';
import type { FlowFileError } from '../domain/parseFlowFile';

/** What the page asks of the flow file worker: read this file. */
export interface FlowFileWorkerRequest {
  file: Blob;
}

/** Where reading a file stands, as the worker reports it. */
export type FlowFileWorkerPhase = 'reading' | 'checking';

/**
 * The worker's answers, in order: progress, then either `invalid`, or `flow` followed by its
 * nodes and edges in slices and `done`. A whole large flow in one message would take the page
 * as long to receive as to parse; slices arrive as separate short tasks.
 */
export type FlowFileWorkerReply =
  | { type: 'progress'; phase: FlowFileWorkerPhase }
  | { type: 'invalid'; errors: FlowFileError[] }
  | {
      type: 'flow';
      flow: Omit<FlowDocument, 'nodes' | 'edges'>;
      nodeCount: number;
      edgeCount: number;
      problems: FlowProblem[];
      modulesOverlap: boolean;
    }
  | { type: 'nodes'; nodes: FlowDocument['nodes'] }
  | { type: 'edges'; edges: FlowDocument['edges'] }
  | { type: 'done' }
  | { type: 'failed'; message: string };

/** Modules per message: each slice is received in a task well under 50 ms. */
export const nodesPerSlice = 2000;
export const edgesPerSlice = 5000;
