import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyFlow } from '../domain/createFlows';
import type { FlowDocument } from '../domain/flowDocumentSchema';
import { flowFromCanvas } from '../store/appNode';
import { createFlowStore, type FlowStore } from '../store/createFlowStore';
import { createAutosave, type Autosave } from './createAutosave';
import { createIndexedDbFlowRepository, type FlowRepository } from './flowRepository';
import { keepMyVersionAsCopy } from './keepMyVersionAsCopy';

let databaseCount = 0;
const stops: (() => void)[] = [];

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

interface Tab {
  store: FlowStore;
  autosave: Autosave;
  repository: FlowRepository;
}

/** Two tabs of one browser on the same stored flow; tab B is stale after tab A's save. */
async function staleTabAfterOtherTabSaved(): Promise<{
  original: FlowDocument;
  tabA: Tab;
  tabB: Tab;
}> {
  databaseCount += 1;
  const databaseName = `flowbench-keep-copy-${databaseCount}`;
  const original = createEmptyFlow('Survey');
  const tabs = [0, 1].map((): Tab => {
    const repository = createIndexedDbFlowRepository(databaseName);
    const store = createFlowStore(original);
    const autosave = createAutosave(store, repository, { delayMs: 0, maxWaitMs: 0 });
    stops.push(autosave.start());
    return { store, autosave, repository };
  });
  const [tabA, tabB] = tabs;
  if (!tabA || !tabB) throw new Error('two tabs expected');
  await tabA.repository.saveFlow(original);
  await tabB.repository.loadFlow(original.id);

  tabA.store.getState().addNode('message', { x: 0, y: 200 });
  await tabA.autosave.flush();
  tabB.store.getState().addNode('end', { x: 0, y: 400 });
  await tabB.autosave.flush();
  expect(tabB.autosave.getStatus()).toEqual({
    state: 'conflict',
    flowId: original.id,
    reason: 'changed',
  });
  return { original, tabA, tabB };
}

async function storedFlow(repository: FlowRepository, id: string): Promise<FlowDocument> {
  const loaded = await repository.loadFlow(id);
  if (!loaded.ok) throw new Error(`flow ${id} is ${loaded.reason}`);
  return loaded.flow;
}

const kinds = (flow: FlowDocument) => flow.nodes.map((node) => node.type).sort();

describe('keepMyVersionAsCopy', () => {
  it("stores the stale tab's version as a new flow, opens it, and leaves the other tab's original", async () => {
    const { original, tabA, tabB } = await staleTabAfterOtherTabSaved();
    const tabAVersion = flowFromCanvas(tabA.store.getState());
    const tabBVersion = flowFromCanvas(tabB.store.getState());

    const kept = await keepMyVersionAsCopy(tabB.store, tabB.autosave, tabB.repository, original.id);

    if (!kept.ok) throw new Error(kept.message);
    expect(kept.copy.id).not.toBe(original.id);
    expect(kept.copy.name).toBe('Survey (my version)');
    expect(tabB.store.getState().flowId).toBe(kept.copy.id);
    expect(tabB.autosave.getStatus()).toEqual({ state: 'saved' });
    expect(tabB.autosave.unsavedFlow(original.id)).toBeNull();
    expect(await storedFlow(tabB.repository, original.id)).toEqual(tabAVersion);
    expect(await storedFlow(tabB.repository, kept.copy.id)).toEqual({
      ...tabBVersion,
      id: kept.copy.id,
      name: 'Survey (my version)',
    });
    expect((await tabB.repository.listFlows()).map((flow) => flow.name).sort()).toEqual([
      'Survey',
      'Survey (my version)',
    ]);
    expect(await tabB.repository.readLastOpenFlowId()).toBe(kept.copy.id);
  });

  it('lets autosave go on with the copy, never touching the original', async () => {
    const { original, tabA, tabB } = await staleTabAfterOtherTabSaved();
    const kept = await keepMyVersionAsCopy(tabB.store, tabB.autosave, tabB.repository, original.id);
    if (!kept.ok) throw new Error(kept.message);

    tabB.store.getState().addNode('question', { x: 0, y: 600 });
    await tabB.autosave.flush();

    expect(tabB.autosave.getStatus()).toEqual({ state: 'saved' });
    expect(kinds(await storedFlow(tabB.repository, kept.copy.id))).toEqual([
      'end',
      'question',
      'start',
    ]);
    expect(kinds(await storedFlow(tabA.repository, original.id))).toEqual(['message', 'start']);
  });

  it('names the copy after the name this tab gave the flow, unique among the flows kept', async () => {
    const { original, tabB } = await staleTabAfterOtherTabSaved();
    await tabB.repository.saveFlow(createEmptyFlow('Renamed here (my version)'));
    tabB.store.getState().renameFlow('Renamed here');

    const kept = await keepMyVersionAsCopy(tabB.store, tabB.autosave, tabB.repository, original.id);

    if (!kept.ok) throw new Error(kept.message);
    expect(kept.copy.name).toBe('Renamed here (my version) 2');
  });

  it('drops nothing when the copy cannot be written, and says why', async () => {
    const { original, tabB } = await staleTabAfterOtherTabSaved();
    const mine = flowFromCanvas(tabB.store.getState());
    const full: FlowRepository = {
      ...tabB.repository,
      saveFlow: () => Promise.reject(new Error('QuotaExceededError: the disk is full')),
    };

    const kept = await keepMyVersionAsCopy(tabB.store, tabB.autosave, full, original.id);

    expect(kept).toEqual({ ok: false, message: 'QuotaExceededError: the disk is full' });
    expect(flowFromCanvas(tabB.store.getState())).toEqual(mine);
    expect(tabB.autosave.getStatus()).toEqual({
      state: 'conflict',
      flowId: original.id,
      reason: 'changed',
    });
    expect(tabB.autosave.unsavedFlow(original.id)).toEqual(mine);
    expect(await tabB.repository.listFlows()).toHaveLength(1);
  });
});
