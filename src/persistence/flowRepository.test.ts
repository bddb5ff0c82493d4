import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDemoFlow, createEmptyFlow } from '../domain/createFlows';
import { createLargeFlow } from '../../bench/createLargeFlow';
import { flowChunkKeysOf, openFlowbenchDatabase } from './flowbenchDatabase';
import { createIndexedDbFlowRepository } from './flowRepository';
import { openInitialFlow } from './openInitialFlow';
import { readLastOpenFlow } from './readLastOpenFlow';

let databaseCount = 0;

/** Each test gets a database of its own, so they cannot see each other's flows. */
function freshDatabaseName(): string {
  databaseCount += 1;
  return `flowbench-test-${databaseCount}`;
}

/** Writes a record straight into the flows store, as a damaged or foreign write would. */
async function writeRawRecord(databaseName: string, record: object): Promise<void> {
  const database = await openFlowbenchDatabase(databaseName);
  try {
    await database.put('flows', record);
  } finally {
    database.close();
  }
}

async function storedChunkCount(databaseName: string, flowId: string): Promise<number> {
  const database = await openFlowbenchDatabase(databaseName);
  try {
    return await database.count('flowChunks', flowChunkKeysOf(flowId));
  } finally {
    database.close();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createIndexedDbFlowRepository', () => {
  it('starts empty', async () => {
    const repository = createIndexedDbFlowRepository(freshDatabaseName());

    expect(await repository.listFlows()).toEqual([]);
    expect(await repository.readLastOpenFlowId()).toBeNull();
  });

  it('loads a saved flow exactly as it was saved', async () => {
    const repository = createIndexedDbFlowRepository(freshDatabaseName());
    const flow = createDemoFlow('http://127.0.0.1:4173');

    await repository.saveFlow(flow);

    expect(await repository.loadFlow(flow.id)).toEqual({ ok: true, flow, revision: 1 });
  });

  it('keeps flows for the next visit, when the app opens the database again', async () => {
    const databaseName = freshDatabaseName();
    const flow = createEmptyFlow('Kept');
    await createIndexedDbFlowRepository(databaseName).saveFlow(flow);

    const nextVisit = createIndexedDbFlowRepository(databaseName);

    expect(await nextVisit.loadFlow(flow.id)).toEqual({ ok: true, flow, revision: 1 });
  });

  it('lists saved flows by name, most recently saved first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const repository = createIndexedDbFlowRepository(freshDatabaseName());
    const older = createEmptyFlow('Older');
    const newer = createEmptyFlow('Newer');
    vi.setSystemTime(1_000);
    await repository.saveFlow(older);
    vi.setSystemTime(2_000);
    await repository.saveFlow(newer);

    expect(await repository.listFlows()).toEqual([
      { id: newer.id, name: 'Newer', updatedAt: 2_000 },
      { id: older.id, name: 'Older', updatedAt: 1_000 },
    ]);
  });

  it('overwrites a flow saved again under the same id', async () => {
    const repository = createIndexedDbFlowRepository(freshDatabaseName());
    const flow = createEmptyFlow('First name');
    await repository.saveFlow(flow);

    await repository.saveFlow({ ...flow, name: 'Second name' });

    expect((await repository.listFlows()).map((summary) => summary.name)).toEqual(['Second name']);
    const loaded = await repository.loadFlow(flow.id);
    expect(loaded.ok && loaded.flow.name).toBe('Second name');
  });

  it('reports a flow that is not there as missing', async () => {
    const repository = createIndexedDbFlowRepository(freshDatabaseName());

    expect(await repository.loadFlow('flow-nope')).toEqual({ ok: false, reason: 'missing' });
  });

  it('forgets a deleted flow', async () => {
    const repository = createIndexedDbFlowRepository(freshDatabaseName());
    const kept = createEmptyFlow('Kept');
    const deleted = createEmptyFlow('Deleted');
    await repository.saveFlow(kept);
    await repository.saveFlow(deleted);

    await repository.deleteFlow(deleted.id);

    expect((await repository.listFlows()).map((summary) => summary.id)).toEqual([kept.id]);
    expect(await repository.loadFlow(deleted.id)).toEqual({ ok: false, reason: 'missing' });
  });

  it('stores a flow of thousands of modules in chunks and loads it whole', async () => {
    const databaseName = freshDatabaseName();
    const repository = createIndexedDbFlowRepository(databaseName);
    const flow = createLargeFlow(5000);

    await repository.saveFlow(flow);

    expect(await storedChunkCount(databaseName, flow.id)).toBeGreaterThan(1);
    expect(await repository.listFlows()).toEqual([
      expect.objectContaining({ id: flow.id, name: flow.name }),
    ]);
    expect(await repository.loadFlow(flow.id)).toEqual({ ok: true, flow, revision: 1 });
    const smaller = { ...flow, nodes: flow.nodes.slice(0, 10), edges: flow.edges.slice(0, 9) };
    await repository.saveFlow(smaller);
    expect(await repository.loadFlow(flow.id)).toEqual({ ok: true, flow: smaller, revision: 2 });
    expect(await storedChunkCount(databaseName, flow.id)).toBe(1);
    await repository.deleteFlow(flow.id);
    expect(await storedChunkCount(databaseName, flow.id)).toBe(0);
  });

  it('leaves the stored version whole when a chunked write fails midway', async () => {
    const databaseName = freshDatabaseName();
    const repository = createIndexedDbFlowRepository(databaseName);
    const flow = createLargeFlow(5000);
    await repository.saveFlow(flow);
    const lastNode = flow.nodes.at(-1);
    if (!lastNode) throw new Error('the flow has nodes');
    // A function cannot be stored: the write of the last chunk throws.
    const unstorable = { ...lastNode };
    Reflect.set(unstorable, 'data', { ...lastNode.data, clone: () => undefined });

    await expect(
      repository.saveFlow({
        ...flow,
        name: 'Half written',
        nodes: [...flow.nodes.slice(0, -1), unstorable],
      }),
    ).rejects.toThrow();

    expect(await repository.loadFlow(flow.id)).toEqual({ ok: true, flow, revision: 1 });
  });

  it('reports a damaged chunk of a stored flow as damaged, saying which part', async () => {
    const databaseName = freshDatabaseName();
    const repository = createIndexedDbFlowRepository(databaseName);
    const flow = createLargeFlow(5000);
    await repository.saveFlow(flow);
    const database = await openFlowbenchDatabase(databaseName);
    await database.put('flowChunks', {
      flowId: flow.id,
      index: 1,
      nodes: [{ id: 'x' }],
      edges: [],
    });
    database.close();

    const loaded = await repository.loadFlow(flow.id);

    expect(loaded.ok === false && loaded.reason === 'damaged' && loaded.message).toMatch(
      /^Part 2:/,
    );
  });

  it('reports a stored flow that no longer parses as damaged, saying what is wrong', async () => {
    const databaseName = freshDatabaseName();
    const repository = createIndexedDbFlowRepository(databaseName);
    await repository.listFlows();
    const flow = createEmptyFlow('Damaged');
    await writeRawRecord(databaseName, {
      id: flow.id,
      name: flow.name,
      updatedAt: 1,
      flow: { ...flow, nodes: [{ id: 'start', type: 'carousel', position: { x: 0, y: 0 } }] },
    });

    const loaded = await repository.loadFlow(flow.id);

    expect(loaded).toMatchObject({ ok: false, reason: 'damaged' });
    expect(loaded.ok === false && loaded.reason === 'damaged' && loaded.message).toContain(
      'carousel',
    );
  });

  it('reports a stored flow whose edges break the graph as damaged', async () => {
    const databaseName = freshDatabaseName();
    const repository = createIndexedDbFlowRepository(databaseName);
    await repository.listFlows();
    const flow = createEmptyFlow('Dangling edge');
    await writeRawRecord(databaseName, {
      id: flow.id,
      name: flow.name,
      updatedAt: 1,
      flow: { ...flow, edges: [{ id: 'e1', source: 'start', target: 'ghost' }] },
    });

    const loaded = await repository.loadFlow(flow.id);

    expect(loaded.ok === false && loaded.reason === 'damaged' && loaded.message).toContain('ghost');
  });

  it('reports a record without name or date as damaged instead of failing', async () => {
    const databaseName = freshDatabaseName();
    const repository = createIndexedDbFlowRepository(databaseName);
    await repository.listFlows();
    await writeRawRecord(databaseName, { id: 'bad2', flow: {} });

    const loaded = await repository.loadFlow('bad2');

    expect(loaded).toMatchObject({ ok: false, reason: 'damaged' });
    expect(loaded.ok === false && loaded.reason === 'damaged' && loaded.message).toMatch(/name/);
  });

  it('opens another flow, or the demo, when the flow open last is damaged', async () => {
    const databaseName = freshDatabaseName();
    const repository = createIndexedDbFlowRepository(databaseName);
    await repository.listFlows();
    await writeRawRecord(databaseName, { id: 'bad2', flow: {} });
    await repository.writeLastOpenFlowId('bad2');

    const opened = await openInitialFlow(repository, 'http://127.0.0.1:4173');

    expect(opened.name).toBe('NPS survey with CRM lookup');
    expect((await repository.listFlows()).map((flow) => flow.name)).toEqual([
      'NPS survey with CRM lookup',
    ]);
  });

  it.each([
    ['name and date', { id: 'bad2', flow: {} }],
    ['date', { id: 'bad2', name: 'No date', flow: {} }],
    ['name', { id: 'bad2', updatedAt: 1, flow: {} }],
    ['a name that is text', { id: 'bad2', name: 42, updatedAt: 1, flow: {} }],
  ])(
    'resolves a record lacking %s as damaged, with a message, and leaves it out of the list',
    async (_lacking, record) => {
      const databaseName = freshDatabaseName();
      const repository = createIndexedDbFlowRepository(databaseName);
      await repository.listFlows();
      await writeRawRecord(databaseName, record);

      const loaded = await repository.loadFlow('bad2');

      expect(loaded).toMatchObject({ ok: false, reason: 'damaged' });
      const message = loaded.ok === false && loaded.reason === 'damaged' ? loaded.message : '';
      expect(message.trim()).not.toBe('');
      expect(await repository.listFlows()).toEqual([]);
    },
  );

  it('opens the most recent intact flow when the flow open last has no name or date', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const databaseName = freshDatabaseName();
    const repository = createIndexedDbFlowRepository(databaseName);
    const older = createEmptyFlow('Older');
    const newer = createEmptyFlow('Newer');
    vi.setSystemTime(1_000);
    await repository.saveFlow(older);
    vi.setSystemTime(2_000);
    await repository.saveFlow(newer);
    await writeRawRecord(databaseName, { id: 'bad2', flow: {} });
    await repository.writeLastOpenFlowId('bad2');

    const opened = await openInitialFlow(repository, 'http://127.0.0.1:4173');

    expect(opened).toEqual(newer);
    expect((await repository.listFlows()).map((flow) => flow.id)).toEqual([newer.id, older.id]);
  });

  it('remembers the flow open last', async () => {
    const databaseName = freshDatabaseName();
    await createIndexedDbFlowRepository(databaseName).writeLastOpenFlowId('flow-a');
    const repository = createIndexedDbFlowRepository(databaseName);

    expect(await repository.readLastOpenFlowId()).toBe('flow-a');

    await repository.writeLastOpenFlowId('flow-b');
    expect(await repository.readLastOpenFlowId()).toBe('flow-b');
  });

  describe('revisions: two tabs on one database', () => {
    it('refuses, as a conflict value, a write on top of a revision another tab replaced', async () => {
      const databaseName = freshDatabaseName();
      const flow = createEmptyFlow('Shared');
      const tabA = createIndexedDbFlowRepository(databaseName);
      await tabA.saveFlow(flow);
      const tabB = createIndexedDbFlowRepository(databaseName);
      await tabB.loadFlow(flow.id);

      expect(await tabA.saveFlow({ ...flow, name: 'Renamed in A' })).toEqual({
        ok: true,
        revision: 2,
      });
      const stale = await tabB.saveFlow({ ...flow, name: 'Stale write from B' });

      expect(stale).toEqual({ ok: false, reason: 'conflict', storedRevision: 2 });
      const kept = await createIndexedDbFlowRepository(databaseName).loadFlow(flow.id);
      expect(kept.ok && kept.flow.name).toBe('Renamed in A');
    });

    it('writes again once the stale tab has read the newer revision', async () => {
      const databaseName = freshDatabaseName();
      const flow = createEmptyFlow('Shared');
      const tabA = createIndexedDbFlowRepository(databaseName);
      await tabA.saveFlow(flow);
      const tabB = createIndexedDbFlowRepository(databaseName);
      await tabB.loadFlow(flow.id);
      await tabA.saveFlow({ ...flow, name: 'From A' });

      const reloaded = await tabB.loadFlow(flow.id);

      expect(reloaded).toMatchObject({ ok: true, revision: 2 });
      expect(await tabB.saveFlow({ ...flow, name: 'From B after reading A' })).toEqual({
        ok: true,
        revision: 3,
      });
    });

    it('never overwrites a flow this tab has not read (a new flow under a taken id)', async () => {
      const databaseName = freshDatabaseName();
      const flow = createEmptyFlow('Original');
      await createIndexedDbFlowRepository(databaseName).saveFlow(flow);

      const newTab = createIndexedDbFlowRepository(databaseName);
      const result = await newTab.saveFlow({ ...flow, name: 'Imposter' });

      expect(result).toEqual({ ok: false, reason: 'conflict', storedRevision: 1 });
      const kept = await newTab.loadFlow(flow.id);
      expect(kept.ok && kept.flow.name).toBe('Original');
    });

    it('reads a record stored before revisions as revision 0 and saves on top of it', async () => {
      const databaseName = freshDatabaseName();
      const flow = createEmptyFlow('From an older Flowbench');
      await writeRawRecord(databaseName, { id: flow.id, name: flow.name, updatedAt: 1, flow });
      const repository = createIndexedDbFlowRepository(databaseName);

      expect(await repository.loadFlow(flow.id)).toEqual({ ok: true, flow, revision: 0 });
      expect(await repository.saveFlow({ ...flow, name: 'Upgraded' })).toEqual({
        ok: true,
        revision: 1,
      });
      expect((await repository.listFlows()).map((summary) => summary.name)).toEqual(['Upgraded']);
    });

    it('writes a flow deleted in another tab again rather than losing the edit', async () => {
      const databaseName = freshDatabaseName();
      const flow = createEmptyFlow('Deleted elsewhere');
      const tabA = createIndexedDbFlowRepository(databaseName);
      await tabA.saveFlow(flow);
      await createIndexedDbFlowRepository(databaseName).deleteFlow(flow.id);

      expect(await tabA.saveFlow({ ...flow, name: 'Still typed' })).toMatchObject({ ok: true });
    });
  });

  describe('the first read, done by the page before the editor arrives', () => {
    it('opens the last open flow from what the page read, and writes on top of its revision', async () => {
      const databaseName = freshDatabaseName();
      const flow = createLargeFlow(2500);
      const earlier = createIndexedDbFlowRepository(databaseName);
      await earlier.saveFlow(flow);
      await earlier.writeLastOpenFlowId(flow.id);

      const repository = createIndexedDbFlowRepository(
        databaseName,
        readLastOpenFlow(databaseName),
      );

      expect(await openInitialFlow(repository, 'http://127.0.0.1:4173')).toEqual(flow);
      expect(await repository.saveFlow({ ...flow, name: 'Edited' })).toEqual({
        ok: true,
        revision: 2,
      });
    });

    it('uses what it read once: a later load reads the newer version another tab saved', async () => {
      const databaseName = freshDatabaseName();
      const flow = createEmptyFlow('Shared');
      const otherTab = createIndexedDbFlowRepository(databaseName);
      await otherTab.saveFlow(flow);
      await otherTab.writeLastOpenFlowId(flow.id);
      const repository = createIndexedDbFlowRepository(
        databaseName,
        readLastOpenFlow(databaseName),
      );
      expect(await repository.loadFlow(flow.id)).toMatchObject({ ok: true, revision: 1 });

      await otherTab.saveFlow({ ...flow, name: 'Renamed in the other tab' });
      await otherTab.writeLastOpenFlowId('another-flow');

      const reloaded = await repository.loadFlow(flow.id);
      expect(reloaded.ok && reloaded.flow.name).toBe('Renamed in the other tab');
      expect(await repository.readLastOpenFlowId()).toBe(flow.id);
      expect(await repository.readLastOpenFlowId()).toBe('another-flow');
    });

    it('reports a damaged chunk it read the same way as one read later', async () => {
      const databaseName = freshDatabaseName();
      const flow = createLargeFlow(4500);
      const earlier = createIndexedDbFlowRepository(databaseName);
      await earlier.saveFlow(flow);
      await earlier.writeLastOpenFlowId(flow.id);
      const database = await openFlowbenchDatabase(databaseName);
      await database.delete('flowChunks', [flow.id, 1]);
      database.close();

      const repository = createIndexedDbFlowRepository(
        databaseName,
        readLastOpenFlow(databaseName),
      );

      const loaded = await repository.loadFlow(flow.id);
      expect(loaded.ok === false && loaded.reason === 'damaged' && loaded.message).toMatch(
        /^Part 2:/,
      );
    });

    it('reads everything itself when the first read failed', async () => {
      const databaseName = freshDatabaseName();
      const flow = createEmptyFlow('Kept');
      const earlier = createIndexedDbFlowRepository(databaseName);
      await earlier.saveFlow(flow);
      await earlier.writeLastOpenFlowId(flow.id);

      const repository = createIndexedDbFlowRepository(
        databaseName,
        Promise.reject(new Error('The storage was busy')),
      );

      expect(await repository.readLastOpenFlowId()).toBe(flow.id);
      expect(await repository.loadFlow(flow.id)).toMatchObject({ ok: true, revision: 1 });
    });
  });
});
