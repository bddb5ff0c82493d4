import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** Records are stored as written and parsed on every read: storage is a boundary too. */
export interface FlowbenchDatabase extends DBSchema {
  /** One record per flow: its name, revision and (since version 3) its nodes and edges apart. */
  flows: { key: string; value: unknown };
  /**
   * The nodes and edges of a flow in slices, keyed `[flowId, index]`: a flow of 50,000 modules
   * in one record would be copied in one piece, freezing the page, on every save and every
   * listing of the flows.
   */
  flowChunks: {
    key: [string, number];
    value: { flowId: string; index: number } & Record<string, unknown>;
  };
  settings: { key: string; value: unknown };
  /** Test values of one WebService node, keyed `[flowId, nodeId]`. */
  testBenches: {
    key: [string, string];
    value: { flowId: string; nodeId: string } & Record<string, unknown>;
  };
  /**
   * The run history of one WebService node, apart from its values: runs can hold megabytes of
   * responses, and a keystroke in a sample value should not rewrite them.
   */
  testHistories: {
    key: [string, string];
    value: { flowId: string; nodeId: string } & Record<string, unknown>;
  };
}

export const defaultDatabaseName = 'flowbench';

/** The `settings` key of the flow open last, reopened on the next visit. */
export const lastOpenFlowKey = 'lastOpenFlowId';

/** Opens (and creates or upgrades) the browser database every repository shares. */
export function openFlowbenchDatabase(
  databaseName: string,
): Promise<IDBPDatabase<FlowbenchDatabase>> {
  return openDB<FlowbenchDatabase>(databaseName, 3, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('flows', { keyPath: 'id' });
        database.createObjectStore('settings');
      }
      if (oldVersion < 2) {
        database.createObjectStore('testBenches', { keyPath: ['flowId', 'nodeId'] });
        database.createObjectStore('testHistories', { keyPath: ['flowId', 'nodeId'] });
      }
      if (oldVersion < 3) {
        database.createObjectStore('flowChunks', { keyPath: ['flowId', 'index'] });
      }
    },
  });
}

/**
 * Every test-bench (and test-history) key of one flow: `[flowId]` sorts before
 * `[flowId, anyNodeId]`, which sorts before `[flowId, []]`.
 */
export function testBenchKeysOfFlow(flowId: string): IDBKeyRange {
  return IDBKeyRange.bound([flowId], [flowId, []]);
}

/** Every chunk key of one flow: `[flowId, n]` sorts between `[flowId]` and `[flowId, []]`. */
export function flowChunkKeysOf(flowId: string): IDBKeyRange {
  return IDBKeyRange.bound([flowId], [flowId, []]);
}
