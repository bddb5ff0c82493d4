import { createStore } from 'zustand/vanilla';
import type { TestBench } from '../persistence/testBenchRepository';

export function testBenchKey(flowId: string, nodeId: string): string {
  return JSON.stringify([flowId, nodeId]);
}

export interface TestBenchState {
  /** The test benches read so far, by `testBenchKey`; the live copy the panel renders from. */
  benches: Readonly<Record<string, TestBench>>;
  /** Why the last write to the browser's storage failed, or null after a good one. */
  saveError: string | null;
  /**
   * The test calls under way, by `testBenchKey`: kept here rather than in the panel, so a node
   * left and selected again still shows its call waiting and can cancel it.
   */
  running: Readonly<Record<string, RunningTest>>;
  runStarted: (flowId: string, nodeId: string, run: RunningTest) => void;
  runEnded: (flowId: string, nodeId: string, run: RunningTest) => void;
  /** Adds a bench as read from storage, unless one is already here (and maybe newer). */
  benchLoaded: (bench: TestBench) => void;
  /** Changes a bench that was loaded; the persistence layer writes it back. */
  changeBench: (flowId: string, nodeId: string, change: (current: TestBench) => TestBench) => void;
  saveSettled: (error: string | null) => void;
}

export interface RunningTest {
  submittedAt: number;
  cancel: () => void;
}

export type TestBenchStore = ReturnType<typeof createTestBenchStore>;

/**
 * The WebService test benches of the open session: sample values, params, timeout, raw body
 * and history per node. Synchronous, so an input edited mid-text keeps its cursor; writing to
 * IndexedDB is `persistTestBenches`' job.
 */
export function createTestBenchStore() {
  return createStore<TestBenchState>()((set, get) => ({
    benches: {},
    saveError: null,
    benchLoaded: (bench) => {
      const key = testBenchKey(bench.flowId, bench.nodeId);
      if (Object.hasOwn(get().benches, key)) return;
      set({ benches: { ...get().benches, [key]: bench } });
    },
    changeBench: (flowId, nodeId, change) => {
      const key = testBenchKey(flowId, nodeId);
      const current = get().benches[key];
      if (!current) return;
      set({ benches: { ...get().benches, [key]: change(current) } });
    },
    running: {},
    runStarted: (flowId, nodeId, run) => {
      set({ running: { ...get().running, [testBenchKey(flowId, nodeId)]: run } });
    },
    runEnded: (flowId, nodeId, run) => {
      const key = testBenchKey(flowId, nodeId);
      if (get().running[key] !== run) return;
      set({
        running: Object.fromEntries(
          Object.entries(get().running).filter(([other]) => other !== key),
        ),
      });
    },
    saveSettled: (saveError) => {
      if (get().saveError !== saveError) set({ saveError });
    },
  }));
}
