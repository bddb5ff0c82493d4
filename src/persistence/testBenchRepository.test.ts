import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { webServiceTestResultSchema } from '../domain/webservice/webServiceTestApi';
import { openFlowbenchDatabase } from './flowbenchDatabase';
import { createDemoFlow } from '../domain/createFlows';
import { createIndexedDbFlowRepository } from './flowRepository';
import {
  createIndexedDbTestBenchRepository,
  type TestBenchRepository,
} from './testBenchRepository';
import {
  emptyTestBench,
  testHistoryLimit,
  type TestBench,
  type TestRun,
} from '../domain/webservice/testBenchRecords';

/** Values and history are written apart; a full save is both. */
async function saveWhole(repository: TestBenchRepository, bench: TestBench) {
  await repository.saveValues(bench);
  await repository.saveHistory(bench);
}

let databaseCount = 0;
function freshDatabaseName(): string {
  databaseCount += 1;
  return `flowbench-bench-test-${databaseCount}`;
}

function runAt(startedAt: number): TestRun {
  return {
    id: `run-${startedAt}`,
    startedAt,
    request: { url: 'http://127.0.0.1:1/hook', authorization: '', body: '{}', timeoutMs: 300 },
    expectedVariables: [],
    result: webServiceTestResultSchema.parse({
      outcome: 'rejected',
      reason: 'Only http and https URLs can be called.',
    }),
  };
}

describe('createIndexedDbTestBenchRepository', () => {
  it('gives a node without kept values the defaults: John Smith samples, 20 s, no history', async () => {
    const repository = createIndexedDbTestBenchRepository(freshDatabaseName());

    const bench = (await repository.load('flow-1', 'crm-lookup')).bench;

    expect(bench).toEqual(emptyTestBench('flow-1', 'crm-lookup'));
    expect(bench.timeoutMs).toBe(20_000);
    expect(bench.params.referrer).toBe('http://example.org/referring_page');
    expect(bench.history).toEqual([]);
  });

  it('keeps values and history per node for the next visit', async () => {
    const databaseName = freshDatabaseName();
    const bench = {
      ...emptyTestBench('flow-1', 'crm-lookup'),
      sampleOverrides: { nps_score: '7' },
      omittedVariables: ['phone'],
      timeoutMs: 300,
      rawBody: '{"hello":"world"}',
      history: [runAt(2), runAt(1)],
    };
    await saveWhole(createIndexedDbTestBenchRepository(databaseName), bench);

    const nextVisit = createIndexedDbTestBenchRepository(databaseName);

    expect((await nextVisit.load('flow-1', 'crm-lookup')).bench).toEqual({ ...bench, revision: 1 });
    expect((await nextVisit.load('flow-1', 'other-node')).bench).toEqual(
      emptyTestBench('flow-1', 'other-node'),
    );
    expect((await nextVisit.load('flow-2', 'crm-lookup')).bench).toEqual(
      emptyTestBench('flow-2', 'crm-lookup'),
    );
  });

  it(`keeps only the newest ${testHistoryLimit} runs`, async () => {
    const repository = createIndexedDbTestBenchRepository(freshDatabaseName());
    const runs = Array.from({ length: 25 }, (_, index) => runAt(100 - index));

    await saveWhole(repository, { ...emptyTestBench('f', 'n'), history: runs });

    const kept = (await repository.load('f', 'n')).bench.history;
    expect(kept).toHaveLength(testHistoryLimit);
    expect(kept[0]?.startedAt).toBe(100);
  });

  it('writing values leaves the history alone, and the other way round', async () => {
    const repository = createIndexedDbTestBenchRepository(freshDatabaseName());
    const bench = { ...emptyTestBench('f', 'n'), history: [runAt(1)] };
    await saveWhole(repository, bench);

    await repository.saveValues({ ...bench, revision: 1, timeoutMs: 300, history: [] });
    expect((await repository.load('f', 'n')).bench).toEqual({
      ...bench,
      revision: 2,
      timeoutMs: 300,
    });

    await repository.saveHistory({ ...emptyTestBench('f', 'n'), history: [runAt(2), runAt(1)] });
    expect((await repository.load('f', 'n')).bench).toEqual({
      ...bench,
      revision: 2,
      timeoutMs: 300,
      history: [runAt(2), runAt(1)],
    });
  });

  it('starts over instead of failing when a kept record is damaged', async () => {
    const databaseName = freshDatabaseName();
    const database = await openFlowbenchDatabase(databaseName);
    await database.put('testBenches', { flowId: 'f', nodeId: 'n', timeoutMs: 'soon' });
    database.close();

    const loaded = await createIndexedDbTestBenchRepository(databaseName).load('f', 'n');

    expect(loaded.bench).toEqual(emptyTestBench('f', 'n'));
    expect(loaded.readProblem).toContain('timeoutMs');
  });

  it('deleting a flow deletes the test benches of its nodes, and only those', async () => {
    const databaseName = freshDatabaseName();
    const flows = createIndexedDbFlowRepository(databaseName);
    const benches = createIndexedDbTestBenchRepository(databaseName);
    const flow = createDemoFlow('http://127.0.0.1:4173');
    await flows.saveFlow(flow);
    await saveWhole(benches, {
      ...emptyTestBench(flow.id, 'crm-lookup'),
      timeoutMs: 300,
      history: [runAt(1)],
    });
    await saveWhole(benches, { ...emptyTestBench('other-flow', 'crm-lookup'), timeoutMs: 400 });

    await flows.deleteFlow(flow.id);

    expect((await benches.load(flow.id, 'crm-lookup')).bench).toEqual(
      emptyTestBench(flow.id, 'crm-lookup'),
    );
    expect((await benches.load('other-flow', 'crm-lookup')).bench.timeoutMs).toBe(400);
  });

  it('keeps the runs of two tabs testing the same node: histories merge by run id', async () => {
    const databaseName = freshDatabaseName();
    const tabA = createIndexedDbTestBenchRepository(databaseName);
    const tabB = createIndexedDbTestBenchRepository(databaseName);
    await tabA.saveHistory({ ...emptyTestBench('f', 'n'), history: [runAt(1)] });

    await tabB.saveHistory({ ...emptyTestBench('f', 'n'), history: [runAt(2)] });
    await tabA.saveHistory({ ...emptyTestBench('f', 'n'), history: [runAt(3), runAt(1)] });

    const loaded = await createIndexedDbTestBenchRepository(databaseName).load('f', 'n');
    expect(loaded.bench.history.map((run) => run.startedAt)).toEqual([3, 2, 1]);
  });

  it('writes values only on top of the revision they were read at: a stale tab gets the stored ones back', async () => {
    const databaseName = freshDatabaseName();
    const tabA = createIndexedDbTestBenchRepository(databaseName);
    const tabB = createIndexedDbTestBenchRepository(databaseName);
    const { bench: inA } = await tabA.load('f', 'n');
    const { bench: inB } = await tabB.load('f', 'n');

    expect(await tabA.saveValues({ ...inA, rawBody: '{"a":1}' })).toEqual({
      ok: true,
      revision: 1,
    });
    const refused = await tabB.saveValues({ ...inB, sampleOverrides: { email: 'b@example.org' } });

    expect(refused).toEqual({
      ok: false,
      reason: 'conflict',
      stored: { ...emptyTestBench('f', 'n'), rawBody: '{"a":1}', revision: 1 },
    });
    expect((await tabB.load('f', 'n')).bench).toEqual({
      ...emptyTestBench('f', 'n'),
      rawBody: '{"a":1}',
      revision: 1,
    });
  });

  it('reads values stored before revisions as revision 0 and writes over them', async () => {
    const databaseName = freshDatabaseName();
    const database = await openFlowbenchDatabase(databaseName);
    await database.put('testBenches', { flowId: 'f', nodeId: 'n', rawBody: '{"old":true}' });
    database.close();
    const repository = createIndexedDbTestBenchRepository(databaseName);

    const { bench } = await repository.load('f', 'n');
    expect(bench).toMatchObject({ rawBody: '{"old":true}', revision: 0 });
    expect(await repository.saveValues({ ...bench, timeoutMs: 300 })).toEqual({
      ok: true,
      revision: 1,
    });
    expect((await repository.load('f', 'n')).bench).toMatchObject({
      rawBody: '{"old":true}',
      timeoutMs: 300,
      revision: 1,
    });
  });
});
