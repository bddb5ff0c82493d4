import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmptyFlow } from '../domain/createFlows';
import type { FlowDocument } from '../domain/flowDocumentSchema';
import { createFlowStore, type FlowStore } from '../store/createFlowStore';
import { createAutosave, type Autosave } from './createAutosave';
import { createIndexedDbFlowRepository, type FlowRepository } from './flowRepository';
import { announceToOtherTabs, followOtherTabs } from './followOtherTabs';
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

/** Two tabs of one browser (each its own tab id), both with the stored flow open. */
async function twoTabsOn(flow: FlowDocument): Promise<{ tabA: Tab; tabB: Tab }> {
  databaseCount += 1;
  const databaseName = `flowbench-follow-${databaseCount}`;
  const [tabA, tabB] = ['tab-a', 'tab-b'].map((tabId): Tab => {
    const repository = announceToOtherTabs(createIndexedDbFlowRepository(databaseName), tabId);
    const store = createFlowStore(flow);
    const autosave = createAutosave(store, repository, { delayMs: 0, maxWaitMs: 0 });
    stops.push(autosave.start(), followOtherTabs(store, autosave, repository, { tabId }));
    return { store, autosave, repository };
  });
  if (!tabA || !tabB) throw new Error('two tabs expected');
  await tabA.repository.saveFlow(flow);
  await tabB.repository.loadFlow(flow.id);
  return { tabA, tabB };
}

async function storedFlow(repository: FlowRepository, id: string): Promise<FlowDocument> {
  const loaded = await repository.loadFlow(id);
  if (!loaded.ok) throw new Error(`flow ${id} is ${loaded.reason}`);
  return loaded.flow;
}

/** A URL typed wrong in the inspector: kept as a draft, outside the flow document. */
function typeInvalidUrl(store: FlowStore) {
  const id = store.getState().addNode('web-service', { x: 0, y: 200 });
  store.getState().setInvalidField(id, 'url', {
    text: 'not a url',
    message: 'Enter an http(s) address',
    problem: 'URL is not a valid http(s) address',
    value: '',
  });
}

describe('followOtherTabs', () => {
  it('an idle tab follows a rename made from the flow list of another tab', async () => {
    const flow = createEmptyFlow('Survey');
    const { tabA, tabB } = await twoTabsOn(flow);
    const other = createEmptyFlow('Other');
    await tabA.repository.saveFlow(other);
    tabA.store.getState().loadFlow(other);

    // As the flow list renames a flow that is not open: load, then save under the new name.
    await tabA.repository.saveFlow({
      ...(await storedFlow(tabA.repository, flow.id)),
      name: 'Renamed in A',
    });

    await vi.waitFor(() => expect(tabB.store.getState().name).toBe('Renamed in A'));
    expect(tabB.autosave.getStatus()).toEqual({ state: 'saved' });
  });

  it('does not throw away an invalid draft: the tab is told its flow is stale instead', async () => {
    const flow = createEmptyFlow('Survey');
    const { tabA, tabB } = await twoTabsOn(flow);
    typeInvalidUrl(tabB.store);
    await tabB.autosave.flush();
    // Tab A reads B's module, then renames the flow.
    tabA.store.getState().loadFlow(await storedFlow(tabA.repository, flow.id));
    tabA.store.getState().renameFlow('Renamed in A');
    await tabA.autosave.flush();

    await vi.waitFor(() =>
      expect(tabB.autosave.getStatus()).toEqual({
        state: 'conflict',
        flowId: flow.id,
        reason: 'changed',
      }),
    );
    expect(Object.keys(tabB.store.getState().invalidFields)).toHaveLength(1);
    expect(tabB.store.getState().name).toBe('Survey');
  });

  it('a flow deleted in another tab is not brought back by this tab’s next write', async () => {
    const flow = createEmptyFlow('Survey');
    const { tabA, tabB } = await twoTabsOn(flow);

    await tabA.repository.deleteFlow(flow.id);
    await vi.waitFor(() =>
      expect(tabB.autosave.getStatus()).toEqual({
        state: 'conflict',
        flowId: flow.id,
        reason: 'deleted',
      }),
    );
    tabB.store.getState().renameFlow('Typed after the deletion');
    await tabB.autosave.flush();

    expect((await tabB.repository.loadFlow(flow.id)).ok).toBe(false);
  });

  it('keeps the version of a flow deleted elsewhere as a copy, even with nothing pending', async () => {
    const flow = createEmptyFlow('Survey');
    const { tabA, tabB } = await twoTabsOn(flow);
    await tabA.repository.deleteFlow(flow.id);
    await vi.waitFor(() => expect(tabB.autosave.getStatus().state).toBe('conflict'));

    const kept = await keepMyVersionAsCopy(tabB.store, tabB.autosave, tabB.repository, flow.id);

    if (!kept.ok) throw new Error(kept.message);
    expect((await storedFlow(tabB.repository, kept.copy.id)).name).toBe('Survey (my version)');
    expect(tabB.store.getState().flowId).toBe(kept.copy.id);
    expect(tabB.autosave.getStatus()).toEqual({ state: 'saved' });
  });
});
