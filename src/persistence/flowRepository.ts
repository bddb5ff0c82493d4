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
  | { ok: true; flow: FlowDocument; revision: number }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'damaged'; message: string };

/** A write refused because another tab saved the flow since this one read it is a value. */
export type SaveFlowResult =
  { ok: true; revision: number } | { ok: false; reason: 'conflict'; storedRevision: number };

/**
 * Where flows live between visits. Every read is parsed: storage is a boundary too.
 *
 * Each stored flow carries a revision, raised by every write (records from before revisions
 * count as 0). One repository is one tab's view: it remembers the revision it last read or wrote
 * of each flow, and `saveFlow` writes only on top of that revision (compare-and-set in one
 * transaction). A flow this tab never read may only be created, not overwritten; a flow deleted
 * meanwhile may be written again, so nothing typed is lost.
 */
export interface FlowRepository {
  listFlows: () => Promise<FlowSummary[]>;
  loadFlow: (id: string) => Promise<LoadFlowResult>;
  saveFlow: (flow: FlowDocument) => Promise<SaveFlowResult>;
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

const storedRevisionSchema = z.object({ revision: z.int().min(0) });

function revisionOf(record: unknown): number {
  const parsed = storedRevisionSchema.safeParse(record);
  return parsed.success ? parsed.data.revision : 0;
}

const lastOpenFlowKey = 'lastOpenFlowId';

export function createIndexedDbFlowRepository(databaseName = defaultDatabaseName): FlowRepository {
  let database: Promise<IDBPDatabase<FlowbenchDatabase>> | null = null;
  const open = () => {
    database ??= openFlowbenchDatabase(databaseName);
    return database;
  };
  const revisionsSeen = new Map<string, number>();

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
      if (!parsed.success) {
        return { ok: false, reason: 'damaged', message: z.prettifyError(parsed.error) };
      }
      const revision = revisionOf(record);
      revisionsSeen.set(id, revision);
      return { ok: true, flow: parsed.data, revision };
    },

    saveFlow: async (flow) => {
      const transaction = (await open()).transaction('flows', 'readwrite');
      const stored: unknown = await transaction.store.get(flow.id);
      const storedRevision = stored === undefined ? null : revisionOf(stored);
      const seen = revisionsSeen.get(flow.id);
      if (storedRevision !== null && storedRevision !== seen) {
        await transaction.done;
        return { ok: false, reason: 'conflict', storedRevision };
      }
      const revision = Math.max(storedRevision ?? 0, seen ?? 0) + 1;
      await Promise.all([
        transaction.store.put({
          id: flow.id,
          name: flow.name,
          updatedAt: Date.now(),
          revision,
          flow,
        }),
        transaction.done,
      ]);
      revisionsSeen.set(flow.id, revision);
      return { ok: true, revision };
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
