import { entryOf, type TestBenchStore } from '../store/createTestBenchStore';
import type { TestBenchRepository } from './testBenchRepository';

/**
 * Writes every changed test bench to the browser's storage, in the order of the changes, and
 * reports the outcome to the store: the values when they changed, the history (which may hold
 * megabytes of responses) only when it did. Benches that were only loaded are not written back.
 * Returns the unsubscribe function.
 */
export function persistTestBenches(
  store: TestBenchStore,
  repository: TestBenchRepository,
): () => void {
  let writes = Promise.resolve();
  return store.subscribe((state, previous) => {
    if (state.benches === previous.benches) return;
    for (const [key, bench] of Object.entries(state.benches)) {
      const before = entryOf(previous.benches, key);
      if (before === undefined || before === bench) continue;
      const historyChanged = before.history !== bench.history;
      // Any field but the history, compared by reference: the store replaces what it changes.
      const valuesChanged = Object.keys(bench).some(
        (field) => field !== 'history' && Reflect.get(bench, field) !== Reflect.get(before, field),
      );
      writes = writes.then(() => {
        // The flow was deleted meanwhile: its bench must not come back.
        if (!Object.hasOwn(store.getState().benches, key)) return;
        return Promise.all([
          valuesChanged ? repository.saveValues(bench) : null,
          historyChanged ? repository.saveHistory(bench) : null,
        ]).then(
          () => store.getState().saveSettled(null),
          (error: unknown) =>
            store.getState().saveSettled(error instanceof Error ? error.message : String(error)),
        );
      });
    }
  });
}
