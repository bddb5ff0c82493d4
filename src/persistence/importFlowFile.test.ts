import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoFlow, createEmptyFlow } from '../domain/createFlows';
import { currentSchemaVersion, type FlowDocument } from '../domain/flowDocumentSchema';
import { flowFileLimits } from '../domain/parseFlowFile';
import { readFlowFile } from '../domain/readFlowFile';
import { createFlowStore, type FlowStore } from '../store/createFlowStore';
import { selectFlowProblems } from '../store/selectFlowProblems';
import { createAutosave } from './createAutosave';
import { createIndexedDbFlowRepository, type FlowRepository } from './flowRepository';
import { importFlowFile } from './importFlowFile';

let databaseCount = 0;
const stops: (() => void)[] = [];

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** A repository on a fresh database that records every write asked of it. */
function recordingRepository(): { repository: FlowRepository; writes: string[] } {
  databaseCount += 1;
  const stored = createIndexedDbFlowRepository(`flowbench-import-${databaseCount}`);
  const writes: string[] = [];
  const repository: FlowRepository = {
    ...stored,
    saveFlow: (flow) => {
      writes.push(`saveFlow ${flow.id}`);
      return stored.saveFlow(flow);
    },
    deleteFlow: (id) => {
      writes.push(`deleteFlow ${id}`);
      return stored.deleteFlow(id);
    },
    writeLastOpenFlowId: (id) => {
      writes.push(`writeLastOpenFlowId ${id}`);
      return stored.writeLastOpenFlowId(id);
    },
  };
  return { repository, writes };
}

/** The editor with its flow "Survey" stored and open, and one change not yet written. */
async function editorWithOpenFlow() {
  const { repository, writes } = recordingRepository();
  const open = createEmptyFlow('Survey');
  await repository.saveFlow(open);
  const store = createFlowStore(open);
  const autosave = createAutosave(store, repository, { delayMs: 60_000, maxWaitMs: 60_000 });
  stops.push(autosave.start());
  store.getState().addNode('message', { x: 0, y: 200 });
  writes.length = 0;
  return { repository, writes, store, autosave, open };
}

function documentOf(store: FlowStore) {
  const { flowId, name, nodes, edges } = store.getState();
  return { flowId, name, nodes, edges };
}

const demo = createDemoFlow('http://127.0.0.1:4173');
const fileText = (flow: object) => JSON.stringify(flow);
const readFileText = (flow: object) => readFlowFile(fileText(flow));
const withNode = (flow: FlowDocument, node: object) => ({ ...flow, nodes: [...flow.nodes, node] });

describe('importFlowFile', () => {
  it.each([
    ['not JSON', '{ "schemaVersion": 1, ', /not valid JSON/],
    [
      'an unknown module kind',
      fileText(withNode(demo, { id: 'x', type: 'carousel', position: { x: 0, y: 0 } })),
      /Unknown module kind "carousel"/,
    ],
    [
      'an edge to a module that does not exist',
      fileText({
        ...demo,
        edges: demo.edges.map((edge, index) =>
          index === 0 ? { ...edge, target: 'nowhere' } : edge,
        ),
      }),
      /leads to node "nowhere", which does not exist/,
    ],
    [
      'a future schemaVersion',
      fileText({ ...demo, schemaVersion: currentSchemaVersion + 1 }),
      /Unsupported schemaVersion/,
    ],
    [
      'a text over the length limit',
      fileText(
        withNode(demo, {
          id: 'long',
          type: 'message',
          position: { x: 0, y: 0 },
          data: { text: 'x'.repeat(flowFileLimits.stringChars + 1) },
        }),
      ),
      /Text longer than/,
    ],
  ])('refuses %s, leaving the open flow and the storage as they were', async (_case, text, why) => {
    const { repository, writes, store, autosave, open } = await editorWithOpenFlow();
    const before = documentOf(store);
    const listedBefore = await repository.listFlows();

    const imported = await importFlowFile(readFlowFile(text), { repository, store, autosave });

    if (imported.ok || imported.reason !== 'invalid-file') throw new Error('expected a refusal');
    expect(imported.errors.map((error) => error.message).join('\n')).toMatch(why);
    expect(documentOf(store)).toEqual(before);
    expect(store.getState().nodes).toBe(before.nodes);
    expect(writes).toEqual([]);
    expect(await repository.listFlows()).toEqual(listedBefore);
    expect(autosave.unsavedFlow(open.id)).not.toBeNull();
  });

  it('stores a good file as a new flow, named apart from the kept ones, and opens it', async () => {
    const { repository, writes, store, autosave, open } = await editorWithOpenFlow();

    const imported = await importFlowFile(readFileText({ ...demo, name: 'Survey' }), {
      repository,
      store,
      autosave,
    });

    if (!imported.ok) throw new Error(`import refused: ${imported.reason}`);
    expect(imported.flow).toEqual({ ...demo, name: 'Survey 2' });
    expect(documentOf(store)).toMatchObject({ flowId: demo.id, name: 'Survey 2' });
    expect(store.getState().nodes).toHaveLength(demo.nodes.length);
    expect(await repository.loadFlow(demo.id)).toMatchObject({ ok: true, flow: imported.flow });
    expect(await repository.readLastOpenFlowId()).toBe(demo.id);
    // The open flow's pending change was written before the import replaced it on screen.
    const kept = await repository.loadFlow(open.id);
    expect(kept.ok && kept.flow.nodes.map((node) => node.type)).toEqual(['start', 'message']);
    expect(writes).toEqual([
      `saveFlow ${demo.id}`,
      `saveFlow ${open.id}`,
      `writeLastOpenFlowId ${demo.id}`,
    ]);
  });

  it('gives a file whose flow id is taken a fresh id, never replacing the stored flow', async () => {
    const { repository, store, autosave, open } = await editorWithOpenFlow();
    await autosave.flush();

    const imported = await importFlowFile(readFileText({ ...demo, id: open.id }), {
      repository,
      store,
      autosave,
    });

    if (!imported.ok) throw new Error(`import refused: ${imported.reason}`);
    expect(imported.flow.id).not.toBe(open.id);
    expect(await repository.listFlows()).toHaveLength(2);
    const stored = await repository.loadFlow(open.id);
    expect(stored.ok && stored.flow.name).toBe('Survey');
  });

  it('cancelled once the file is read, writes nothing and leaves the open flow', async () => {
    const { repository, writes, store, autosave } = await editorWithOpenFlow();
    const before = documentOf(store);
    const cancel = new AbortController();
    const read = Promise.resolve(readFileText(demo)).then((result) => {
      cancel.abort();
      return result;
    });

    const imported = await importFlowFile(read, {
      repository,
      store,
      autosave,
      signal: cancel.signal,
    });

    expect(imported).toEqual({ ok: false, reason: 'cancelled' });
    expect(documentOf(store)).toEqual(before);
    expect(writes).toEqual([]);
  });

  it("takes the file's problems as found while reading it, for the flow it opens", async () => {
    const { repository, store, autosave } = await editorWithOpenFlow();
    const withoutStart = { ...demo, nodes: demo.nodes.slice(1), edges: demo.edges.slice(1) };
    const read = readFileText(withoutStart);
    if (!read.ok) throw new Error('the file should parse');
    const marked = {
      ...read,
      problems: [{ key: 'k', nodeId: null, nodeName: null, message: 'From the reader' }],
    };

    await importFlowFile(marked, { repository, store, autosave });

    expect(selectFlowProblems(store.getState()).map((problem) => problem.message)).toEqual([
      'From the reader',
    ]);
    store.getState().addNode('end', { x: 0, y: 900 });
    expect(selectFlowProblems(store.getState()).map((problem) => problem.message)).toContain(
      'The flow has no Start module',
    );
  });
});
