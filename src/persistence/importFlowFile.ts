import type { FlowDocument } from '../domain/flowDocumentSchema';
import { newId } from '../domain/newId';
import type { FlowFileError } from '../domain/parseFlowFile';
import type { ReadFlowFileResult } from '../domain/readFlowFile';
import { uniqueFlowName } from '../domain/uniqueFlowName';
import type { FlowStore } from '../store/createFlowStore';
import { rememberFlowProblems } from '../store/selectFlowProblems';
import type { Autosave } from './createAutosave';
import type { FlowRepository } from './flowRepository';
import { importProgress, type ImportProgress } from './importProgress';

export type ImportFlowFileResult =
  | { ok: true; flow: FlowDocument; modulesOverlap: boolean }
  | { ok: false; reason: 'invalid-file'; errors: FlowFileError[] }
  /** The author cancelled before the flow was stored; nothing was written. */
  | { ok: false; reason: 'cancelled' }
  /** Another tab stored a flow of that id meanwhile; nothing was overwritten. */
  | { ok: false; reason: 'conflict'; flow: FlowDocument };

/**
 * Opens a read flow file (`readFlowFile`, or `readFlowFileInWorker` for the page) as a new flow:
 * named apart from the flows kept, given a fresh id when its own is taken, stored, then loaded
 * into the store after the open flow's pending changes are written. A file that does not parse,
 * or an import cancelled before it is stored, writes nothing and leaves the store as it was.
 */
export async function importFlowFile(
  read: ReadFlowFileResult | Promise<ReadFlowFileResult>,
  {
    repository,
    store,
    autosave,
    signal,
    onProgress,
  }: {
    repository: FlowRepository;
    store: FlowStore;
    autosave: Pick<Autosave, 'flush'>;
    /** Cancels the import while it can still leave everything as it was (until it is stored). */
    signal?: AbortSignal;
    onProgress?: (progress: ImportProgress) => void;
  },
): Promise<ImportFlowFileResult> {
  let parsed: ReadFlowFileResult;
  try {
    parsed = await read;
  } catch (error) {
    if (signal?.aborted) return { ok: false, reason: 'cancelled' };
    throw error;
  }
  if (!parsed.ok) return { ok: false, reason: 'invalid-file', errors: parsed.errors };
  // The open flow by the name it has now: a rename may not be saved yet.
  const { flowId, name } = store.getState();
  const stored = await repository.listFlows();
  if (signal?.aborted) return { ok: false, reason: 'cancelled' };
  const taken = stored.some((summary) => summary.id === parsed.flow.id);
  const kept = stored.filter((summary) => summary.id !== flowId);
  const flow: FlowDocument = {
    ...parsed.flow,
    id: taken ? newId('flow') : parsed.flow.id,
    name: uniqueFlowName(parsed.flow.name, [name, ...kept.map((summary) => summary.name)]),
  };
  onProgress?.(importProgress('saving'));
  const saved = await repository.saveFlow(flow);
  if (!saved.ok) return { ok: false, reason: 'conflict', flow };
  onProgress?.(importProgress('opening'));
  await autosave.flush();
  // Found in the worker: computing them again on the page would block it for seconds.
  rememberFlowProblems(
    { nodes: flow.nodes, edges: flow.edges, settings: flow.settings, invalidFields: {} },
    parsed.problems,
  );
  store.getState().loadFlow(flow);
  await repository.writeLastOpenFlowId(flow.id);
  return { ok: true, flow, modulesOverlap: parsed.modulesOverlap };
}
