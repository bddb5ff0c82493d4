import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import {
  defaultDatabaseName,
  testBenchKeysOfFlow,
  openFlowbenchDatabase,
  type FlowbenchDatabase,
} from './flowbenchDatabase';
import { flowDocumentSchema, type FlowDocument } from '../domain/flowDocumentSchema';

export interface FlowSummary {
  id: string;
  name: string;
  updatedAt: number;
}

export type LoadFlowResult =
  | { ok: true; flow: FlowDocument }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'damaged'; message: string };

/** Where flows live between visits. Every read is parsed: storage is a boundary too. */
export interface FlowRepository {
  listFlows: () => Promise<FlowSummary[]>;
  loadFlow: (id: string) => Promise<LoadFlowResult>;
  saveFlow: (flow: FlowDocument) => Promise<void>;
  deleteFlow: (id: string) => Promise<void>;
  readLastOpenFlowId: () => Promise<string | null>;
  writeLastOpenFlowId: (id: string) => Promise<void>;
}

const storedFlowSchema = z.object({
  id: z.string(),
  name: z.string(),
  updatedAt: z.number(),
  flow: z.unknown(),
});

const lastOpenFlowKey = 'lastOpenFlowId';

export function createIndexedDbFlowRepository(databaseName = defaultDatabaseName): FlowRepository {
  let database: Promise<IDBPDatabase<FlowbenchDatabase>> | null = null;
  const open = () => {
    database ??= openFlowbenchDatabase(databaseName);
    return database;
  };

  return {
    listFlows: async () => {
      const records = await (await open()).getAll('flows');
      return records
        .flatMap((record) => {
          const parsed = storedFlowSchema.safeParse(record);
          return parsed.success
            ? [{ id: parsed.data.id, name: parsed.data.name, updatedAt: parsed.data.updatedAt }]
            : [];
        })
        .sort((a, b) => b.updatedAt - a.updatedAt);
    },

    loadFlow: async (id) => {
      const record = await (await open()).get('flows', id);
      if (record === undefined) return { ok: false, reason: 'missing' };
      const stored = storedFlowSchema.safeParse(record);
      if (!stored.success) {
        return { ok: false, reason: 'damaged', message: z.prettifyError(stored.error) };
      }
      const parsed = flowDocumentSchema.safeParse(stored.data.flow);
      return parsed.success
        ? { ok: true, flow: parsed.data }
        : { ok: false, reason: 'damaged', message: z.prettifyError(parsed.error) };
    },

    saveFlow: async (flow) => {
      await (
        await open()
      ).put('flows', { id: flow.id, name: flow.name, updatedAt: Date.now(), flow });
    },

    deleteFlow: async (id) => {
      const transaction = (await open()).transaction(
        ['flows', 'testBenches', 'testHistories'],
        'readwrite',
      );
      await Promise.all([
        transaction.objectStore('flows').delete(id),
        transaction.objectStore('testBenches').delete(testBenchKeysOfFlow(id)),
        transaction.objectStore('testHistories').delete(testBenchKeysOfFlow(id)),
        transaction.done,
      ]);
    },

    readLastOpenFlowId: async () => {
      const value = await (await open()).get('settings', lastOpenFlowKey);
      return typeof value === 'string' ? value : null;
    },

    writeLastOpenFlowId: async (id) => {
      await (await open()).put('settings', id, lastOpenFlowKey);
    },
  };
}
