import type { FlowDocument } from '../domain/flowDocumentSchema';
import { newId } from '../domain/newId';
import { uniqueFlowName } from '../domain/uniqueFlowName';
import { flowFromCanvas } from '../store/appNode';
import type { FlowStore } from '../store/createFlowStore';
import type { Autosave } from './createAutosave';
import type { FlowRepository } from './flowRepository';

export type KeepMyVersionResult = { ok: true; copy: FlowDocument } | { ok: false; message: string };

/**
 * For a flow another tab saved after this one read it: stores this tab's unsaved version as a
 * new flow ("<name> (my version)", its test benches fresh as for a duplicate) and opens that
 * copy here, so autosave goes on with the copy. The other tab's newer original is not written.
 * When the copy cannot be written, nothing is dropped and the reason comes back.
 */
export async function keepMyVersionAsCopy(
  store: FlowStore,
  autosave: Autosave,
  repository: FlowRepository,
  flowId: string,
): Promise<KeepMyVersionResult> {
  // A flow deleted in another tab may have nothing pending here: then the open version is kept.
  const open = store.getState();
  const mine =
    autosave.unsavedFlow(flowId) ?? (open.flowId === flowId ? flowFromCanvas(open) : null);
  if (mine === null) return { ok: false, message: 'This tab has no unsaved version of the flow.' };
  let copy: FlowDocument;
  try {
    const namesInUse = [
      store.getState().name,
      ...(await repository.listFlows()).map((f) => f.name),
    ];
    copy = {
      ...mine,
      id: newId('flow'),
      name: uniqueFlowName(`${mine.name} (my version)`, namesInUse),
    };
    const saved = await repository.saveFlow(copy);
    if (!saved.ok)
      return { ok: false, message: `${copy.name} was refused by the browser storage.` };
    autosave.replaceWithStored(copy, () => store.getState().loadFlow(copy), flowId);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  // The copy is stored and open; if this write fails, only a reload opens another flow.
  await repository.writeLastOpenFlowId(copy.id).catch(() => undefined);
  return { ok: true, copy };
}
