import type { FlowDocument } from '../domain/flowDocumentSchema';
import { modulesOverlap, sizeOfModules } from '../domain/moduleBoxes';
import { newId } from '../domain/newId';
import { parseFlowFile, type FlowFileError } from '../domain/parseFlowFile';
import { uniqueFlowName } from '../domain/uniqueFlowName';
import type { FlowStore } from '../store/createFlowStore';
import type { Autosave } from './createAutosave';
import type { FlowRepository } from './flowRepository';

export type ImportFlowFileResult =
  | { ok: true; flow: FlowDocument; modulesOverlap: boolean }
  | { ok: false; reason: 'invalid-file'; errors: FlowFileError[] }
  /** Another tab stored a flow of that id meanwhile; nothing was overwritten. */
  | { ok: false; reason: 'conflict'; flow: FlowDocument };

/**
 * Opens the text of a flow file as a new flow: parsed, named apart from the flows kept, given a
 * fresh id when its own is taken, stored, then loaded into the store after the open flow's
 * pending changes are written. A file that does not parse writes nothing and leaves the store
 * as it was.
 */
export async function importFlowFile(
  text: string,
  {
    repository,
    store,
    autosave,
  }: { repository: FlowRepository; store: FlowStore; autosave: Pick<Autosave, 'flush'> },
): Promise<ImportFlowFileResult> {
  const parsed = parseFlowFile(text);
  if (!parsed.ok) return { ok: false, reason: 'invalid-file', errors: parsed.errors };
  const taken = (await repository.loadFlow(parsed.flow.id)).ok;
  // The open flow by the name it has now: a rename may not be saved yet.
  const { flowId, name } = store.getState();
  const kept = (await repository.listFlows()).filter((flow) => flow.id !== flowId);
  const flow: FlowDocument = {
    ...parsed.flow,
    id: taken ? newId('flow') : parsed.flow.id,
    name: uniqueFlowName(parsed.flow.name, [name, ...kept.map((summary) => summary.name)]),
  };
  const saved = await repository.saveFlow(flow);
  if (!saved.ok) return { ok: false, reason: 'conflict', flow };
  await autosave.flush();
  store.getState().loadFlow(flow);
  await repository.writeLastOpenFlowId(flow.id);
  return { ok: true, flow, modulesOverlap: modulesOverlap(flow.nodes, sizeOfModules(flow.nodes)) };
}
