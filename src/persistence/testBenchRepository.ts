import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import {
  emptyTestBench,
  testBenchSchema,
  testHistoryLimit,
  type TestBench,
} from '../domain/webservice/testBenchRecords';
import {
  defaultDatabaseName,
  openFlowbenchDatabase,
  type FlowbenchDatabase,
} from './flowbenchDatabase';

export type SaveValuesResult =
  { ok: true; revision: number } | { ok: false; reason: 'conflict'; stored: TestBench };

export interface LoadedTestBench {
  bench: TestBench;
  readProblem: string | null;
}

export interface TestBenchRepository {
  /**
   * The node's test bench, or a fresh one when none was kept. A kept one that no longer reads
   * is replaced by a fresh one too, and `readProblem` says what was wrong, for the author.
   */
  load: (flowId: string, nodeId: string) => Promise<LoadedTestBench>;
  /**
   * Writes the values (samples, params, timeout, raw body), not the history, only on top of
   * `bench.revision` (compare-and-set in one transaction): when another tab wrote meanwhile,
   * nothing is written and the stored values come back, for the caller to merge.
   */
  saveValues: (bench: TestBench) => Promise<SaveValuesResult>;
  /**
   * Writes the history, newest `testHistoryLimit` runs, merged by run id with what is stored (runs
   * another tab added are kept).
   */
  saveHistory: (bench: TestBench) => Promise<void>;
}

const storedValuesSchema = testBenchSchema.omit({ history: true });
const storedHistorySchema = z.object({ history: testBenchSchema.shape.history });
const storedRevisionSchema = z.object({ revision: z.int().min(0) });

function revisionOf(record: unknown): number {
  const parsed = storedRevisionSchema.safeParse(record);
  return parsed.success ? parsed.data.revision : 0;
}

export function createIndexedDbTestBenchRepository(
  databaseName = defaultDatabaseName,
): TestBenchRepository {
  let database: Promise<IDBPDatabase<FlowbenchDatabase>> | null = null;
  const open = () => (database ??= openFlowbenchDatabase(databaseName));
  return {
    load: async (flowId, nodeId) => {
      const database = await open();
      const [values, history] = await Promise.all([
        database.get('testBenches', [flowId, nodeId]),
        database.get('testHistories', [flowId, nodeId]),
      ]);
      const parsedValues = testBenchSchema.safeParse(values ?? { flowId, nodeId });
      const parsedHistory = storedHistorySchema.safeParse(history ?? { history: [] });
      const problems = [
        ...(parsedValues.success ? [] : [`values: ${z.prettifyError(parsedValues.error)}`]),
        ...(parsedHistory.success ? [] : [`history: ${z.prettifyError(parsedHistory.error)}`]),
      ];
      return {
        bench: {
          ...(parsedValues.success ? parsedValues.data : emptyTestBench(flowId, nodeId)),
          // A damaged record keeps its revision, so the fresh values may be written over it.
          revision: revisionOf(values),
          history: parsedHistory.success ? parsedHistory.data.history : [],
        },
        readProblem: problems.length > 0 ? problems.join('\n') : null,
      };
    },
    saveValues: async (bench) => {
      const { flowId, nodeId } = bench;
      const transaction = (await open()).transaction('testBenches', 'readwrite');
      const stored = await transaction.store.get([flowId, nodeId]);
      const storedRevision = revisionOf(stored);
      if (storedRevision !== bench.revision) {
        await transaction.done;
        const parsed = testBenchSchema.safeParse(stored ?? { flowId, nodeId });
        const values = parsed.success ? parsed.data : emptyTestBench(flowId, nodeId);
        return {
          ok: false,
          reason: 'conflict',
          stored: { ...values, revision: storedRevision, history: bench.history },
        };
      }
      const revision = storedRevision + 1;
      await Promise.all([
        transaction.store.put(storedValuesSchema.parse({ ...bench, revision })),
        transaction.done,
      ]);
      return { ok: true, revision };
    },
    saveHistory: async ({ flowId, nodeId, history }) => {
      // Runs never change once made: the runs another tab kept meanwhile are merged in, in one
      // transaction, so two tabs testing the same node both keep their runs.
      const transaction = (await open()).transaction('testHistories', 'readwrite');
      const stored = storedHistorySchema.safeParse(await transaction.store.get([flowId, nodeId]));
      const merged = new Map(
        [...history, ...(stored.success ? stored.data.history : [])].map((run) => [run.id, run]),
      );
      const newestFirst = [...merged.values()].sort((a, b) => b.startedAt - a.startedAt);
      await Promise.all([
        transaction.store.put({ flowId, nodeId, history: newestFirst.slice(0, testHistoryLimit) }),
        transaction.done,
      ]);
    },
  };
}
