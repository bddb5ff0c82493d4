import { describe, expect, it } from 'vitest';
import { persistTestBenches } from '../persistence/persistTestBenches';
import { type TestBenchRepository } from '../persistence/testBenchRepository';
import { emptyTestBench, type TestBench } from '../domain/webservice/testBenchRecords';
import { createTestBenchStore, testBenchKey } from './createTestBenchStore';

function recordingRepository(failWith: { error: Error | null } = { error: null }) {
  const saved: TestBench[] = [];
  const savedHistories: TestBench['history'][] = [];
  const repository: TestBenchRepository = {
    load: (flowId, nodeId) =>
      Promise.resolve({ bench: emptyTestBench(flowId, nodeId), readProblem: null }),
    saveValues: (bench) => {
      if (failWith.error) return Promise.reject(failWith.error);
      saved.push(bench);
      return Promise.resolve({ ok: true, revision: saved.length });
    },
    saveHistory: (bench) => {
      if (failWith.error) return Promise.reject(failWith.error);
      savedHistories.push(bench.history);
      return Promise.resolve();
    },
  };
  return { repository, saved, savedHistories };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createTestBenchStore with persistTestBenches', () => {
  it('changes a loaded bench at once and writes each change in order', async () => {
    const store = createTestBenchStore();
    const { repository, saved } = recordingRepository();
    persistTestBenches(store, repository).start();
    store.getState().benchLoaded(emptyTestBench('f', 'n'));

    store.getState().changeBench('f', 'n', (bench) => ({ ...bench, sampleOverrides: { a: '1' } }));
    store.getState().changeBench('f', 'n', (bench) => ({ ...bench, sampleOverrides: { a: '12' } }));

    expect(store.getState().benches[testBenchKey('f', 'n')]?.sampleOverrides).toEqual({ a: '12' });
    await settle();
    expect(saved.map((bench) => bench.sampleOverrides)).toEqual([{ a: '1' }, { a: '12' }]);
  });

  it('writes the history only when it changed, and the values only when they did', async () => {
    const store = createTestBenchStore();
    const { repository, saved, savedHistories } = recordingRepository();
    persistTestBenches(store, repository).start();
    store.getState().benchLoaded(emptyTestBench('f', 'n'));

    store.getState().changeBench('f', 'n', (bench) => ({ ...bench, timeoutMs: 300 }));
    await settle();
    expect(saved).toHaveLength(1);
    expect(savedHistories).toHaveLength(0);

    const run = { id: 'run-1' };
    store.getState().changeBench('f', 'n', (bench) => ({
      ...bench,
      history: [
        {
          ...run,
          startedAt: 1,
          request: { url: '', authorization: '', body: '{}', timeoutMs: 300 },
          expectedVariables: [],
          result: { outcome: 'rejected', reason: 'no' },
        },
      ],
    }));
    await settle();
    expect(saved).toHaveLength(1);
    expect(savedHistories.map((history) => history.map((entry) => entry.id))).toEqual([['run-1']]);
  });

  it('does not write back what it only read, nor change a bench it never read', async () => {
    const store = createTestBenchStore();
    const { repository, saved } = recordingRepository();
    persistTestBenches(store, repository).start();

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
    persistTestBenches(store, repository).start();
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

describe('deleting a flow in the test-bench store', () => {
  it('forgets its benches, and they are not written again', async () => {
    const store = createTestBenchStore();
    const { repository, saved } = recordingRepository();
    persistTestBenches(store, repository).start();
    store.getState().benchLoaded(emptyTestBench('gone', 'n'));
    store.getState().benchLoaded(emptyTestBench('kept', 'n'));

    store.getState().changeBench('gone', 'n', (bench) => ({ ...bench, timeoutMs: 300 }));
    store.getState().flowDeleted('gone');
    // A run that finishes after the deletion finds no bench to add to.
    store.getState().changeBench('gone', 'n', (bench) => ({ ...bench, timeoutMs: 400 }));
    await settle();

    expect(Object.keys(store.getState().benches)).toEqual([testBenchKey('kept', 'n')]);
    // Written at once, the edit made before the deletion went to storage first (where deleting
    // the flow removes it); nothing is written for the flow after it was deleted.
    expect(saved.map((bench) => bench.timeoutMs)).toEqual([300]);
  });
});
