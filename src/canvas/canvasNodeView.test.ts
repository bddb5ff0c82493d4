import { describe, expect, it } from 'vitest';
import { flowDocumentSchema } from '../domain/flowDocumentSchema';
import { createFlowStore } from '../store/createFlowStore';
import { createCanvasNodeView } from './canvasNodeView';

/** start → welcome → ask, every module measured as the canvas would after drawing it. */
function measuredStore() {
  const store = createFlowStore(
    flowDocumentSchema.parse({
      schemaVersion: 1,
      id: 'flow-view',
      name: 'View',
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'welcome', type: 'message', position: { x: 0, y: 100 }, data: { text: 'Hi' } },
        {
          id: 'ask',
          type: 'question',
          position: { x: 0, y: 200 },
          data: { prompt: 'Name?', variable: 'nickname' },
        },
      ],
      edges: [],
    }),
  );
  store.getState().onNodesChange(
    ['start', 'welcome', 'ask'].map((id) => ({
      id,
      type: 'dimensions' as const,
      dimensions: { width: 240, height: 80 },
    })),
  );
  return store;
}

describe('the nodes React Flow gets', () => {
  it('stay the same list while a drawn module’s configuration or name changes', () => {
    const store = measuredStore();
    const canvasNodesOf = createCanvasNodeView();
    const shown = canvasNodesOf(store.getState().nodes);

    store.getState().updateNodeData('welcome', 'message', { text: 'Hello there' });
    store.getState().renameNode('ask', 'Ask for name');

    expect(canvasNodesOf(store.getState().nodes)).toBe(shown);
  });

  it('change when a module moves, is selected, added or removed', () => {
    const store = measuredStore();
    const canvasNodesOf = createCanvasNodeView();
    const first = canvasNodesOf(store.getState().nodes);

    store
      .getState()
      .onNodesChange([{ id: 'welcome', type: 'position', position: { x: 50, y: 120 } }]);
    const moved = canvasNodesOf(store.getState().nodes);
    expect(moved).not.toBe(first);
    expect(moved.find((node) => node.id === 'welcome')?.position).toEqual({ x: 50, y: 120 });
    // The others are handed over as they were: React Flow skips them.
    expect(moved.find((node) => node.id === 'ask')).toBe(first.find((node) => node.id === 'ask'));

    store.getState().onNodesChange([{ id: 'ask', type: 'select', selected: true }]);
    const selected = canvasNodesOf(store.getState().nodes);
    expect(selected.find((node) => node.id === 'ask')?.selected).toBe(true);

    store.getState().addNode('end', { x: 0, y: 400 });
    expect(canvasNodesOf(store.getState().nodes)).toHaveLength(4);
  });

  it('give an unmeasured module its new estimate when its configuration changes', () => {
    const store = measuredStore();
    store.getState().addNode('message', { x: 0, y: 400 });
    const added = store.getState().nodes.at(-1)!;
    const canvasNodesOf = createCanvasNodeView();
    const before = canvasNodesOf(store.getState().nodes);

    store.getState().updateNodeData(added.id, 'message', { text: 'A much longer text '.repeat(6) });
    const after = canvasNodesOf(store.getState().nodes);

    const heightOf = (nodes: typeof after) =>
      nodes.find((node) => node.id === added.id)?.measured?.height;
    expect(heightOf(after)).toBeGreaterThan(heightOf(before)!);
  });

  it('stay the same list while an unmeasured module’s edit keeps its estimated size', () => {
    // Drawn exactly at its estimate, React Flow reports no new size: the module stays unmeasured.
    const store = measuredStore();
    store.getState().addNode('message', { x: 0, y: 400 });
    const added = store.getState().nodes.at(-1)!;
    store.getState().updateNodeData(added.id, 'message', { text: 'Hello' });
    const canvasNodesOf = createCanvasNodeView();
    const shown = canvasNodesOf(store.getState().nodes);

    store.getState().updateNodeData(added.id, 'message', { text: 'Hello!' });

    expect(store.getState().nodes.at(-1)?.measured).toBeUndefined();
    expect(canvasNodesOf(store.getState().nodes)).toBe(shown);
  });
});
