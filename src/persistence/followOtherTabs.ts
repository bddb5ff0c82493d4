import { z } from 'zod';
import { newId } from '../domain/newId';
import type { FlowStore } from '../store/createFlowStore';
import type { Autosave } from './createAutosave';
import type { FlowRepository } from './flowRepository';

const channelName = 'flowbench-flows';

/** Messages are parsed: another tab may run an older or newer Flowbench. */
const flowSavedMessageSchema = z.object({
  type: z.literal('flow-saved'),
  flowId: z.string(),
  revision: z.int(),
  from: z.string(),
});
export type FlowSavedMessage = z.infer<typeof flowSavedMessageSchema>;

/** This page's id: a tab's own messages reach its other channel objects too. */
const thisTab = newId('tab');

/** Tells the other tabs of this browser that a flow was saved (where BroadcastChannel exists). */
export function announceFlowSaved(flowId: string, revision: number): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(channelName);
  const message: FlowSavedMessage = { type: 'flow-saved', flowId, revision, from: thisTab };
  channel.postMessage(message);
  channel.close();
}

/**
 * Keeps the open flow in step with other tabs: when another tab saved it and this one has
 * nothing unsaved, the newer flow is read and shown. With unsaved changes nothing happens
 * here; the revision check refuses their write and autosave reports the conflict. Returns the
 * function that stops listening.
 */
export function followOtherTabs(
  store: FlowStore,
  autosave: Autosave,
  repository: FlowRepository,
): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(channelName);
  const newestSeen = new Map<string, number>();
  channel.onmessage = (event: MessageEvent) => {
    const message = flowSavedMessageSchema.safeParse(event.data);
    if (!message.success || message.data.from === thisTab) return;
    const { flowId, revision } = message.data;
    if (flowId !== store.getState().flowId || (newestSeen.get(flowId) ?? -1) >= revision) return;
    newestSeen.set(flowId, revision);
    if (autosave.hasUnsavedChanges()) return;
    void repository.loadFlow(flowId).then((loaded) => {
      // Nothing may have been typed or opened meanwhile: that would be overwritten on screen.
      if (!loaded.ok || store.getState().flowId !== flowId || autosave.hasUnsavedChanges()) return;
      autosave.replaceWithStored(loaded.flow, () => store.getState().loadFlow(loaded.flow));
    });
  };
  return () => channel.close();
}

/**
 * Reads the flow again and shows it, dropping this tab's changes that another tab's newer save
 * refused. Resolves to why that failed, or null.
 */
export async function reloadStoredFlow(
  store: FlowStore,
  autosave: Autosave,
  repository: FlowRepository,
  flowId: string,
): Promise<string | null> {
  const loaded = await repository.loadFlow(flowId);
  if (!loaded.ok) {
    return loaded.reason === 'missing'
      ? 'The flow was deleted in another tab.'
      : `The stored flow is damaged: ${loaded.message}`;
  }
  autosave.replaceWithStored(loaded.flow, () => store.getState().loadFlow(loaded.flow));
  return null;
}
