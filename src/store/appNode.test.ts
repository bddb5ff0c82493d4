import { describe, expect, it } from 'vitest';
import { createDemoFlow } from '../domain/createFlows';
import { parseFlowFile } from '../domain/parseFlowFile';
import { edgesFromFlow, flowFromCanvas, nodesFromFlow } from './appNode';
import { createFlowStore } from './createFlowStore';

const demo = () => createDemoFlow('http://127.0.0.1:4173');

describe('flowFromCanvas', () => {
  it('gives back the flow the canvas was built from', () => {
    const flow = demo();

    expect(
      flowFromCanvas({
        flowId: flow.id,
        name: flow.name,
        nodes: nodesFromFlow(flow),
        edges: edgesFromFlow(flow),
      }),
    ).toEqual(flow);
  });

  it('opens a flow on its own modules and writes them back unchanged, a changed one anew', () => {
    const flow = demo();
    const store = createFlowStore(flow);
    expect(store.getState().nodes).toEqual(flow.nodes);
    expect(store.getState().nodes[1]).toBe(flow.nodes[1]);

    expect(flowFromCanvas(store.getState()).nodes[1]).toBe(flow.nodes[1]);

    store.getState().updateNodeData('welcome', 'message', { text: 'Hi there' });
    const written = flowFromCanvas(store.getState());
    expect(written.nodes.find((node) => node.id === 'welcome')?.data).toEqual({
      text: 'Hi there',
    });
    expect(flow.nodes.find((node) => node.id === 'welcome')?.data).not.toEqual({
      text: 'Hi there',
    });
    expect(written.nodes.find((node) => node.id === 'ask-email')).toBe(
      flow.nodes.find((node) => node.id === 'ask-email'),
    );
  });

  it('leaves out selection, measured sizes and other view state', () => {
    const store = createFlowStore(demo());
    store.getState().selectNodes(['welcome', 'ask-email']);
    store
      .getState()
      .onNodesChange([
        { id: 'welcome', type: 'dimensions', dimensions: { width: 220, height: 64 } },
      ]);
    store.getState().onEdgesChange([{ id: 'e-start-welcome', type: 'select', selected: true }]);
    expect(store.getState().nodes.find((node) => node.id === 'welcome')).toMatchObject({
      selected: true,
      measured: { width: 220, height: 64 },
    });

    const flow = flowFromCanvas(store.getState());

    for (const node of flow.nodes) {
      // The demo names its modules, except Start and End; a name is document, not view state.
      const named = node.id === 'start' || node.id === 'end' ? [] : ['name'];
      expect(Object.keys(node).sort()).toEqual(['data', 'id', ...named, 'position', 'type']);
    }
    for (const edge of flow.edges) {
      expect(Object.keys(edge).sort()).toEqual(['id', 'source', 'sourceHandle', 'target']);
    }
  });

  it('round-trips through a flow file after edits on the canvas', () => {
    const store = createFlowStore(demo());
    const added = store.getState().addNode('message', { x: 300, y: 900 });
    store.getState().updateNodeData(added, 'message', { text: 'Bye {{firstname}}' });
    store.getState().onConnect({
      source: 'thanks-other',
      sourceHandle: null,
      target: added,
      targetHandle: null,
    });
    store.getState().renameFlow('Edited demo');

    const flow = flowFromCanvas(store.getState());
    const reread = parseFlowFile(JSON.stringify(flow));

    expect(reread).toEqual({ ok: true, flow });
    expect(flow.name).toBe('Edited demo');
    expect(flow.edges).toContainEqual(
      expect.objectContaining({ source: 'thanks-other', sourceHandle: 'out', target: added }),
    );
  });

  it('writes a missing source handle as "out"', () => {
    const flow = demo();
    const edges = edgesFromFlow(flow).map((edge) => ({ ...edge, sourceHandle: null }));
    const nonConditionEdges = edges.filter((edge) => edge.source !== 'is-gold');

    const written = flowFromCanvas({
      flowId: flow.id,
      name: flow.name,
      nodes: nodesFromFlow(flow),
      edges: nonConditionEdges,
    });

    expect(written.edges.every((edge) => edge.sourceHandle === 'out')).toBe(true);
  });

  it('writes moves, renames and edits made after a first write, and still refuses a broken graph', () => {
    const store = createFlowStore(demo());
    flowFromCanvas(store.getState());
    store.getState().applyLayout(new Map([['welcome', { x: 42, y: 4242 }]]));
    store.getState().renameNode('welcome', 'Hello there');
    store.getState().updateNodeData('ask-email', 'question', { prompt: 'Mail?' });

    const flow = flowFromCanvas(store.getState());

    expect(flow.nodes.find((node) => node.id === 'welcome')).toMatchObject({
      name: 'Hello there',
      position: { x: 42, y: 4242 },
    });
    expect(flow.nodes.find((node) => node.id === 'ask-email')?.data).toMatchObject({
      prompt: 'Mail?',
    });
    const state = store.getState();
    const danglingEdge = { id: 'dangling', source: 'welcome', sourceHandle: 'out', target: 'gone' };
    expect(() => flowFromCanvas({ ...state, edges: [...state.edges, danglingEdge] })).toThrow(
      /which does not exist/,
    );
  });
});
