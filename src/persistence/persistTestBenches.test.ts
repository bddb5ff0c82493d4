import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBenchStore, testBenchKey } from '../store/createTestBenchStore';
import { persistTestBenches } from './persistTestBenches';
import { type TestBenchRepository } from './testBenchRepository';
import { emptyTestBench, type TestBench } from '../domain/webservice/testBenchRecords';

/** A repository whose writes fail while `refuse` holds a reason, as a full disk would. */
function flakyRepository() {
  const saved: TestBench[] = [];
  const storage: { refuse: string | null; attempts: number } = { refuse: null, attempts: 0 };
  const repository: TestBenchRepository = {
    load: (flowId, nodeId) =>
      Promise.resolve({ bench: emptyTestBench(flowId, nodeId), readProblem: null }),
    saveValues: (bench) => {
      storage.attempts += 1;
      if (storage.refuse !== null) return Promise.reject(new Error(storage.refuse));
      saved.push(bench);
      return Promise.resolve({ ok: true, revision: saved.length });
    },
    saveHistory: () => Promise.resolve(),
  };
  return { repository, saved, storage };
}

function setUp() {
  const store = createTestBenchStore();
  const { repository, saved, storage } = flakyRepository();
  const autosave = persistTestBenches(store, repository, { retryDelaysMs: [1000, 2000, 4000] });
  const stop = autosave.start();
  store.getState().benchLoaded(emptyTestBench('f', 'n'));
  const typeSample = (value: string) =>
    store.getState().changeBench('f', 'n', (bench) => ({
      ...bench,
      sampleOverrides: { email: value },
    }));
  return { store, autosave, saved, storage, stop, typeSample };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('persistTestBenches', () => {
  it('writes a change at once and reports saved', async () => {
    const { autosave, saved, typeSample } = setUp();

    typeSample('a@example.org');
    expect(autosave.hasUnsavedChanges()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);

    expect(saved.map((bench) => bench.sampleOverrides)).toEqual([{ email: 'a@example.org' }]);
    expect(autosave.getStatus()).toEqual({ state: 'saved' });
    expect(autosave.hasUnsavedChanges()).toBe(false);
  });

  it('reports a refused write, keeps the change and retries with backoff until storage takes it', async () => {
    const { store, autosave, saved, storage, typeSample } = setUp();
    storage.refuse = 'The disk is full';

    typeSample('kept@example.org');
    await vi.advanceTimersByTimeAsync(0);

    expect(autosave.getStatus()).toEqual({
      state: 'failed',
      message: 'The disk is full',
      attempt: 1,
      retryInMs: 1000,
    });
    expect(store.getState().saveError).toBe('The disk is full');
    expect(store.getState().benches[testBenchKey('f', 'n')]?.sampleOverrides).toEqual({
      email: 'kept@example.org',
    });
    expect(autosave.hasUnsavedChanges()).toBe(true);

    await vi.advanceTimersByTimeAsync(1000);
    expect(storage.attempts).toBe(2);
    expect(autosave.getStatus()).toMatchObject({ state: 'failed', attempt: 2, retryInMs: 2000 });
    await vi.advanceTimersByTimeAsync(1999);
    expect(storage.attempts).toBe(2);

    storage.refuse = null;
    await vi.advanceTimersByTimeAsync(1);

    expect(saved.map((bench) => bench.sampleOverrides)).toEqual([{ email: 'kept@example.org' }]);
    expect(autosave.getStatus()).toEqual({ state: 'saved' });
    expect(store.getState().saveError).toBeNull();
    expect(autosave.hasUnsavedChanges()).toBe(false);
  });

  it('writes the newest values of a bench changed again while storage refused', async () => {
    const { autosave, saved, storage, typeSample } = setUp();
    storage.refuse = 'closed database';
    typeSample('first');
    await vi.advanceTimersByTimeAsync(0);
    typeSample('second');
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.getStatus().state).toBe('failed');

    storage.refuse = null;
    await autosave.flush();

    expect(saved.map((bench) => bench.sampleOverrides)).toEqual([{ email: 'second' }]);
    expect(autosave.getStatus()).toEqual({ state: 'saved' });
  });

  it('stops retrying once stopped', async () => {
    const { storage, stop, typeSample } = setUp();
    storage.refuse = 'The disk is full';
    typeSample('x');
    await vi.advanceTimersByTimeAsync(0);

    stop();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(storage.attempts).toBe(1);
  });
});
