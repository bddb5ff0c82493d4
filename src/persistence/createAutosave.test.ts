import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmptyFlow } from '../domain/createFlows';
import type { FlowDocument } from '../domain/flowDocumentSchema';
import { createFlowStore, type FlowStore } from '../store/createFlowStore';
import { createAutosave, type Autosave } from './createAutosave';
import type { FlowRepository, FlowSummary } from './flowRepository';

/** An in-memory repository that records every save and can be told to fail. */
function createFakeRepository() {
  const stored = new Map<string, FlowDocument>();
  const saves: FlowDocument[] = [];
  let failure: string | null = null;
  let conflictFrom: number | null = null;
  let saveAttempts = 0;
  let gate: Promise<void> | null = null;

  const repository: FlowRepository = {
    listFlows: () =>
      Promise.resolve(
        [...stored.values()].map((flow): FlowSummary => ({
          id: flow.id,
          name: flow.name,
          updatedAt: 0,
        })),
      ),
    loadFlow: (id) => {
      const flow = stored.get(id);
      return Promise.resolve(
        flow
          ? { ok: true, flow: structuredClone(flow), revision: saves.length }
          : { ok: false, reason: 'missing' },
      );
    },
    saveFlow: async (flow) => {
      saveAttempts += 1;
      const failWith = failure;
      if (gate) await gate;
      if (failWith !== null) throw new Error(failWith);
      if (conflictFrom !== null)
        return { ok: false, reason: 'conflict', storedRevision: conflictFrom };
      const copy = structuredClone(flow);
      stored.set(flow.id, copy);
      saves.push(copy);
      return { ok: true, revision: saves.length };
    },
    deleteFlow: (id) => {
      stored.delete(id);
      return Promise.resolve();
    },
    readLastOpenFlowId: () => Promise.resolve(null),
    writeLastOpenFlowId: () => Promise.resolve(),
  };

  return {
    repository,
    /** Every document written successfully, oldest first. */
    saves,
    attempts: () => saveAttempts,
    failWith: (message: string) => {
      failure = message;
    },
    recover: () => {
      failure = null;
    },
    /** Another tab saved: every write is refused as a conflict until `recover`. */
    savedElsewhere: (flow: FlowDocument) => {
      stored.set(flow.id, structuredClone(flow));
      conflictFrom = 99;
    },
    acceptWrites: () => {
      conflictFrom = null;
    },
    /** Holds every save until the returned function is called. */
    holdSaves: () => {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        gate = null;
        release();
      };
    },
  };
}

const delayMs = 300;
const retryDelaysMs = [1000, 2000, 4000];

function setUp() {
  const flow = createEmptyFlow('Autosaved flow');
  const store = createFlowStore(flow);
  const fake = createFakeRepository();
  const onSaved = vi.fn<(flowId: string, revision: number) => void>();
  const autosave = createAutosave(store, fake.repository, { delayMs, retryDelaysMs, onSaved });
  const stop = autosave.start();
  return { flow, store, fake, autosave, stop, onSaved };
}

function lastSaved(saves: readonly FlowDocument[]): FlowDocument {
  const last = saves.at(-1);
  if (!last) throw new Error('Nothing was saved');
  return last;
}

function textOf(flow: FlowDocument, nodeId: string): string | undefined {
  const found = flow.nodes.find((node) => node.id === nodeId);
  return found?.type === 'message' ? found.data.text : undefined;
}

function addMessage(store: FlowStore, text: string): string {
  const id = store.getState().addNode('message', { x: 0, y: 100 });
  store.getState().updateNodeData(id, 'message', { text });
  return id;
}

function stateOf(autosave: Autosave) {
  return autosave.getStatus().state;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createAutosave', () => {
  it('starts out saved and writes nothing while nothing changes', async () => {
    const { autosave, fake } = setUp();

    await vi.advanceTimersByTimeAsync(10_000);

    expect(stateOf(autosave)).toBe('saved');
    expect(fake.attempts()).toBe(0);
  });

  it('saves a change once the author pauses for the delay', async () => {
    const { store, autosave, fake, flow, onSaved } = setUp();

    const id = addMessage(store, 'Hello');
    expect(stateOf(autosave)).toBe('pending');

    await vi.advanceTimersByTimeAsync(delayMs - 1);
    expect(fake.saves).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1);
    expect(fake.saves).toHaveLength(1);
    expect(lastSaved(fake.saves).id).toBe(flow.id);
    expect(textOf(lastSaved(fake.saves), id)).toBe('Hello');
    expect(stateOf(autosave)).toBe('saved');
    expect(onSaved).toHaveBeenCalledWith(flow.id, 1);
  });

  it('tells its listeners when the status changes, not at every keystroke that keeps it pending', async () => {
    const { store, autosave } = setUp();
    const id = addMessage(store, '');
    const heard: string[] = [];
    autosave.subscribe(() => heard.push(stateOf(autosave)));
    const pending = autosave.getStatus();

    for (const text of ['T', 'Ty', 'Typ', 'Typed']) {
      store.getState().updateNodeData(id, 'message', { text });
    }
    expect(heard).toEqual([]);
    expect(autosave.getStatus()).toBe(pending);

    await vi.advanceTimersByTimeAsync(delayMs);
    expect(heard).toEqual(['saving', 'saved']);
  });

  it('writes a burst of changes once, with the last of them', async () => {
    const { store, fake } = setUp();
    const id = addMessage(store, '');

    for (const text of ['T', 'Ty', 'Typ', 'Typed']) {
      store.getState().updateNodeData(id, 'message', { text }, `${id}:text`);
      await vi.advanceTimersByTimeAsync(delayMs / 3);
    }
    await vi.advanceTimersByTimeAsync(delayMs);

    expect(fake.saves).toHaveLength(1);
    expect(textOf(lastSaved(fake.saves), id)).toBe('Typed');
  });

  it('saves the flow without view state, as a valid flow file', async () => {
    const { store, fake } = setUp();
    store.getState().addNode('end', { x: 0, y: 100 });

    await vi.advanceTimersByTimeAsync(delayMs);

    for (const node of lastSaved(fake.saves).nodes) {
      expect(node).not.toHaveProperty('selected');
      expect(node).not.toHaveProperty('deletable');
    }
  });

  it('does not write again when only the selection changed', async () => {
    const { store, fake, autosave } = setUp();
    store.getState().addNode('end', { x: 0, y: 100 });
    await vi.advanceTimersByTimeAsync(delayMs);

    store.getState().selectNodes(['start']);
    await vi.advanceTimersByTimeAsync(delayMs);

    expect(fake.attempts()).toBe(1);
    expect(stateOf(autosave)).toBe('saved');
  });

  it('does not even mark the flow unsaved when only the selection changed', () => {
    const { store, autosave } = setUp();

    store.getState().selectNodes(['start']);

    expect(stateOf(autosave)).toBe('saved');
  });

  it('writes within a second while the author keeps typing without a pause', async () => {
    const { store, fake } = setUp();
    const id = addMessage(store, '');
    await vi.advanceTimersByTimeAsync(delayMs);
    const writesBefore = fake.saves.length;

    for (let keystroke = 1; keystroke <= 20; keystroke += 1) {
      store.getState().updateNodeData(id, 'message', { text: 'x'.repeat(keystroke) }, 'typing');
      await vi.advanceTimersByTimeAsync(150);
    }

    // 3 s of typing, one key every 150 ms: never a 300 ms pause, yet written every second.
    expect(fake.saves.length - writesBefore).toBeGreaterThanOrEqual(2);
    expect(textOf(lastSaved(fake.saves), id)?.length).toBeGreaterThanOrEqual(13);
  });

  it('reports every status change to subscribers', async () => {
    const { store, autosave } = setUp();
    const seen: string[] = [];
    autosave.subscribe(() => seen.push(stateOf(autosave)));

    store.getState().renameFlow('Renamed');
    await vi.advanceTimersByTimeAsync(delayMs);

    expect(seen).toEqual(['pending', 'saving', 'saved']);
  });

  describe('when saving fails', () => {
    it('reports the failure with the error message and when it retries', async () => {
      const { store, autosave, fake } = setUp();
      fake.failWith('Quota exceeded');

      store.getState().renameFlow('Renamed');
      await vi.advanceTimersByTimeAsync(delayMs);

      expect(autosave.getStatus()).toEqual({
        state: 'failed',
        message: 'Quota exceeded',
        attempt: 1,
        retryInMs: 1000,
      });
    });

    it('retries with growing waits, repeating the last one', async () => {
      const { store, autosave, fake } = setUp();
      fake.failWith('Quota exceeded');
      store.getState().renameFlow('Renamed');
      await vi.advanceTimersByTimeAsync(delayMs);

      const waits: number[] = [];
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        const status = autosave.getStatus();
        if (status.state !== 'failed') throw new Error(`Expected failed, got ${status.state}`);
        expect(status.attempt).toBe(attempt);
        waits.push(status.retryInMs);
        expect(fake.attempts()).toBe(attempt);
        await vi.advanceTimersByTimeAsync(status.retryInMs - 1);
        expect(fake.attempts()).toBe(attempt);
        await vi.advanceTimersByTimeAsync(1);
      }

      expect(waits).toEqual([1000, 2000, 4000, 4000]);
    });

    it('keeps the changes and saves the latest one once the repository recovers', async () => {
      const { store, autosave, fake } = setUp();
      fake.failWith('Disk full');
      const id = addMessage(store, 'First');
      await vi.advanceTimersByTimeAsync(delayMs);
      expect(stateOf(autosave)).toBe('failed');

      store.getState().updateNodeData(id, 'message', { text: 'Second' });
      await vi.advanceTimersByTimeAsync(delayMs);
      expect(stateOf(autosave)).toBe('failed');

      fake.recover();
      await vi.advanceTimersByTimeAsync(retryDelaysMs[0] ?? 0);

      expect(autosave.getStatus()).toEqual({ state: 'saved' });
      expect(fake.saves).toHaveLength(1);
      expect(textOf(lastSaved(fake.saves), id)).toBe('Second');
    });

    it('starts the waits over after a success', async () => {
      const { store, autosave, fake } = setUp();
      fake.failWith('Offline');
      store.getState().renameFlow('One');
      await vi.advanceTimersByTimeAsync(delayMs);
      await vi.advanceTimersByTimeAsync(1000);
      fake.recover();
      await vi.advanceTimersByTimeAsync(2000);
      expect(stateOf(autosave)).toBe('saved');

      fake.failWith('Offline again');
      store.getState().renameFlow('Two');
      await vi.advanceTimersByTimeAsync(delayMs);

      expect(autosave.getStatus()).toMatchObject({ state: 'failed', attempt: 1, retryInMs: 1000 });
    });

    it('writes right away on flush, without waiting for the retry', async () => {
      const { store, autosave, fake } = setUp();
      fake.failWith('Offline');
      store.getState().renameFlow('Renamed');
      await vi.advanceTimersByTimeAsync(delayMs);

      fake.recover();
      await autosave.flush();

      expect(stateOf(autosave)).toBe('saved');
      expect(lastSaved(fake.saves).name).toBe('Renamed');
    });
  });

  it('writes pending changes at once on flush', async () => {
    const { store, autosave, fake } = setUp();
    store.getState().renameFlow('Flushed');

    await autosave.flush();

    expect(lastSaved(fake.saves).name).toBe('Flushed');
    expect(stateOf(autosave)).toBe('saved');
  });

  it('writes a change made while a save is in flight after that save', async () => {
    const { store, autosave, fake } = setUp();
    const release = fake.holdSaves();
    store.getState().renameFlow('During');
    await vi.advanceTimersByTimeAsync(delayMs);
    expect(stateOf(autosave)).toBe('saving');

    store.getState().renameFlow('After');
    release();
    await vi.advanceTimersByTimeAsync(delayMs);

    expect(fake.saves.map((flow) => flow.name)).toEqual(['During', 'After']);
    expect(stateOf(autosave)).toBe('saved');
  });

  it('stays "saving" while a write is in flight, and a failing write waits before retrying', async () => {
    const { store, autosave, fake } = setUp();
    fake.failWith('Disk full');
    const release = fake.holdSaves();
    store.getState().renameFlow('First');
    await vi.advanceTimersByTimeAsync(delayMs);
    expect(stateOf(autosave)).toBe('saving');

    store.getState().renameFlow('Second');
    expect(stateOf(autosave)).toBe('saving');
    await vi.advanceTimersByTimeAsync(delayMs);
    release();
    await vi.advanceTimersByTimeAsync(0);

    expect(autosave.getStatus()).toMatchObject({ state: 'failed', attempt: 1, retryInMs: 1000 });
    expect(fake.attempts()).toBe(1);

    fake.recover();
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.attempts()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.attempts()).toBe(2);
    expect(lastSaved(fake.saves).name).toBe('Second');
    expect(stateOf(autosave)).toBe('saved');
  });

  it('flush during a write also writes the changes made while it was in flight', async () => {
    const { store, autosave, fake } = setUp();
    const release = fake.holdSaves();
    store.getState().renameFlow('During');
    await vi.advanceTimersByTimeAsync(delayMs);
    store.getState().renameFlow('After');

    const flushed = autosave.flush();
    release();
    await flushed;

    expect(fake.saves.map((flow) => flow.name)).toEqual(['During', 'After']);
    expect(stateOf(autosave)).toBe('saved');
  });

  describe('a change made while a write that then fails is in flight', () => {
    it('keeps "saving" until the write fails, then waits for the retry to save the change', async () => {
      const { store, autosave, fake } = setUp();
      fake.failWith('Disk full');
      const release = fake.holdSaves();
      const id = addMessage(store, 'First');
      const seen: string[] = [];
      autosave.subscribe(() => seen.push(stateOf(autosave)));
      await vi.advanceTimersByTimeAsync(delayMs);
      expect(stateOf(autosave)).toBe('saving');
      expect(fake.attempts()).toBe(1);

      store.getState().updateNodeData(id, 'message', { text: 'Second' });
      expect(stateOf(autosave)).toBe('saving');
      await vi.advanceTimersByTimeAsync(delayMs + 1);
      expect(stateOf(autosave)).toBe('saving');
      expect(fake.attempts()).toBe(1);

      release();
      await vi.advanceTimersByTimeAsync(0);
      expect(autosave.getStatus()).toEqual({
        state: 'failed',
        message: 'Disk full',
        attempt: 1,
        retryInMs: 1000,
      });
      expect(fake.attempts()).toBe(1);

      fake.recover();
      await vi.advanceTimersByTimeAsync(999);
      expect(fake.attempts()).toBe(1);
      expect(stateOf(autosave)).toBe('failed');
      await vi.advanceTimersByTimeAsync(1);
      expect(fake.attempts()).toBe(2);
      expect(fake.saves).toHaveLength(1);
      expect(textOf(lastSaved(fake.saves), id)).toBe('Second');
      expect(autosave.getStatus()).toEqual({ state: 'saved' });
      expect(seen).toEqual(['saving', 'failed', 'saving', 'saved']);

      await vi.advanceTimersByTimeAsync(10_000);
      expect(fake.attempts()).toBe(2);
    });

    it('lets a flush waiting on that write resolve, reporting the failure', async () => {
      const { store, autosave, fake } = setUp();
      fake.failWith('Disk full');
      const release = fake.holdSaves();
      store.getState().renameFlow('First');
      await vi.advanceTimersByTimeAsync(delayMs);
      store.getState().renameFlow('Second');

      const flushed = autosave.flush();
      release();
      await flushed;

      expect(autosave.getStatus()).toMatchObject({ state: 'failed', attempt: 1, retryInMs: 1000 });
      expect(fake.attempts()).toBe(1);
    });
  });

  it('resolves a flush made during a write only once the changes made meanwhile are saved', async () => {
    const { store, autosave, fake } = setUp();
    const release = fake.holdSaves();
    const id = addMessage(store, 'During');
    await vi.advanceTimersByTimeAsync(delayMs);
    expect(stateOf(autosave)).toBe('saving');
    store.getState().updateNodeData(id, 'message', { text: 'Before flush' });

    let flushed = false;
    const flushing = autosave.flush().then(() => {
      flushed = true;
    });
    store.getState().updateNodeData(id, 'message', { text: 'After flush' });
    await vi.advanceTimersByTimeAsync(delayMs * 3);
    expect(flushed).toBe(false);
    expect(fake.saves).toHaveLength(0);

    release();
    await flushing;

    expect(fake.saves.map((flow) => textOf(flow, id))).toEqual(['During', 'After flush']);
    expect(autosave.getStatus()).toEqual({ state: 'saved' });
  });

  it('writes the previous flow’s pending change when another flow is opened', async () => {
    const { store, fake, flow } = setUp();
    store.getState().renameFlow('Renamed before switching');
    const other = createEmptyFlow('Other');

    store.getState().loadFlow(other);
    await vi.advanceTimersByTimeAsync(0);

    expect(fake.saves).toHaveLength(1);
    expect(lastSaved(fake.saves)).toMatchObject({ id: flow.id, name: 'Renamed before switching' });
  });

  it('does not write a flow just because it was opened', async () => {
    const { store, fake } = setUp();

    store.getState().loadFlow(createEmptyFlow('Other'));
    await vi.advanceTimersByTimeAsync(10_000);

    expect(fake.attempts()).toBe(0);
  });

  it('saves changes to the newly opened flow under its own id', async () => {
    const { store, fake } = setUp();
    const other = createEmptyFlow('Other');
    store.getState().loadFlow(other);

    store.getState().renameFlow('Other, renamed');
    await vi.advanceTimersByTimeAsync(delayMs);

    expect(lastSaved(fake.saves)).toMatchObject({ id: other.id, name: 'Other, renamed' });
  });

  it('writes what is pending when stopped, and then stops watching', async () => {
    const { store, fake, stop } = setUp();
    store.getState().renameFlow('Before stop');

    stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(lastSaved(fake.saves).name).toBe('Before stop');

    store.getState().renameFlow('After stop');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.saves).toHaveLength(1);
  });
});

describe('createAutosave writes at once when leaving an edit', () => {
  /** A window and a document that the test fires events on, as the browser would. */
  function fakePage(visibilityState: DocumentVisibilityState = 'visible') {
    return {
      window: new EventTarget(),
      document: Object.assign(new EventTarget(), { visibilityState }),
    };
  }

  function dragStart(store: FlowStore, nodeId: string) {
    store
      .getState()
      .onNodesChange([
        { type: 'position', id: nodeId, position: { x: 10, y: 10 }, dragging: true },
      ]);
  }

  it('writes a move as soon as the drag ends, without waiting for the delay', async () => {
    const { store, fake, flow } = setUp();
    const startId = flow.nodes[0]?.id ?? '';
    dragStart(store, startId);
    store
      .getState()
      .onNodesChange([
        { type: 'position', id: startId, position: { x: 40, y: 50 }, dragging: true },
      ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.saves).toHaveLength(0);

    store.getState().onNodesChange([{ type: 'position', id: startId, dragging: false }]);
    await vi.advanceTimersByTimeAsync(0);

    expect(fake.saves).toHaveLength(1);
    expect(lastSaved(fake.saves).nodes[0]?.position).toEqual({ x: 40, y: 50 });
  });

  it('writes what is pending when a field loses focus', async () => {
    const { store, fake, autosave } = setUp();
    const page = fakePage();
    autosave.watchPage(page);
    addMessage(store, 'Typed');

    page.window.dispatchEvent(new Event('focusout'));
    await vi.advanceTimersByTimeAsync(0);

    expect(fake.saves).toHaveLength(1);
    expect(stateOf(autosave)).toBe('saved');
  });

  it('writes what is pending when the page is left or hidden, not when it is shown', async () => {
    const { store, fake, autosave } = setUp();
    const page = fakePage();
    autosave.watchPage(page);

    addMessage(store, 'Before pagehide');
    page.window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.saves).toHaveLength(1);

    store.getState().renameFlow('Still visible');
    page.document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.saves).toHaveLength(1);

    page.document.visibilityState = 'hidden';
    page.document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.saves).toHaveLength(2);
    expect(lastSaved(fake.saves).name).toBe('Still visible');
  });

  it('tries once more on pagehide even after a failed write', async () => {
    const { store, fake, autosave } = setUp();
    const page = fakePage();
    autosave.watchPage(page);
    fake.failWith('Disk full');
    addMessage(store, 'Kept');
    await vi.advanceTimersByTimeAsync(delayMs);
    expect(stateOf(autosave)).toBe('failed');
    fake.recover();

    page.window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);

    expect(fake.saves).toHaveLength(1);
  });

  it('stops watching the page when told to', async () => {
    const { store, fake, autosave } = setUp();
    const page = fakePage();
    const stopWatching = autosave.watchPage(page);
    stopWatching();
    addMessage(store, 'Typed');

    page.window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);

    expect(fake.saves).toHaveLength(0);
  });

  it('has unsaved changes only while a change is not yet written', async () => {
    const { store, fake, autosave } = setUp();
    expect(autosave.hasUnsavedChanges()).toBe(false);

    store.getState().renameFlow('Renamed');
    expect(autosave.hasUnsavedChanges()).toBe(true);

    const release = fake.holdSaves();
    await vi.advanceTimersByTimeAsync(delayMs);
    expect(autosave.hasUnsavedChanges()).toBe(true);

    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.hasUnsavedChanges()).toBe(false);
  });

  it('has no unsaved changes when a change was undone before it was written', () => {
    const { store, autosave } = setUp();
    store.getState().renameFlow('Renamed');
    store.getState().undo();

    expect(stateOf(autosave)).toBe('pending');
    expect(autosave.hasUnsavedChanges()).toBe(false);
  });

  describe('when another tab saved the flow', () => {
    it('does not overwrite, says so, holds the change and never retries on its own', async () => {
      const { store, autosave, fake, flow } = setUp();
      fake.savedElsewhere({ ...flow, name: 'Newer, from the other tab' });

      addMessage(store, 'Typed in the stale tab');
      await vi.advanceTimersByTimeAsync(delayMs);

      expect(autosave.getStatus()).toEqual({
        state: 'conflict',
        flowId: flow.id,
        reason: 'changed',
      });
      expect(fake.saves).toHaveLength(0);
      expect(autosave.hasUnsavedChanges()).toBe(true);
      const attempts = fake.attempts();
      addMessage(store, 'More typing');
      await vi.advanceTimersByTimeAsync(60_000);
      expect(fake.attempts()).toBe(attempts);
      expect(autosave.getStatus().state).toBe('conflict');
    });

    it('shows the stored flow on reload and saves again from there', async () => {
      const { store, autosave, fake, flow } = setUp();
      const newer = { ...flow, name: 'Newer, from the other tab' };
      fake.savedElsewhere(newer);
      addMessage(store, 'Typed in the stale tab');
      await vi.advanceTimersByTimeAsync(delayMs);
      expect(autosave.getStatus().state).toBe('conflict');

      fake.acceptWrites();
      autosave.replaceWithStored(newer, () => store.getState().loadFlow(newer));

      expect(store.getState().name).toBe('Newer, from the other tab');
      expect(autosave.getStatus()).toEqual({ state: 'saved' });
      expect(autosave.hasUnsavedChanges()).toBe(false);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(fake.saves).toHaveLength(0);

      store.getState().renameFlow('Renamed after the reload');
      await vi.advanceTimersByTimeAsync(delayMs);
      expect(lastSaved(fake.saves).name).toBe('Renamed after the reload');
      expect(autosave.getStatus().state).toBe('saved');
    });
  });
});
