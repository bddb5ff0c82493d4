import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import {
  defaultDatabaseName,
  flowChunkKeysOf,
  lastOpenFlowKey,
  testBenchKeysOfFlow,
  openFlowbenchDatabase,
  type FlowbenchDatabase,
} from './flowbenchDatabase';
import type { LastOpenFlowRead, StoredFlow } from './readLastOpenFlow';
import {
  findGraphIssues,
  flowDocumentSchema,
  flowEdgeSchema,
  type FlowDocument,
} from '../domain/flowDocumentSchema';
import { flowNodeSchema } from '../modules/moduleDefinitions';

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
 *
 * Nodes and edges are stored in chunks (`flowChunks`), written and read one after the other in
 * that same transaction: each chunk is copied in a task of its own, so saving or opening a flow
 * of 50,000 modules never holds the page for long, and listing flows reads no nodes at all.
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
  /** How many `flowChunks` hold the nodes and edges; absent in records from before chunks. */
  chunkCount: z.int().min(0).optional(),
});

const storedChunkSchema = z.object({
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
});

/** Modules and edges per stored chunk: each is copied in a task well under 50 ms. */
const nodesPerChunk = 2000;
const edgesPerChunk = 5000;

function chunksOf(flow: FlowDocument): { nodes: unknown[]; edges: unknown[] }[] {
  const count = Math.max(
    1,
    Math.ceil(flow.nodes.length / nodesPerChunk),
    Math.ceil(flow.edges.length / edgesPerChunk),
  );
  return Array.from({ length: count }, (_, index) => ({
    nodes: flow.nodes.slice(index * nodesPerChunk, (index + 1) * nodesPerChunk),
    edges: flow.edges.slice(index * edgesPerChunk, (index + 1) * edgesPerChunk),
  }));
}

const storedRevisionSchema = z.object({ revision: z.int().min(0) });

function revisionOf(record: unknown): number {
  const parsed = storedRevisionSchema.safeParse(record);
  return parsed.success ? parsed.data.revision : 0;
}

/**
 * Parses a stored flow: its record, then each chunk as `chunkAt` hands it over (one chunk per
 * task, so a flow of 50,000 modules never holds the page), then the graph they form.
 */
async function parseStoredFlow(
  record: unknown,
  chunkAt: (index: number) => Promise<unknown>,
): Promise<LoadFlowResult> {
  if (record === undefined) return { ok: false, reason: 'missing' };
  const stored = storedFlowSchema.safeParse(record);
  if (!stored.success) {
    return { ok: false, reason: 'damaged', message: z.prettifyError(stored.error) };
  }
  // A chunked record holds the document without its nodes and edges, which follow apart.
  const parsed = flowDocumentSchema.safeParse(stored.data.flow);
  if (!parsed.success) {
    return { ok: false, reason: 'damaged', message: z.prettifyError(parsed.error) };
  }
  const flow = parsed.data;
  const revision = revisionOf(record);
  const { chunkCount } = stored.data;
  if (chunkCount === undefined) return { ok: true, flow, revision };
  const nodes: FlowDocument['nodes'] = [];
  const edges: FlowDocument['edges'] = [];
  for (let index = 0; index < chunkCount; index += 1) {
    const chunk = storedChunkSchema.safeParse(await chunkAt(index));
    if (!chunk.success) {
      const problem = z.prettifyError(chunk.error);
      return { ok: false, reason: 'damaged', message: `Part ${index + 1}: ${problem}` };
    }
    nodes.push(...chunk.data.nodes);
    edges.push(...chunk.data.edges);
  }
  const issues = findGraphIssues(
    nodes.map((node) => ({ id: node.id, node })),
    edges,
  );
  if (issues.length > 0) {
    const messages = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return { ok: false, reason: 'damaged', message: messages.join('\n') };
  }
  return { ok: true, flow: { ...flow, nodes, edges }, revision };
}

/** Resolves in a task of its own: the page may paint and answer input in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Parses a flow the page's shell read earlier, one chunk per task. */
function parseReadFlow({ record, chunks }: StoredFlow): Promise<LoadFlowResult> {
  return parseStoredFlow(record, async (index) => {
    await nextTask();
    return chunks[index];
  });
}

/**
 * `startRead` is what the page's shell read before this code arrived (`readLastOpenFlow`): its
 * database connection, and the last open flow's id and records, each used for the first request
 * of it only. Without it, or when it failed, everything is read here.
 */
export function createIndexedDbFlowRepository(
  databaseName = defaultDatabaseName,
  startRead: Promise<LastOpenFlowRead> | null = null,
): FlowRepository {
  const startReadOrNone = startRead?.catch(() => null) ?? Promise.resolve(null);
  const startReadUsed = new Set<'lastOpenFlowId' | 'flow'>();
  let database: Promise<IDBPDatabase<FlowbenchDatabase>> | null = null;
  const open = () => {
    database ??= startReadOrNone.then(
      (read) => read?.database ?? openFlowbenchDatabase(databaseName),
    );
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
      const read = await startReadOrNone;
      const readEarlier =
        read?.storedFlow?.id === id && !startReadUsed.has('flow') ? read.storedFlow : null;
      startReadUsed.add('flow');
      let loaded: LoadFlowResult;
      if (readEarlier) {
        loaded = await parseReadFlow(readEarlier);
      } else {
        // Each chunk is read once the previous one is parsed, all in one transaction.
        const transaction = (await open()).transaction(['flows', 'flowChunks'], 'readonly');
        const record: unknown = await transaction.objectStore('flows').get(id);
        loaded = await parseStoredFlow(record, (index) =>
          transaction.objectStore('flowChunks').get([id, index]),
        );
      }
      if (loaded.ok) revisionsSeen.set(id, loaded.revision);
      return loaded;
    },

    saveFlow: async (flow) => {
      const transaction = (await open()).transaction(['flows', 'flowChunks'], 'readwrite');
      const flows = transaction.objectStore('flows');
      const flowChunks = transaction.objectStore('flowChunks');
      const stored: unknown = await flows.get(flow.id);
      const storedRevision = stored === undefined ? null : revisionOf(stored);
      const seen = revisionsSeen.get(flow.id);
      if (storedRevision !== null && storedRevision !== seen) {
        await transaction.done;
        return { ok: false, reason: 'conflict', storedRevision };
      }
      const revision = Math.max(storedRevision ?? 0, seen ?? 0) + 1;
      const chunks = chunksOf(flow);
      try {
        await flowChunks.delete(flowChunkKeysOf(flow.id));
        // One chunk after the other: each is copied when the previous one is written.
        for (const [index, chunk] of chunks.entries()) {
          await flowChunks.put({ flowId: flow.id, index, ...chunk });
        }
        await flows.put({
          id: flow.id,
          name: flow.name,
          updatedAt: Date.now(),
          revision,
          flow: { ...flow, nodes: [], edges: [] },
          chunkCount: chunks.length,
        });
      } catch (error) {
        // Chunks written so far would otherwise be committed over the stored version.
        transaction.done.catch(() => undefined);
        transaction.abort();
        throw error;
      }
      await transaction.done;
      revisionsSeen.set(flow.id, revision);
      return { ok: true, revision };
    },

    deleteFlow: async (id) => {
      const transaction = (await open()).transaction(
        ['flows', 'flowChunks', 'testBenches', 'testHistories'],
        'readwrite',
      );
      await Promise.all([
        transaction.objectStore('flows').delete(id),
        transaction.objectStore('flowChunks').delete(flowChunkKeysOf(id)),
        transaction.objectStore('testBenches').delete(testBenchKeysOfFlow(id)),
        transaction.objectStore('testHistories').delete(testBenchKeysOfFlow(id)),
        transaction.done,
      ]);
    },

    readLastOpenFlowId: async () => {
      const read = await startReadOrNone;
      if (read && !startReadUsed.has('lastOpenFlowId')) {
        startReadUsed.add('lastOpenFlowId');
        return read.lastOpenFlowId;
      }
      const value = await (await open()).get('settings', lastOpenFlowKey);
      return typeof value === 'string' ? value : null;
    },

    writeLastOpenFlowId: async (id) => {
      await (await open()).put('settings', id, lastOpenFlowKey);
    },
  };
}
