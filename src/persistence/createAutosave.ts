import type { FlowDocument } from '../domain/flowDocumentSchema';
import { flowFromCanvas } from '../store/appNode';
import { sameFlowDocument, type FlowDocumentState, type FlowStore } from '../store/createFlowStore';
import type { FlowRepository } from './flowRepository';

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'failed'; message: string; attempt: number; retryInMs: number }
  /** Another tab saved the flow since this one read it: nothing is written until it reloads. */
  | { state: 'conflict'; flowId: string };

export interface AutosaveOptions {
  /** Quiet time after the last change before writing. */
  delayMs?: number;
  /** Longest a change waits while the author keeps editing without a pause. */
  maxWaitMs?: number;
  /** Waits between retries of a failed save; the last one repeats. */
  retryDelaysMs?: readonly number[];
  onSaved?: (flowId: string, revision: number) => void;
}

/** The page events after which what is pending is written at once. */
export interface PageEvents {
  window: EventTarget;
  document: EventTarget & { visibilityState: DocumentVisibilityState };
}

export interface Autosave {
  getStatus: () => SaveStatus;
  subscribe: (listener: () => void) => () => void;
  /** Writes every pending change now. */
  flush: () => Promise<void>;
  /**
   * Shows `flow` as stored (read again after another tab saved it): `show` puts it in the store,
   * which is then not a change to write; what was pending or in conflict for it is dropped, or for
   * `replacedFlowId` when `flow` is a copy stored in its place.
   */
  replaceWithStored: (flow: FlowDocument, show: () => void, replacedFlowId?: string) => void;
  /** This tab's version of a flow that is not yet written (pending or refused), or null. */
  unsavedFlow: (flowId: string) => FlowDocument | null;
  /** Whether a change is not yet written (or being written): leaving now could lose it. */
  hasUnsavedChanges: () => boolean;
  /** Starts watching the store; the returned function stops and writes what is pending. */
  start: () => () => void;
  /**
   * Writes at once when a field loses focus and when the page is hidden or left (a reload right
   * after an edit must not lose it); the returned function stops watching.
   */
  watchPage: (page: PageEvents) => () => void;
}

/**
 * Writes the open flow to the repository shortly after every change, once started. A failed
 * write keeps the change pending, reports it and retries with backoff until it succeeds.
 */
export function createAutosave(
  store: FlowStore,
  repository: FlowRepository,
  {
    delayMs = 300,
    maxWaitMs = 1000,
    retryDelaysMs = [1000, 2000, 4000, 8000],
    onSaved,
  }: AutosaveOptions = {},
): Autosave {
  const pending = new Map<string, FlowDocumentState>();
  const lastSavedJson = new Map<string, string>();
  const listeners = new Set<() => void>();
  let status: SaveStatus = { state: 'saved' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failedAttempts = 0;
  let running: Promise<void> | null = null;
  /** When the oldest change not yet written was made. */
  let unsavedSince: number | null = null;
  /** Flows another tab saved since this one read them: their changes wait for a reload. */
  const conflicts = new Set<string>();
  let replacing = false;
  const isHeld = () => status.state === 'failed' || status.state === 'conflict';

  const setStatus = (next: SaveStatus) => {
    status = next;
    for (const listener of listeners) listener();
  };

  const schedule = (waitMs: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void saveAll(), waitMs);
  };

  const saveAll = async (): Promise<void> => {
    // A write in flight reschedules (on success) or retries (on failure) what is still pending.
    if (running) return running;
    running = writePending();
    try {
      await running;
    } finally {
      running = null;
    }
  };

  const writePending = async () => {
    clearTimeout(timer);
    const writable = [...pending].filter(([flowId]) => !conflicts.has(flowId));
    if (writable.length === 0) return;
    setStatus({ state: 'saving' });
    try {
      for (const [flowId, state] of writable) {
        const flow = flowFromCanvas(state);
        const json = JSON.stringify(flow);
        if (lastSavedJson.get(flowId) !== json) {
          const saved = await repository.saveFlow(flow);
          if (!saved.ok) {
            conflicts.add(flowId);
            continue;
          }
          lastSavedJson.set(flowId, json);
          onSaved?.(flowId, saved.revision);
        }
        if (pending.get(flowId) === state) pending.delete(flowId);
      }
      failedAttempts = 0;
      if (pending.size === 0) unsavedSince = null;
      const [conflicted] = conflicts;
      if (conflicted !== undefined) {
        setStatus({ state: 'conflict', flowId: conflicted });
        return;
      }
      setStatus(pending.size > 0 ? { state: 'pending' } : { state: 'saved' });
      if (pending.size > 0) schedule(delayMs);
    } catch (error) {
      failedAttempts += 1;
      const retryInMs =
        retryDelaysMs[Math.min(failedAttempts - 1, retryDelaysMs.length - 1)] ?? delayMs;
      setStatus({
        state: 'failed',
        message: error instanceof Error ? error.message : String(error),
        attempt: failedAttempts,
        retryInMs,
      });
      schedule(retryInMs);
    }
  };

  const initial = store.getState();
  lastSavedJson.set(initial.flowId, JSON.stringify(flowFromCanvas(initial)));

  const onStoreChange = (state: FlowDocumentState, previous: FlowDocumentState) => {
    if (replacing) return;
    const dragEnded =
      state.nodes !== previous.nodes &&
      previous.nodes.some((node) => node.dragging) &&
      !state.nodes.some((node) => node.dragging);
    if (state.flowId === previous.flowId && sameFlowDocument(previous, state)) {
      if (dragEnded && pending.size > 0 && !isHeld()) void saveAll();
      return;
    }
    if (state.flowId !== previous.flowId) {
      // A newly opened flow is as stored; what the previous one still owes is written now.
      lastSavedJson.set(state.flowId, JSON.stringify(flowFromCanvas(state)));
      if (pending.size > 0) void saveAll();
      return;
    }
    pending.set(state.flowId, state);
    const now = Date.now();
    unsavedSince ??= now;
    if (!isHeld()) {
      if (!running) setStatus({ state: 'pending' });
      // A dropped module is written at once: a reload right after a drag keeps the move.
      schedule(dragEnded ? 0 : Math.max(0, Math.min(delayMs, unsavedSince + maxWaitMs - now)));
    }
  };

  const writeNow = () => {
    if (pending.size > 0 && !isHeld()) void saveAll();
  };

  const unsavedJsonDiffers = () =>
    [...pending].some(
      ([flowId, state]) => lastSavedJson.get(flowId) !== JSON.stringify(flowFromCanvas(state)),
    );

  return {
    getStatus: () => status,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: async () => {
      await saveAll();
      // Changes made while a write was in flight are written too, unless writing just failed.
      if (pending.size > 0 && !isHeld()) await saveAll();
    },
    replaceWithStored: (flow, show, replacedFlowId = flow.id) => {
      replacing = true;
      try {
        show();
      } finally {
        replacing = false;
      }
      for (const flowId of [flow.id, replacedFlowId]) {
        pending.delete(flowId);
        conflicts.delete(flowId);
      }
      lastSavedJson.set(flow.id, JSON.stringify(flowFromCanvas(store.getState())));
      if (pending.size === 0) unsavedSince = null;
      const [conflicted] = conflicts;
      if (conflicted !== undefined) setStatus({ state: 'conflict', flowId: conflicted });
      else if (status.state === 'conflict' || pending.size === 0) {
        setStatus(pending.size > 0 ? { state: 'pending' } : { state: 'saved' });
        if (pending.size > 0) schedule(delayMs);
      }
    },
    unsavedFlow: (flowId) => {
      const state = pending.get(flowId);
      return state ? flowFromCanvas(state) : null;
    },
    hasUnsavedChanges: () => running !== null || unsavedJsonDiffers(),
    start: () => {
      const unsubscribe = store.subscribe(onStoreChange);
      return () => {
        unsubscribe();
        if (pending.size > 0) void saveAll();
      };
    },
    watchPage: ({ window, document }) => {
      // Leaving tries once more even after a failed write: this may be the last chance.
      const onLeave = () => {
        if (pending.size > 0) void saveAll();
      };
      const onHidden = () => {
        if (document.visibilityState === 'hidden') onLeave();
      };
      window.addEventListener('focusout', writeNow);
      window.addEventListener('pagehide', onLeave);
      document.addEventListener('visibilitychange', onHidden);
      return () => {
        window.removeEventListener('focusout', writeNow);
        window.removeEventListener('pagehide', onLeave);
        document.removeEventListener('visibilitychange', onHidden);
      };
    },
  };
}
