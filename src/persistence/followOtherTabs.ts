import { z } from 'zod';
import { newId } from '../domain/newId';
import type { FlowStore } from '../store/createFlowStore';
import type { Autosave } from './createAutosave';
import type { FlowRepository } from './flowRepository';

const channelName = 'flowbench-flows';

/** Messages are parsed: another tab may run an older or newer Flowbench. */
const flowChangedMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('flow-saved'),
    flowId: z.string(),
    revision: z.int(),
    from: z.string(),
  }),
  z.object({ type: z.literal('flow-deleted'), flowId: z.string(), from: z.string() }),
]);
export type FlowChangedMessage = z.infer<typeof flowChangedMessageSchema>;

/** This page's id: a tab's own messages reach its other channel objects too. */
const thisTab = newId('tab');

function announce(message: FlowChangedMessage): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(channelName);
  channel.postMessage(message);
  channel.close();
}

/**
 * The repository as one tab uses it: every save and delete, whoever makes it (autosave, the
 * flow list, import, keep-as-copy), is told to the other tabs of this browser.
 */
export function announceToOtherTabs(repository: FlowRepository, tabId = thisTab): FlowRepository {
  return {
    ...repository,
    saveFlow: async (flow) => {
      const saved = await repository.saveFlow(flow);
      if (saved.ok) {
        announce({ type: 'flow-saved', flowId: flow.id, revision: saved.revision, from: tabId });
      }
      return saved;
    },
    deleteFlow: async (id) => {
      await repository.deleteFlow(id);
      announce({ type: 'flow-deleted', flowId: id, from: tabId });
    },
  };
}

export interface FollowOtherTabsOptions {
  /** Told of every change another tab made, e.g. to refresh the list of flows. */
  onOtherTabChange?: () => void;
  tabId?: string;
}

/**
 * Keeps this tab in step with the others. When another tab saved the open flow and this one has
 * nothing unsaved (no pending change, no invalid draft in the inspector), the newer flow is read
 * and shown. Otherwise, and for a flow deleted elsewhere, autosave holds this tab's version of it
 * as stale, so it is neither thrown away nor written over the other tab's work. Returns the
 * function that stops listening.
 */
export function followOtherTabs(
  store: FlowStore,
  autosave: Autosave,
  repository: FlowRepository,
  { onOtherTabChange, tabId = thisTab }: FollowOtherTabsOptions = {},
): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(channelName);
  const newestSeen = new Map<string, number>();
  const isOpen = (flowId: string) => store.getState().flowId === flowId;
  const safeToReplace = () =>
    !autosave.hasUnsavedChanges() && Object.keys(store.getState().invalidFields).length === 0;
  const heldHere = (flowId: string) => isOpen(flowId) || autosave.unsavedFlow(flowId) !== null;

  channel.onmessage = (event: MessageEvent) => {
    const message = flowChangedMessageSchema.safeParse(event.data);
    if (!message.success || message.data.from === tabId) return;
    onOtherTabChange?.();
    const { flowId } = message.data;
    if (message.data.type === 'flow-deleted') {
      if (heldHere(flowId)) autosave.markStale(flowId, 'deleted');
      return;
    }
    const { revision } = message.data;
    if ((newestSeen.get(flowId) ?? -1) >= revision || !heldHere(flowId)) return;
    newestSeen.set(flowId, revision);
    if (!isOpen(flowId) || !safeToReplace()) {
      autosave.markStale(flowId, 'changed');
      return;
    }
    void repository.loadFlow(flowId).then((loaded) => {
      if (!loaded.ok || !isOpen(flowId)) return;
      // Something typed meanwhile would be overwritten on screen.
      if (!safeToReplace()) autosave.markStale(flowId, 'changed');
      else autosave.replaceWithStored(loaded.flow, () => store.getState().loadFlow(loaded.flow));
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
