import type { TestBenchStore } from '../store/createTestBenchStore';
import type { TestBenchRepository } from './testBenchRepository';

/**
 * Writes every changed test bench to the browser's storage, in the order of the changes, and
 * reports the outcome to the store. Benches that were only loaded are not written back.
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
      const before = Object.hasOwn(previous.benches, key) ? previous.benches[key] : undefined;
      if (before === undefined || before === bench) continue;
      writes = writes.then(() =>
        repository.save(bench).then(
          () => store.getState().saveSettled(null),
          (error: unknown) =>
            store.getState().saveSettled(error instanceof Error ? error.message : String(error)),
        ),
      );
    }
  });
}
