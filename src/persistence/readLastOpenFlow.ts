import type { IDBPDatabase } from 'idb';
import {
  defaultDatabaseName,
  lastOpenFlowKey,
  openFlowbenchDatabase,
  type FlowbenchDatabase,
} from './flowbenchDatabase';

/** A flow as stored, not yet parsed: its record and its chunks of nodes and edges. */
export interface StoredFlow {
  id: string;
  /** The `flows` record; undefined when there is none. */
  record: unknown;
  /** The `flowChunks` records the record counts, in order; a missing one ends them (undefined). */
  chunks: unknown[];
}

/**
 * Reads a flow's records in one read-only transaction, each chunk in a request of its own (a
 * flow of 50,000 modules is never copied in one piece). Nothing is parsed here: this runs in the
 * page's first load, which carries no zod; `flowRepository` parses what it reads.
 */
async function readStoredFlow(
  database: IDBPDatabase<FlowbenchDatabase>,
  id: string,
): Promise<StoredFlow> {
  const transaction = database.transaction(['flows', 'flowChunks'], 'readonly');
  const record: unknown = await transaction.objectStore('flows').get(id);
  const chunks: unknown[] = [];
  for (let index = 0; index < chunkCountOf(record); index += 1) {
    const chunk: unknown = await transaction.objectStore('flowChunks').get([id, index]);
    chunks.push(chunk);
    if (chunk === undefined) break;
  }
  return { id, record, chunks };
}

function chunkCountOf(record: unknown): number {
  if (typeof record !== 'object' || record === null || !('chunkCount' in record)) return 0;
  return typeof record.chunkCount === 'number' ? record.chunkCount : 0;
}

/** What the page reads while the editor's code is still on its way. */
export interface LastOpenFlowRead {
  database: IDBPDatabase<FlowbenchDatabase>;
  lastOpenFlowId: string | null;
  /** The flow open last time, as stored; null when none is remembered. */
  storedFlow: StoredFlow | null;
}

/**
 * Starts opening the flow that was open last time: the database, the flow's id and its records.
 * The shell calls it before the editor's code has arrived; the editor's repository parses the
 * result instead of reading the same records again.
 */
export async function readLastOpenFlow(
  databaseName: string = defaultDatabaseName,
): Promise<LastOpenFlowRead> {
  const database = await openFlowbenchDatabase(databaseName);
  const value: unknown = await database.get('settings', lastOpenFlowKey);
  const lastOpenFlowId = typeof value === 'string' ? value : null;
  return {
    database,
    lastOpenFlowId,
    storedFlow: lastOpenFlowId === null ? null : await readStoredFlow(database, lastOpenFlowId),
  };
}
