import { entryOf, type TestBenchStore } from '../store/createTestBenchStore';
import type { SaveStatus } from './createAutosave';
import type { TestBenchRepository } from './testBenchRepository';

export interface TestBenchAutosave {
  getStatus: () => SaveStatus;
  subscribe: (listener: () => void) => () => void;
  /** Writes what is owed now (the author's `Retry now`). */
  flush: () => Promise<void>;
  /** Whether a change is not yet written: leaving now could lose it. */
  hasUnsavedChanges: () => boolean;
  /** Starts watching the store; the returned function stops (a retry still waiting is dropped). */
  start: () => () => void;
}

/** What one bench still owes the storage; replaced, never changed, when it changes again. */
interface Owed {
  values: boolean;
  history: boolean;
}

/**
 * Writes every changed test bench to the browser's storage at once and reports the outcome to
 * the store (for the panel) and to its subscribers (for the header): the values when they
 * changed, the history (which may hold megabytes of responses) only when it did. Benches that
 * were only loaded are not written back. A refused write keeps the change in memory and is
 * retried with backoff until storage takes it; newer changes of the same bench join it.
 */
export function persistTestBenches(
  store: TestBenchStore,
  repository: TestBenchRepository,
  { retryDelaysMs = [1000, 2000, 4000, 8000] }: { retryDelaysMs?: readonly number[] } = {},
): TestBenchAutosave {
  const owed = new Map<string, Owed>();
  const listeners = new Set<() => void>();
  let status: SaveStatus = { state: 'saved' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failedAttempts = 0;
  let running: Promise<void> | null = null;

  const setStatus = (next: SaveStatus) => {
    status = next;
    for (const listener of listeners) listener();
  };

  const writeOwed = async () => {
    for (const [key, owes] of [...owed]) {
      const bench = entryOf(store.getState().benches, key);
      // The flow was deleted meanwhile: its bench must not come back.
      if (bench !== undefined) {
        await Promise.all([
          owes.values ? repository.saveValues(bench) : null,
          owes.history ? repository.saveHistory(bench) : null,
        ]);
      }
      if (owed.get(key) === owes) owed.delete(key);
    }
  };

  const writeAll = async () => {
    clearTimeout(timer);
    if (owed.size === 0) return;
    setStatus({ state: 'saving' });
    try {
      while (owed.size > 0) await writeOwed();
      failedAttempts = 0;
      setStatus({ state: 'saved' });
      store.getState().saveSettled(null);
    } catch (error) {
      failedAttempts += 1;
      const message = error instanceof Error ? error.message : String(error);
      const retryInMs =
        retryDelaysMs[Math.min(failedAttempts - 1, retryDelaysMs.length - 1)] ?? 1000;
      setStatus({ state: 'failed', message, attempt: failedAttempts, retryInMs });
      store.getState().saveSettled(message);
      timer = setTimeout(() => void saveAll(), retryInMs);
    }
  };

  const saveAll = async (): Promise<void> => {
    if (running) return running;
    if (owed.size === 0) return;
    running = writeAll();
    try {
      await running;
    } finally {
      running = null;
    }
    // A change that came as the last write ended has not been written yet.
    if (owed.size > 0 && status.state !== 'failed') await saveAll();
  };

  return {
    getStatus: () => status,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: saveAll,
    hasUnsavedChanges: () => owed.size > 0 || running !== null,
    start: () => {
      const unsubscribe = store.subscribe((state, previous) => {
        if (state.benches === previous.benches) return;
        for (const [key, bench] of Object.entries(state.benches)) {
          const before = entryOf(previous.benches, key);
          if (before === undefined || before === bench) continue;
          // Any field but the history, compared by reference: the store replaces what it changes.
          const valuesChanged = Object.keys(bench).some(
            (field) =>
              field !== 'history' && Reflect.get(bench, field) !== Reflect.get(before, field),
          );
          const earlier = owed.get(key);
          owed.set(key, {
            values: valuesChanged || earlier?.values === true,
            history: before.history !== bench.history || earlier?.history === true,
          });
        }
        // Also after a failure: a new change is a good moment to find storage working again.
        void saveAll();
      });
      return () => {
        unsubscribe();
        clearTimeout(timer);
      };
    },
  };
}
