import type { FlowDocument } from '../domain/flowDocumentSchema';
import { flowFromCanvas } from '../store/appNode';
import { sameFlowDocument, type FlowDocumentState, type FlowStore } from '../store/createFlowStore';
import type { FlowRepository } from './flowRepository';

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'failed'; message: string; attempt: number; retryInMs: number }
  /**
   * Another tab saved (or deleted) the open flow since this one read it: nothing of it is written
   * until it is reloaded or kept as a copy. Other flows are written as usual.
   */
  | { state: 'conflict'; flowId: string; reason: StaleReason };

/**
 * Whether two statuses say the same: listeners (the header, the whole editor layout above it)
 * hear of a change only, not of every keystroke that keeps the flow `pending`.
 */
export function sameSaveStatus(a: SaveStatus, b: SaveStatus): boolean {
  if (a === b) return true;
  const fieldsOfA = Object.entries(a);
  const fieldsOfB = new Map(Object.entries(b));
  return (
    fieldsOfA.length === fieldsOfB.size &&
    fieldsOfA.every(([name, value]) => fieldsOfB.get(name) === value)
  );
}

/** Why a flow's changes in this tab may not be written. */
export type StaleReason = 'changed' | 'deleted';

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
  /**
   * Another tab saved or deleted the flow after this one read it: its changes here are held
   * (reported as a conflict while it is open) instead of being written over that.
   */
  markStale: (flowId: string, reason: StaleReason) => void;
  /** The flow was deleted here: what was pending or in conflict for it is dropped. */
  forgetFlow: (flowId: string) => void;
  /** This tab's version of a flow that is not yet written (pending or refused), or null. */
  unsavedFlow: (flowId: string) => FlowDocument | null;
  /** Whether another tab saved or deleted the flow since this tab's version of it. */
  isStale: (flowId: string) => boolean;
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
  /**
   * The state each flow was last written (or read) as. Compared by `sameFlowDocument`, which
   * looks at object identity: serialising a flow of 50,000 modules to compare would take the
   * page for most of a second on every change.
   */
  const lastSaved = new Map<string, FlowDocumentState>();
  const isWritten = (flowId: string, state: FlowDocumentState) => {
    const saved = lastSaved.get(flowId);
    return saved !== undefined && sameFlowDocument(saved, state);
  };
  const listeners = new Set<() => void>();
  let status: SaveStatus = { state: 'saved' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failedAttempts = 0;
  let running: Promise<void> | null = null;
  /** When the oldest change not yet written was made. */
  let unsavedSince: number | null = null;
  /** Flows another tab saved or deleted since this one read them: their changes wait. */
  const conflicts = new Map<string, StaleReason>();
  let replacing = false;
  /** A failure holds every write (its retry is scheduled); a conflict only that flow's. */
  const isHeld = (flowId: string) => status.state === 'failed' || conflicts.has(flowId);
  const hasWritablePending = () => [...pending.keys()].some((flowId) => !conflicts.has(flowId));
  /** What is left once nothing is being written: a conflict shows only while its flow is open. */
  const settledStatus = (): SaveStatus => {
    const openFlowId = store.getState().flowId;
    const reason = conflicts.get(openFlowId);
    if (reason !== undefined) return { state: 'conflict', flowId: openFlowId, reason };
    return hasWritablePending() ? { state: 'pending' } : { state: 'saved' };
  };

  const setStatus = (next: SaveStatus) => {
    if (sameSaveStatus(status, next)) return;
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
    if (writable.length === 0) {
      if (status.state !== 'failed') setStatus(settledStatus());
      return;
    }
    setStatus({ state: 'saving' });
    try {
      for (const [flowId, state] of writable) {
        if (!isWritten(flowId, state)) {
          const saved = await repository.saveFlow(flowFromCanvas(state));
          if (!saved.ok) {
            conflicts.set(flowId, 'changed');
            continue;
          }
          lastSaved.set(flowId, state);
          onSaved?.(flowId, saved.revision);
        }
        if (pending.get(flowId) === state) pending.delete(flowId);
      }
      failedAttempts = 0;
      if (!hasWritablePending()) unsavedSince = null;
      setStatus(settledStatus());
      if (hasWritablePending()) schedule(delayMs);
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
  lastSaved.set(initial.flowId, initial);

  /** Whether a module of the list is being dragged; each list is looked through once. */
  const draggingIn = new WeakMap<FlowDocumentState['nodes'], boolean>();
  const isDragging = (nodes: FlowDocumentState['nodes']) => {
    let dragging = draggingIn.get(nodes);
    if (dragging === undefined) {
      dragging = nodes.some((node) => node.dragging);
      draggingIn.set(nodes, dragging);
    }
    return dragging;
  };

  const onStoreChange = (state: FlowDocumentState, previous: FlowDocumentState) => {
    if (replacing) return;
    const dragEnded =
      state.nodes !== previous.nodes && isDragging(previous.nodes) && !isDragging(state.nodes);
    if (state.flowId === previous.flowId && sameFlowDocument(previous, state)) {
      if (dragEnded && pending.has(state.flowId) && !isHeld(state.flowId)) void saveAll();
      return;
    }
    if (state.flowId !== previous.flowId) {
      // A newly opened flow is as stored, so what this tab held of it is gone from the screen;
      // what the previous one still owes is written now.
      pending.delete(state.flowId);
      conflicts.delete(state.flowId);
      lastSaved.set(state.flowId, state);
      if (hasWritablePending() && status.state !== 'failed') void saveAll();
      else if (!running && status.state !== 'failed') setStatus(settledStatus());
      return;
    }
    pending.set(state.flowId, state);
    const now = Date.now();
    unsavedSince ??= now;
    if (!isHeld(state.flowId)) {
      if (!running) setStatus({ state: 'pending' });
      // A dropped module is written at once: a reload right after a drag keeps the move.
      schedule(dragEnded ? 0 : Math.max(0, Math.min(delayMs, unsavedSince + maxWaitMs - now)));
    }
  };

  const writeNow = () => {
    if (hasWritablePending() && status.state !== 'failed') void saveAll();
  };

  /** Shows where things stand after pending or conflicted flows were dropped or added. */
  const settle = () => {
    if (!hasWritablePending()) unsavedSince = null;
    // A write in flight settles when it ends; a failure keeps its scheduled retry.
    if (running || (status.state === 'failed' && hasWritablePending())) return;
    const next = settledStatus();
    if (next.state === 'pending' && status.state !== 'pending') schedule(delayMs);
    setStatus(next);
  };

  const pendingDiffersFromWritten = () =>
    [...pending].some(([flowId, state]) => !isWritten(flowId, state));

  return {
    getStatus: () => status,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: async () => {
      await saveAll();
      // Changes made while a write was in flight are written too, unless writing just failed.
      if (hasWritablePending() && status.state !== 'failed') await saveAll();
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
      lastSaved.set(flow.id, store.getState());
      settle();
    },
    markStale: (flowId, reason) => {
      // A deletion outranks a save: writing again would bring the flow back.
      if (conflicts.get(flowId) !== 'deleted') conflicts.set(flowId, reason);
      settle();
    },
    forgetFlow: (flowId) => {
      pending.delete(flowId);
      conflicts.delete(flowId);
      lastSaved.delete(flowId);
      settle();
    },
    isStale: (flowId) => conflicts.has(flowId),
    unsavedFlow: (flowId) => {
      const state = pending.get(flowId);
      return state ? flowFromCanvas(state) : null;
    },
    hasUnsavedChanges: () => running !== null || pendingDiffersFromWritten(),
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
