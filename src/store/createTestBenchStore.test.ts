import { describe, expect, it } from 'vitest';
import { persistTestBenches } from '../persistence/persistTestBenches';
import {
  emptyTestBench,
  type TestBench,
  type TestBenchRepository,
} from '../persistence/testBenchRepository';
import { createTestBenchStore, testBenchKey } from './createTestBenchStore';

function recordingRepository(failWith: { error: Error | null } = { error: null }) {
  const saved: TestBench[] = [];
  const repository: TestBenchRepository = {
    load: (flowId, nodeId) => Promise.resolve(emptyTestBench(flowId, nodeId)),
    save: (bench) => {
      if (failWith.error) return Promise.reject(failWith.error);
      saved.push(bench);
      return Promise.resolve();
    },
  };
  return { repository, saved };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createTestBenchStore with persistTestBenches', () => {
  it('changes a loaded bench at once and writes each change in order', async () => {
    const store = createTestBenchStore();
    const { repository, saved } = recordingRepository();
    persistTestBenches(store, repository);
    store.getState().benchLoaded(emptyTestBench('f', 'n'));

    store.getState().changeBench('f', 'n', (bench) => ({ ...bench, sampleOverrides: { a: '1' } }));
    store.getState().changeBench('f', 'n', (bench) => ({ ...bench, sampleOverrides: { a: '12' } }));

    expect(store.getState().benches[testBenchKey('f', 'n')]?.sampleOverrides).toEqual({ a: '12' });
    await settle();
    expect(saved.map((bench) => bench.sampleOverrides)).toEqual([{ a: '1' }, { a: '12' }]);
  });

  it('does not write back what it only read, nor change a bench it never read', async () => {
    const store = createTestBenchStore();
    const { repository, saved } = recordingRepository();
    persistTestBenches(store, repository);

    store.getState().benchLoaded(emptyTestBench('f', 'n'));
    store.getState().changeBench('f', 'unknown', (bench) => ({ ...bench, timeoutMs: 300 }));
    await settle();

    expect(saved).toEqual([]);
    expect(Object.keys(store.getState().benches)).toEqual([testBenchKey('f', 'n')]);
  });

  it('keeps the live bench when a slower read of the same node arrives later', () => {
    const store = createTestBenchStore();
    store.getState().benchLoaded(emptyTestBench('f', 'n'));
    store.getState().changeBench('f', 'n', (bench) => ({ ...bench, timeoutMs: 300 }));

    store.getState().benchLoaded(emptyTestBench('f', 'n'));

    expect(store.getState().benches[testBenchKey('f', 'n')]?.timeoutMs).toBe(300);
  });

  it('reports a failed write, keeps the change, and clears the report after a good write', async () => {
    const store = createTestBenchStore();
    const failure: { error: Error | null } = { error: new Error('QuotaExceededError') };
    const { repository, saved } = recordingRepository(failure);
    persistTestBenches(store, repository);
    store.getState().benchLoaded(emptyTestBench('f', 'n'));

    store.getState().changeBench('f', 'n', (bench) => ({ ...bench, timeoutMs: 300 }));
    await settle();
    expect(store.getState().saveError).toBe('QuotaExceededError');
    expect(store.getState().benches[testBenchKey('f', 'n')]?.timeoutMs).toBe(300);

    failure.error = null;
    store.getState().changeBench('f', 'n', (bench) => ({ ...bench, timeoutMs: 400 }));
    await settle();
    expect(store.getState().saveError).toBeNull();
    expect(saved.at(-1)?.timeoutMs).toBe(400);
  });
});
