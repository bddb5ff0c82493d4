import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** Records are stored as written and parsed on every read: storage is a boundary too. */
export interface FlowbenchDatabase extends DBSchema {
  flows: { key: string; value: unknown };
  settings: { key: string; value: unknown };
  /** Test values and run history of one WebService node, keyed `[flowId, nodeId]`. */
  testBenches: {
    key: [string, string];
    value: { flowId: string; nodeId: string } & Record<string, unknown>;
  };
}

export const defaultDatabaseName = 'flowbench';

/** Opens (and creates or upgrades) the browser database every repository shares. */
export function openFlowbenchDatabase(
  databaseName: string,
): Promise<IDBPDatabase<FlowbenchDatabase>> {
  return openDB<FlowbenchDatabase>(databaseName, 2, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('flows', { keyPath: 'id' });
        database.createObjectStore('settings');
      }
      if (oldVersion < 2) {
        database.createObjectStore('testBenches', { keyPath: ['flowId', 'nodeId'] });
      }
    },
  });
}

/** Every test-bench key of one flow: `[flowId]` sorts before `[flowId, anyNodeId]` before `[flowId, []]`. */
export function testBenchKeysOfFlow(flowId: string): IDBKeyRange {
  return IDBKeyRange.bound([flowId], [flowId, []]);
}
