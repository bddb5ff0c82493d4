import { createStore } from 'zustand/vanilla';
import type { TestBench } from '../domain/webservice/testBenchRecords';

export function testBenchKey(flowId: string, nodeId: string): string {
  return JSON.stringify([flowId, nodeId]);
}

/** A node's entry in one of the store's records (`benches`, `replacedNotices`), if any. */
export function entryOf<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export interface TestBenchState {
  /** The test benches read so far, by `testBenchKey`; the live copy the panel renders from. */
  benches: Readonly<Record<string, TestBench>>;
  /** Why the last write to the browser's storage failed, or null after a good one. */
  saveError: string | null;
  /** Forgets a deleted flow's benches, so nothing writes for it again. */
  flowDeleted: (flowId: string) => void;
  /** Adds a bench as read from storage, unless one is already here (and maybe newer). */
  benchLoaded: (bench: TestBench) => void;
  /** Changes a bench that was loaded; the persistence layer writes it back. */
  changeBench: (flowId: string, nodeId: string, change: (current: TestBench) => TestBench) => void;
  /**
   * Puts values read from storage (newer, or merged with another tab's) in place of a loaded
   * bench's, keeping its history; the revision tells the persistence layer they came from there.
   */
  valuesReplaced: (bench: TestBench) => void;
  /** What the last write of another tab replaced of this tab's values, by `testBenchKey`. */
  replacedNotices: Readonly<Record<string, string>>;
  saveSettled: (error: string | null) => void;
  noticeReplaced: (flowId: string, nodeId: string, notice: string | null) => void;
}

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([other]) => other !== key));
}

/** Whether a `testBenchKey` is one of the flow's: `["flow-1","node"]` starts with `["flow-1",`. */
function keyBelongsTo(key: string, flowId: string): boolean {
  return key.startsWith(`${JSON.stringify([flowId]).slice(0, -1)},`);
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
    valuesReplaced: (bench) => {
      const key = testBenchKey(bench.flowId, bench.nodeId);
      const current = get().benches[key];
      if (!current) return;
      set({ benches: { ...get().benches, [key]: { ...bench, history: current.history } } });
    },
    replacedNotices: {},
    noticeReplaced: (flowId, nodeId, notice) => {
      const key = testBenchKey(flowId, nodeId);
      const notices = withoutKey(get().replacedNotices, key);
      if (notice === null && !Object.hasOwn(get().replacedNotices, key)) return;
      set({ replacedNotices: notice === null ? notices : { ...notices, [key]: notice } });
    },
    flowDeleted: (flowId) => {
      const keep = <T>(record: Readonly<Record<string, T>>) =>
        Object.fromEntries(Object.entries(record).filter(([key]) => !keyBelongsTo(key, flowId)));
      set({ benches: keep(get().benches) });
    },
    saveSettled: (saveError) => {
      if (get().saveError !== saveError) set({ saveError });
    },
  }));
}
