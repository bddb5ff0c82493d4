import { entryOf, testBenchKey, type TestBenchStore } from '../store/createTestBenchStore';
import { sameSaveStatus, type SaveStatus } from './createAutosave';
import { mergeTestValues, testValuesDiffer } from './mergeTestValues';
import type { TestBenchRepository } from './testBenchRepository';
import type { TestBench } from '../domain/webservice/testBenchRecords';
import {
  openTestValuesChannel,
  type TestValuesChannel,
  type TestValuesSaved,
} from './testValuesChannel';

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
 *
 * Values are written on top of the revision this tab read or wrote last. When another tab wrote
 * meanwhile, the two are merged field by field (see `mergeTestValues`), the author is told which
 * of their fields gave way, and the merge is written. Values another tab saved are read again
 * when this tab owes nothing for that bench.
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
  /** Each bench's values as last read from or written to storage, with that revision. */
  const bases = new Map<string, TestBench>();
  let channel: TestValuesChannel | null = null;

  const setStatus = (next: SaveStatus) => {
    if (sameSaveStatus(status, next)) return;
    status = next;
    for (const listener of listeners) listener();
  };

  const writeValues = async (key: string, bench: TestBench) => {
    const base = bases.get(key) ?? bench;
    let mine: TestBench = { ...bench, revision: base.revision };
    let from = base;
    const replaced = new Set<string>();
    for (;;) {
      const saved = await repository.saveValues(mine);
      if (saved.ok) {
        mine = { ...mine, revision: saved.revision };
        break;
      }
      const merged = mergeTestValues(from, mine, saved.stored);
      for (const field of merged.replaced) replaced.add(field);
      from = saved.stored;
      mine = merged.bench;
    }
    bases.set(key, mine);
    channel?.announce({ flowId: bench.flowId, nodeId: bench.nodeId, revision: mine.revision });
    const { flowId, nodeId } = bench;
    const current = entryOf(store.getState().benches, key);
    if (current !== undefined && from !== base) {
      // Edits made while this write was under way are kept over what it brought in.
      const shown = mergeTestValues(bench, current, mine);
      for (const field of shown.replaced) replaced.add(field);
      store.getState().valuesReplaced(shown.bench);
    }
    store
      .getState()
      .noticeReplaced(
        flowId,
        nodeId,
        replaced.size === 0
          ? null
          : `Another tab changed these test values; yours for ${[...replaced].join(', ')} were replaced.`,
      );
  };

  const reloadSavedElsewhere = async ({ flowId, nodeId, revision }: TestValuesSaved) => {
    const key = testBenchKey(flowId, nodeId);
    const before = entryOf(store.getState().benches, key);
    const base = bases.get(key);
    const owesNothing = () => !owed.has(key) && entryOf(store.getState().benches, key) === before;
    if (before === undefined || base === undefined || revision <= base.revision || !owesNothing()) {
      return;
    }
    const { bench } = await repository.load(flowId, nodeId);
    // An edit made while reading wins: its write merges with the newer values instead.
    if (!owesNothing() || bench.revision <= (bases.get(key)?.revision ?? 0)) return;
    bases.set(key, bench);
    store.getState().valuesReplaced(bench);
  };

  const writeOwed = async () => {
    for (const [key, owes] of [...owed]) {
      const bench = entryOf(store.getState().benches, key);
      // The flow was deleted meanwhile: its bench must not come back.
      if (bench !== undefined) {
        await Promise.all([
          owes.values ? writeValues(key, bench) : null,
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
      channel = openTestValuesChannel((saved) => void reloadSavedElsewhere(saved));
      const unsubscribe = store.subscribe((state, previous) => {
        if (state.benches === previous.benches) return;
        for (const [key, bench] of Object.entries(state.benches)) {
          const before = entryOf(previous.benches, key);
          if (before === undefined) bases.set(key, bench);
          if (before === undefined || before === bench) continue;
          const earlier = owed.get(key);
          const base = bases.get(key);
          if (before.revision !== bench.revision && base !== undefined) {
            // Values from storage: owed only for edits of this tab they do not hold yet.
            // (A write under way that brought them is still owed until it ends.)
            if (testValuesDiffer(bench, base)) {
              owed.set(key, { values: true, history: earlier?.history === true });
            }
            continue;
          }
          // Any field but the history, compared by reference: the store replaces what it changes.
          const valuesChanged = Object.keys(bench).some(
            (field) =>
              field !== 'history' && Reflect.get(bench, field) !== Reflect.get(before, field),
          );
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
        channel?.close();
        channel = null;
      };
    },
  };
}
