import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmptyFlow } from '../domain/createFlows';
import type { FlowDocument } from '../domain/flowDocumentSchema';
import { createFlowStore, type FlowStore } from '../store/createFlowStore';
import { createAutosave, type Autosave } from './createAutosave';
import { createIndexedDbFlowRepository, type FlowRepository } from './flowRepository';

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

/** Two tabs of one browser with flows X and Y stored; tab B's write to X was refused. */
async function tabBInConflictOnX() {
  databaseCount += 1;
  const databaseName = `flowbench-conflicts-${databaseCount}`;
  const x = createEmptyFlow('X');
  const y = createEmptyFlow('Y');
  const tabs = [0, 1].map((): Tab => {
    const repository = createIndexedDbFlowRepository(databaseName);
    const store = createFlowStore(x);
    const autosave = createAutosave(store, repository, { delayMs: 0, maxWaitMs: 0 });
    stops.push(autosave.start());
    return { store, autosave, repository };
  });
  const [tabA, tabB] = tabs;
  if (!tabA || !tabB) throw new Error('two tabs expected');
  await tabA.repository.saveFlow(x);
  await tabA.repository.saveFlow(y);
  await tabB.repository.loadFlow(x.id);

  tabA.store.getState().renameFlow('X as tab A left it');
  await tabA.autosave.flush();
  tabB.store.getState().renameFlow('X as tab B typed it');
  await tabB.autosave.flush();
  expect(tabB.autosave.getStatus()).toEqual({ state: 'conflict', flowId: x.id, reason: 'changed' });
  return { x, y, tabA, tabB };
}

async function storedFlow(repository: FlowRepository, id: string): Promise<FlowDocument> {
  const loaded = await repository.loadFlow(id);
  if (!loaded.ok) throw new Error(`flow ${id} is ${loaded.reason}`);
  return loaded.flow;
}

/** Opens a flow as the flow list does: read from storage, then shown. */
async function open(tab: Tab, id: string) {
  await tab.autosave.flush();
  tab.store.getState().loadFlow(await storedFlow(tab.repository, id));
}

describe('createAutosave with a flow in conflict', () => {
  it('goes on writing the other flows, and says saved while one of them is open', async () => {
    const { y, tabB } = await tabBInConflictOnX();

    await open(tabB, y.id);
    expect(tabB.autosave.getStatus()).toEqual({ state: 'saved' });
    tabB.store.getState().renameFlow('Y renamed in tab B');

    // Written by autosave's own timer, not only when asked to flush.
    await vi.waitFor(async () =>
      expect((await storedFlow(tabB.repository, y.id)).name).toBe('Y renamed in tab B'),
    );
    expect(tabB.autosave.getStatus()).toEqual({ state: 'saved' });
  });

  it('writes the edits made after the flow was opened again from storage', async () => {
    const { x, y, tabB } = await tabBInConflictOnX();
    await open(tabB, y.id);

    await open(tabB, x.id);
    expect(tabB.store.getState().name).toBe('X as tab A left it');
    expect(tabB.autosave.getStatus()).toEqual({ state: 'saved' });
    tabB.store.getState().renameFlow('X edited after reopening');
    await tabB.autosave.flush();

    expect((await storedFlow(tabB.repository, x.id)).name).toBe('X edited after reopening');
    expect(tabB.autosave.getStatus()).toEqual({ state: 'saved' });
  });

  it('holds only the conflicted flow: its later edits are not written over the newer one', async () => {
    const { x, tabB } = await tabBInConflictOnX();

    tabB.store.getState().renameFlow('More typing in tab B');
    await tabB.autosave.flush();

    expect((await storedFlow(tabB.repository, x.id)).name).toBe('X as tab A left it');
    expect(tabB.autosave.getStatus().state).toBe('conflict');
  });

  it('forgets the conflict of a flow deleted here', async () => {
    const { x, y, tabB } = await tabBInConflictOnX();
    await open(tabB, y.id);

    tabB.autosave.forgetFlow(x.id);
    await tabB.repository.deleteFlow(x.id);

    expect(tabB.autosave.getStatus()).toEqual({ state: 'saved' });
    expect(tabB.autosave.hasUnsavedChanges()).toBe(false);
    expect(tabB.autosave.unsavedFlow(x.id)).toBeNull();
  });

  it('does not bring back a flow deleted in another tab', async () => {
    const { x, y, tabA, tabB } = await tabBInConflictOnX();
    await open(tabB, y.id);
    await open(tabB, x.id);
    await tabA.repository.deleteFlow(x.id);

    tabB.autosave.markStale(x.id, 'deleted');
    tabB.store.getState().renameFlow('Typed after the deletion');
    await tabB.autosave.flush();

    expect((await tabB.repository.loadFlow(x.id)).ok).toBe(false);
    expect(tabB.autosave.getStatus()).toEqual({
      state: 'conflict',
      flowId: x.id,
      reason: 'deleted',
    });
    expect(tabB.autosave.unsavedFlow(x.id)?.name).toBe('Typed after the deletion');
  });
});
