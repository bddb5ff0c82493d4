import type { XYPosition } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmptyFlow } from '../domain/createFlows';
import { flowDocumentSchema, type FlowDocument } from '../domain/flowDocumentSchema';
import { flowFromCanvas, isNodeOfKind, type AppNode } from './appNode';
import {
  createFlowStore,
  selectedFragment,
  undoGroupWindowMs,
  type FlowStore,
} from './createFlowStore';

function node(id: string, type: string, position: XYPosition, data: object = {}) {
  return { id, type, position, data };
}

function edge(source: string, target: string, sourceHandle = 'out') {
  return { id: `${source}:${sourceHandle}->${target}`, source, sourceHandle, target };
}

function flowOf(nodes: object[], edges: object[] = [], name = 'Test flow'): FlowDocument {
  return flowDocumentSchema.parse({ schemaVersion: 1, id: 'flow-test', name, nodes, edges });
}

/** start → welcome → ask → end, each 100 px below the last. */
function chatFlow(): FlowDocument {
  return flowOf(
    [
      node('start', 'start', { x: 0, y: 0 }),
      node('welcome', 'message', { x: 0, y: 100 }, { text: 'Welcome!' }),
      node('ask', 'question', { x: 0, y: 200 }, { prompt: 'Name?', variable: 'nickname' }),
      node('end', 'end', { x: 0, y: 300 }),
    ],
    [edge('start', 'welcome'), edge('welcome', 'ask'), edge('ask', 'end')],
  );
}

/** start → branch, whose rules `gold` and `silver` and whose else each lead to their own end. */
function branchingFlow(): FlowDocument {
  return flowOf(
    [
      node('start', 'start', { x: 0, y: 0 }),
      node(
        'branch',
        'condition',
        { x: 0, y: 100 },
        {
          rules: [
            { id: 'gold', variable: 'tier', value: 'gold' },
            { id: 'silver', variable: 'tier', value: 'silver' },
          ],
        },
      ),
      node('end-gold', 'end', { x: -200, y: 200 }),
      node('end-silver', 'end', { x: 0, y: 200 }),
      node('end-else', 'end', { x: 200, y: 200 }),
    ],
    [
      edge('start', 'branch'),
      edge('branch', 'end-gold', 'gold'),
      edge('branch', 'end-silver', 'silver'),
      edge('branch', 'end-else', 'else'),
    ],
  );
}

function nodeById(store: FlowStore, id: string): AppNode {
  const found = store.getState().nodes.find((n) => n.id === id);
  if (!found) throw new Error(`No node "${id}" in the store`);
  return found;
}

function messageText(store: FlowStore, id: string): string {
  const found = nodeById(store, id);
  if (!isNodeOfKind(found, 'message')) throw new Error(`Node "${id}" is not a message`);
  return found.data.text;
}

function selectedIds(store: FlowStore): string[] {
  return store
    .getState()
    .nodes.filter((n) => n.selected)
    .map((n) => n.id);
}

function edgeLinks(store: FlowStore): string[] {
  return store.getState().edges.map((e) => `${e.source}:${e.sourceHandle ?? 'out'}->${e.target}`);
}

/** Types `text` into the welcome message one keystroke at a time, `gapMs` apart. */
function typeInto(store: FlowStore, nodeId: string, text: string, gapMs = 100) {
  for (let length = 1; length <= text.length; length += 1) {
    store
      .getState()
      .updateNodeData(nodeId, 'message', { text: text.slice(0, length) }, `${nodeId}:text`);
    vi.advanceTimersByTime(gapMs);
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-01-01T09:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createFlowStore', () => {
  describe('addNode', () => {
    it('adds a node with default data at the position, selected alone', () => {
      const store = createFlowStore(chatFlow());
      store.getState().selectNodes(['welcome', 'ask']);

      const id = store.getState().addNode('web-service', { x: 40, y: 500 });

      const added = nodeById(store, id);
      expect(added.type).toBe('web-service');
      expect(added.position).toEqual({ x: 40, y: 500 });
      expect(added.data).toEqual({
        url: '',
        authorization: '',
        useRequestQueue: false,
        expectedVariables: [],
        requiredVariables: [],
      });
      expect(selectedIds(store)).toEqual([id]);
    });

    it('keeps a node added at an impossible position on the canvas', () => {
      const store = createFlowStore(chatFlow());

      const id = store.getState().addNode('end', { x: Number.NaN, y: 5e9 });

      expect(nodeById(store, id).position).toEqual({ x: 0, y: 1_000_000 });
      expect(() => flowFromCanvas(store.getState())).not.toThrow();
    });

    it('gives each added node a new id', () => {
      const store = createFlowStore(chatFlow());

      const first = store.getState().addNode('message', { x: 0, y: 0 });
      const second = store.getState().addNode('message', { x: 0, y: 0 });

      expect(first).not.toBe(second);
      expect(store.getState().nodes).toHaveLength(6);
    });

    it('is undone in one step', () => {
      const store = createFlowStore(chatFlow());
      const id = store.getState().addNode('end', { x: 0, y: 0 });

      store.getState().undo();

      expect(store.getState().nodes.some((n) => n.id === id)).toBe(false);
    });
  });

  describe('updateNodeData and undo', () => {
    it('undoes a burst of typing into one field in one step, and redoes it', () => {
      const store = createFlowStore(chatFlow());

      typeInto(store, 'welcome', 'Hello');
      expect(messageText(store, 'welcome')).toBe('Hello');

      store.getState().undo();
      expect(messageText(store, 'welcome')).toBe('Welcome!');

      store.getState().redo();
      expect(messageText(store, 'welcome')).toBe('Hello');
    });

    it('makes each typed word its own undo step, as a text editor does', () => {
      const store = createFlowStore(chatFlow());
      store.getState().updateNodeData('welcome', 'message', { text: '' }, 'welcome:text');
      vi.advanceTimersByTime(undoGroupWindowMs + 1);

      typeInto(store, 'welcome', 'Hello big world', 50);

      store.getState().undo();
      expect(messageText(store, 'welcome')).toBe('Hello big');
      store.getState().undo();
      expect(messageText(store, 'welcome')).toBe('Hello');
      store.getState().undo();
      expect(messageText(store, 'welcome')).toBe('');
    });

    it('groups by word inside lists too: a condition rule value, option lines, the flow name', () => {
      const store = createFlowStore(branchingFlow());
      const typeRuleValue = (text: string) => {
        for (let length = 1; length <= text.length; length += 1) {
          const branch = nodeById(store, 'branch');
          if (!isNodeOfKind(branch, 'condition')) throw new Error('Expected a condition');
          const rules = branch.data.rules.map((rule) =>
            rule.id === 'gold' ? { ...rule, value: text.slice(0, length) } : rule,
          );
          store.getState().updateNodeData('branch', 'condition', { rules }, 'branch:gold.value');
          vi.advanceTimersByTime(50);
        }
      };
      const goldValue = () => {
        const branch = nodeById(store, 'branch');
        if (!isNodeOfKind(branch, 'condition')) throw new Error('Expected a condition');
        return branch.data.rules[0]?.value;
      };

      typeRuleValue('gold or platinum');
      store.getState().undo();
      expect(goldValue()).toBe('gold or');
      store.getState().undo();
      expect(goldValue()).toBe('gold');

      vi.advanceTimersByTime(undoGroupWindowMs + 1);
      for (const name of ['A', 'Al', 'Alpha', 'Alpha B', 'Alpha Be', 'Alpha Beta']) {
        store.getState().renameFlow(name);
        vi.advanceTimersByTime(50);
      }
      store.getState().undo();
      expect(store.getState().name).toBe('Alpha');
    });

    it('keeps typing in one group while each pause is shorter than the window', () => {
      const store = createFlowStore(chatFlow());

      typeInto(store, 'welcome', 'Slow', undoGroupWindowMs - 1);
      store.getState().undo();

      expect(messageText(store, 'welcome')).toBe('Welcome!');
    });

    it('makes a separate step of typing after a pause longer than the window', () => {
      const store = createFlowStore(chatFlow());

      typeInto(store, 'welcome', 'Hi');
      vi.advanceTimersByTime(undoGroupWindowMs + 100);
      store.getState().updateNodeData('welcome', 'message', { text: 'Hi there' }, 'welcome:text');

      store.getState().undo();
      expect(messageText(store, 'welcome')).toBe('Hi');
      store.getState().undo();
      expect(messageText(store, 'welcome')).toBe('Welcome!');
    });

    it('makes separate steps of quick edits to different fields', () => {
      const store = createFlowStore(chatFlow());

      store.getState().updateNodeData('welcome', 'message', { text: 'Hi' }, 'welcome:text');
      vi.advanceTimersByTime(50);
      store.getState().updateNodeData('ask', 'question', { prompt: 'Nick?' }, 'ask:prompt');
      vi.advanceTimersByTime(50);
      store.getState().renameFlow('Renamed');

      store.getState().undo();
      expect(store.getState().name).toBe('Test flow');
      expect(nodeById(store, 'ask').data).toMatchObject({ prompt: 'Nick?' });

      store.getState().undo();
      expect(nodeById(store, 'ask').data).toMatchObject({ prompt: 'Name?' });
      expect(messageText(store, 'welcome')).toBe('Hi');

      store.getState().undo();
      expect(messageText(store, 'welcome')).toBe('Welcome!');
    });

    it('makes separate steps of quick edits without a group key', () => {
      const store = createFlowStore(chatFlow());

      store.getState().updateNodeData('welcome', 'message', { text: 'One' });
      store.getState().updateNodeData('welcome', 'message', { text: 'Two' });

      store.getState().undo();
      expect(messageText(store, 'welcome')).toBe('One');
    });

    it('starts a new step when typing resumes right after an undo', () => {
      const store = createFlowStore(chatFlow());
      typeInto(store, 'welcome', 'Hey');
      store.getState().undo();

      store.getState().updateNodeData('welcome', 'message', { text: 'Yo' }, 'welcome:text');
      store.getState().updateNodeData('welcome', 'message', { text: 'Yo!' }, 'welcome:text');
      store.getState().undo();

      expect(messageText(store, 'welcome')).toBe('Welcome!');
    });

    it('clears what could be redone once the author edits again', () => {
      const store = createFlowStore(chatFlow());
      typeInto(store, 'welcome', 'Hey');
      store.getState().undo();

      store.getState().updateNodeData('welcome', 'message', { text: 'Other' });
      store.getState().redo();

      expect(messageText(store, 'welcome')).toBe('Other');
    });

    it('keeps the last valid value when a patch breaks the schema', () => {
      const store = createFlowStore(chatFlow());

      store.getState().updateNodeData('ask', 'question', { variable: 'Not Snake' });

      expect(nodeById(store, 'ask').data).toMatchObject({ variable: 'nickname' });
    });

    it('changes nothing when the kind does not match the node', () => {
      const store = createFlowStore(chatFlow());

      store.getState().updateNodeData('welcome', 'question', { prompt: 'Sneaky' });

      expect(nodeById(store, 'welcome').data).toEqual({ text: 'Welcome!' });
    });
  });

  describe('selection', () => {
    it('is not an undo step: undo after selecting reverts the edit before it', () => {
      const store = createFlowStore(chatFlow());
      store.getState().updateNodeData('welcome', 'message', { text: 'Edited' });

      store.getState().selectNodes(['ask']);
      store.getState().onNodesChange([{ id: 'end', type: 'select', selected: true }]);
      store.getState().undo();

      expect(messageText(store, 'welcome')).toBe('Welcome!');
    });

    it('leaves nothing to undo when only the selection changed', () => {
      const store = createFlowStore(chatFlow());

      store.getState().selectNodes(['welcome']);
      store.getState().selectNodes(['ask', 'end']);

      expect(store.temporal.getState().pastStates).toHaveLength(0);
    });

    it('does not break a typing group', () => {
      const store = createFlowStore(chatFlow());

      store.getState().updateNodeData('welcome', 'message', { text: 'H' }, 'welcome:text');
      store.getState().selectNodes(['welcome']);
      store.getState().updateNodeData('welcome', 'message', { text: 'Hi' }, 'welcome:text');
      store.getState().undo();

      expect(messageText(store, 'welcome')).toBe('Welcome!');
    });

    it('selects exactly the given nodes and deselects edges', () => {
      const store = createFlowStore(chatFlow());
      store
        .getState()
        .onEdgesChange([{ id: 'start:out->welcome', type: 'select', selected: true }]);

      store.getState().selectNodes(['ask', 'end']);

      expect(selectedIds(store)).toEqual(['ask', 'end']);
      expect(store.getState().edges.some((e) => e.selected)).toBe(false);
    });
  });

  describe('dragging', () => {
    it('undoes one drag of many position updates in one step', () => {
      const store = createFlowStore(chatFlow());

      for (let step = 1; step <= 10; step += 1) {
        store
          .getState()
          .onNodesChange([
            { id: 'welcome', type: 'position', position: { x: step * 10, y: 100 }, dragging: true },
          ]);
        vi.advanceTimersByTime(16);
      }
      store.getState().onNodesChange([{ id: 'welcome', type: 'position', dragging: false }]);
      expect(nodeById(store, 'welcome').position).toEqual({ x: 100, y: 100 });

      store.getState().undo();

      expect(nodeById(store, 'welcome').position).toEqual({ x: 0, y: 100 });
    });

    it('makes two drags a moment apart two undo steps', () => {
      const store = createFlowStore(chatFlow());
      const drag = (id: string, to: XYPosition) => {
        store.getState().onNodesChange([{ id, type: 'position', position: to, dragging: true }]);
        store.getState().onNodesChange([{ id, type: 'position', dragging: false }]);
      };

      drag('welcome', { x: 300, y: 100 });
      vi.advanceTimersByTime(500);
      drag('ask', { x: 300, y: 200 });

      store.getState().undo();
      expect(nodeById(store, 'ask').position).toEqual({ x: 0, y: 200 });
      expect(nodeById(store, 'welcome').position).toEqual({ x: 300, y: 100 });
      store.getState().undo();
      expect(nodeById(store, 'welcome').position).toEqual({ x: 0, y: 100 });
    });

    it.each([
      ['without a position', false],
      ['with the drop position', true],
    ])(
      'makes two drags of many updates each, 500 ms apart, two undo steps (drop %s)',
      (_drop, dropCarriesPosition) => {
        const store = createFlowStore(chatFlow());
        const drag = (id: string, from: XYPosition, to: XYPosition) => {
          for (let step = 1; step <= 5; step += 1) {
            const position = {
              x: from.x + ((to.x - from.x) * step) / 5,
              y: from.y + ((to.y - from.y) * step) / 5,
            };
            store.getState().onNodesChange([{ id, type: 'position', position, dragging: true }]);
            vi.advanceTimersByTime(16);
          }
          store
            .getState()
            .onNodesChange([
              dropCarriesPosition
                ? { id, type: 'position', position: to, dragging: false }
                : { id, type: 'position', dragging: false },
            ]);
        };

        drag('welcome', { x: 0, y: 100 }, { x: 250, y: 150 });
        vi.setSystemTime(Date.now() + 500);
        drag('ask', { x: 0, y: 200 }, { x: 250, y: 250 });
        expect(nodeById(store, 'welcome').position).toEqual({ x: 250, y: 150 });
        expect(nodeById(store, 'ask').position).toEqual({ x: 250, y: 250 });

        store.getState().undo();
        expect(nodeById(store, 'ask').position).toEqual({ x: 0, y: 200 });
        expect(nodeById(store, 'welcome').position).toEqual({ x: 250, y: 150 });

        store.getState().undo();
        expect(nodeById(store, 'welcome').position).toEqual({ x: 0, y: 100 });
        expect(nodeById(store, 'ask').position).toEqual({ x: 0, y: 200 });
        expect(store.temporal.getState().pastStates).toHaveLength(0);
      },
    );

    it('keeps one drag one undo step even when the author pauses mid-drag', () => {
      const store = createFlowStore(chatFlow());
      const move = (x: number, dragging: boolean) =>
        store
          .getState()
          .onNodesChange([{ id: 'welcome', type: 'position', position: { x, y: 100 }, dragging }]);

      move(50, true);
      vi.advanceTimersByTime(undoGroupWindowMs * 3);
      move(120, true);
      move(120, false);
      store.getState().undo();

      expect(nodeById(store, 'welcome').position).toEqual({ x: 0, y: 100 });
      expect(store.temporal.getState().pastStates).toHaveLength(0);
    });

    it('does not record measuring a node as an edit', () => {
      const store = createFlowStore(chatFlow());

      store
        .getState()
        .onNodesChange([
          { id: 'welcome', type: 'dimensions', dimensions: { width: 200, height: 60 } },
        ]);

      expect(store.temporal.getState().pastStates).toHaveLength(0);
    });
  });

  describe('deleteSelection', () => {
    it('removes the selected modules with their edges', () => {
      const store = createFlowStore(chatFlow());
      store.getState().selectNodes(['welcome']);

      store.getState().deleteSelection();

      expect(store.getState().nodes.map((n) => n.id)).toEqual(['start', 'ask', 'end']);
      expect(edgeLinks(store)).toEqual(['ask:out->end']);
    });

    it('never deletes the Start module, even when it is selected', () => {
      const store = createFlowStore(chatFlow());
      store.getState().selectNodes(['start', 'welcome', 'ask', 'end']);

      store.getState().deleteSelection();

      expect(store.getState().nodes.map((n) => n.id)).toEqual(['start']);
      expect(store.getState().edges).toEqual([]);
    });

    it('removes a selected edge and leaves its modules', () => {
      const store = createFlowStore(chatFlow());
      store.getState().onEdgesChange([{ id: 'welcome:out->ask', type: 'select', selected: true }]);

      store.getState().deleteSelection();

      expect(store.getState().nodes).toHaveLength(4);
      expect(edgeLinks(store)).toEqual(['start:out->welcome', 'ask:out->end']);
    });

    it('is undone in one step, bringing back modules and edges', () => {
      const store = createFlowStore(chatFlow());
      store.getState().selectNodes(['welcome', 'ask']);
      store.getState().deleteSelection();

      store.getState().undo();

      expect(store.getState().nodes.map((n) => n.id)).toEqual(['start', 'welcome', 'ask', 'end']);
      expect(store.getState().edges).toHaveLength(3);
    });
    it('deletes extra Start modules but always keeps one', () => {
      const store = createFlowStore(
        flowOf([
          node('start', 'start', { x: 0, y: 0 }),
          node('start-2', 'start', { x: 200, y: 0 }),
        ]),
      );

      store.getState().selectNodes(['start', 'start-2']);
      store.getState().deleteSelection();

      expect(store.getState().nodes.map((n) => n.id)).toEqual(['start']);
    });
  });

  describe('insertFragment', () => {
    it('pastes copies with fresh ids, moved by the offset, keeping the edges between them', () => {
      const store = createFlowStore(chatFlow());
      store.getState().selectNodes(['welcome', 'ask']);
      const fragment = selectedFragment(store.getState());

      store.getState().insertFragment(fragment, { x: 40, y: 40 });

      const pasted = store.getState().nodes.slice(4);
      expect(pasted.map((n) => n.type)).toEqual(['message', 'question']);
      const [welcomeCopy, askCopy] = pasted;
      if (!welcomeCopy || !askCopy) throw new Error('Expected two pasted nodes');
      expect(['start', 'welcome', 'ask', 'end']).not.toContain(welcomeCopy.id);
      expect(['start', 'welcome', 'ask', 'end']).not.toContain(askCopy.id);
      expect(welcomeCopy.position).toEqual({ x: 40, y: 140 });
      expect(askCopy.position).toEqual({ x: 40, y: 240 });
      expect(welcomeCopy.data).toEqual({ text: 'Welcome!' });
      expect(edgeLinks(store)).toEqual([
        'start:out->welcome',
        'welcome:out->ask',
        'ask:out->end',
        `${welcomeCopy.id}:out->${askCopy.id}`,
      ]);
      const edgeIds = store.getState().edges.map((e) => e.id);
      expect(new Set(edgeIds).size).toBe(edgeIds.length);
    });

    it('selects only the pasted nodes', () => {
      const store = createFlowStore(chatFlow());
      store.getState().selectNodes(['welcome']);

      store.getState().insertFragment(selectedFragment(store.getState()), { x: 40, y: 40 });

      const pasted = store.getState().nodes[4];
      expect(selectedIds(store)).toEqual([pasted?.id]);
    });

    it('gives a second paste of the same fragment ids of its own', () => {
      const store = createFlowStore(chatFlow());
      store.getState().selectNodes(['welcome', 'ask']);
      const fragment = selectedFragment(store.getState());

      store.getState().insertFragment(fragment, { x: 40, y: 40 });
      store.getState().insertFragment(fragment, { x: 80, y: 80 });

      const ids = store.getState().nodes.map((n) => n.id);
      expect(ids).toHaveLength(8);
      expect(new Set(ids).size).toBe(8);
    });

    it('leaves out the Start module and edges to modules outside the selection', () => {
      const store = createFlowStore(chatFlow());
      store.getState().selectNodes(['start', 'welcome']);
      const fragment = selectedFragment(store.getState());

      expect(fragment.nodes.map((n) => n.id)).toEqual(['welcome']);
      expect(fragment.edges).toEqual([]);

      store.getState().insertFragment(fragment, { x: 40, y: 40 });
      expect(store.getState().nodes.filter((n) => n.type === 'start')).toHaveLength(1);
      expect(store.getState().edges).toHaveLength(3);
    });

    it('is undone in one step', () => {
      const store = createFlowStore(chatFlow());
      store.getState().selectNodes(['welcome', 'ask']);
      store.getState().insertFragment(selectedFragment(store.getState()), { x: 40, y: 40 });

      store.getState().undo();

      expect(store.getState().nodes.map((n) => n.id)).toEqual(['start', 'welcome', 'ask', 'end']);
      expect(store.getState().edges).toHaveLength(3);
    });
  });

  describe('onConnect', () => {
    it('connects two modules', () => {
      const store = createFlowStore(chatFlow());
      const id = store.getState().addNode('message', { x: 0, y: 400 });

      store
        .getState()
        .onConnect({ source: 'ask', sourceHandle: null, target: id, targetHandle: null });

      expect(edgeLinks(store)).toContain(`ask:out->${id}`);
    });

    it('replaces the edge that already leaves the same output', () => {
      const store = createFlowStore(chatFlow());

      store
        .getState()
        .onConnect({ source: 'welcome', sourceHandle: 'out', target: 'end', targetHandle: null });

      expect(edgeLinks(store)).toEqual(['start:out->welcome', 'ask:out->end', 'welcome:out->end']);
    });

    it('keeps edges from other outputs of the same condition', () => {
      const store = createFlowStore(branchingFlow());

      store.getState().onConnect({
        source: 'branch',
        sourceHandle: 'silver',
        target: 'end-gold',
        targetHandle: null,
      });

      expect(edgeLinks(store)).toEqual([
        'start:out->branch',
        'branch:gold->end-gold',
        'branch:else->end-else',
        'branch:silver->end-gold',
      ]);
    });

    it('ignores connections into Start, from outputs a module lacks, or between unknown modules', () => {
      const store = createFlowStore(branchingFlow());
      const before = edgeLinks(store);
      const connect = (source: string, sourceHandle: string | null, target: string) =>
        store.getState().onConnect({ source, sourceHandle, target, targetHandle: null });

      connect('end-gold', null, 'start');
      connect('branch', 'platinum', 'end-gold');
      connect('start', 'nope', 'branch');
      connect('ghost', null, 'end-else');
      connect('branch', 'else', 'ghost');

      expect(edgeLinks(store)).toEqual(before);
      expect(() => flowFromCanvas(store.getState())).not.toThrow();

      const chat = createFlowStore(chatFlow());
      chat
        .getState()
        .onConnect({ source: 'ask', sourceHandle: 'out', target: 'start', targetHandle: null });
      expect(edgeLinks(chat)).toEqual(['start:out->welcome', 'welcome:out->ask', 'ask:out->end']);
    });

    it('ignores a connection the flow file could not hold, recording no undo step', () => {
      const store = createFlowStore(branchingFlow());
      store.getState().addNode('message', { x: 0, y: 300 });
      const edgesBefore = store.getState().edges;
      const undoStepsBefore = store.temporal.getState().pastStates.length;
      const messageId = store.getState().nodes.at(-1)?.id ?? '';
      const connect = (source: string, sourceHandle: string | null, target: string) =>
        store.getState().onConnect({ source, sourceHandle, target, targetHandle: null });

      connect(messageId, 'out', 'start');
      connect(messageId, 'nope', 'end-gold');
      connect('branch', 'bronze', 'end-gold');
      connect('end-gold', null, messageId);
      connect('ghost', 'out', messageId);
      connect(messageId, 'out', 'ghost');
      connect('ghost', null, 'phantom');

      expect(store.getState().edges).toBe(edgesBefore);
      expect(store.temporal.getState().pastStates).toHaveLength(undoStepsBefore);
      expect(flowFromCanvas(store.getState()).edges).toHaveLength(4);
    });

    it('ignores connecting a module to itself', () => {
      const store = createFlowStore(chatFlow());

      store.getState().onConnect({
        source: 'welcome',
        sourceHandle: 'out',
        target: 'welcome',
        targetHandle: null,
      });

      expect(edgeLinks(store)).toEqual(['start:out->welcome', 'welcome:out->ask', 'ask:out->end']);
      expect(store.temporal.getState().pastStates).toHaveLength(0);
    });
  });

  describe('condition rules', () => {
    it('removing a rule removes the edge from its output, and undo brings both back', () => {
      const store = createFlowStore(branchingFlow());
      const branch = nodeById(store, 'branch');
      if (!isNodeOfKind(branch, 'condition')) throw new Error('Expected a condition');

      store.getState().updateNodeData('branch', 'condition', {
        rules: branch.data.rules.filter((rule) => rule.id !== 'silver'),
      });

      expect(edgeLinks(store)).toEqual([
        'start:out->branch',
        'branch:gold->end-gold',
        'branch:else->end-else',
      ]);

      store.getState().undo();
      expect(edgeLinks(store)).toContain('branch:silver->end-silver');
      expect(nodeById(store, 'branch').data).toEqual(branch.data);
    });

    it('keeps the edges of rules that were only edited', () => {
      const store = createFlowStore(branchingFlow());
      const branch = nodeById(store, 'branch');
      if (!isNodeOfKind(branch, 'condition')) throw new Error('Expected a condition');

      store.getState().updateNodeData('branch', 'condition', {
        rules: branch.data.rules.map((rule) => ({ ...rule, value: rule.value.toUpperCase() })),
      });

      expect(store.getState().edges).toHaveLength(4);
    });
  });

  describe('loadFlow', () => {
    it('replaces the document and clears the undo history', () => {
      const store = createFlowStore(chatFlow());
      typeInto(store, 'welcome', 'Edited');
      store.getState().addNode('end', { x: 0, y: 0 });
      const other = createEmptyFlow('Other flow');

      store.getState().loadFlow(other);
      store.getState().undo();

      expect(store.getState().flowId).toBe(other.id);
      expect(store.getState().name).toBe('Other flow');
      expect(store.getState().nodes.map((n) => n.id)).toEqual(['start']);
      expect(store.temporal.getState().pastStates).toHaveLength(0);
      expect(store.temporal.getState().futureStates).toHaveLength(0);
    });

    it('does not merge the first edit after loading into a typing group from before', () => {
      const store = createFlowStore(chatFlow());
      store.getState().updateNodeData('welcome', 'message', { text: 'A' }, 'welcome:text');
      store.getState().loadFlow(chatFlow());

      store.getState().updateNodeData('welcome', 'message', { text: 'B' }, 'welcome:text');
      store.getState().undo();

      expect(messageText(store, 'welcome')).toBe('Welcome!');
    });
  });

  describe('renameFlow', () => {
    it('renames the flow, typing grouped into one undo step', () => {
      const store = createFlowStore(chatFlow());

      for (const name of ['N', 'Ne', 'New']) {
        store.getState().renameFlow(name);
        vi.advanceTimersByTime(100);
      }
      expect(store.getState().name).toBe('New');

      store.getState().undo();
      expect(store.getState().name).toBe('Test flow');
    });
  });

  describe('renameNode', () => {
    const typeName = (store: FlowStore, text: string) => {
      for (let length = 1; length <= text.length; length += 1) {
        store.getState().renameNode('ask', text.slice(0, length));
        vi.advanceTimersByTime(50);
      }
    };

    it('names a module, one undo step per typed word, and the file keeps the name', () => {
      const store = createFlowStore(chatFlow());

      typeName(store, 'Ask for name');
      expect(nodeById(store, 'ask').name).toBe('Ask for name');
      expect(flowFromCanvas(store.getState()).nodes.find((n) => n.id === 'ask')?.name).toBe(
        'Ask for name',
      );

      store.getState().undo();
      expect(nodeById(store, 'ask').name).toBe('Ask for');
      store.getState().undo();
      expect(nodeById(store, 'ask').name).toBe('Ask');
      store.getState().undo();
      expect(nodeById(store, 'ask').name).toBeUndefined();
    });

    it('removes the name when it is blanked, and keeps the configuration and selection', () => {
      const store = createFlowStore(chatFlow());
      store.getState().selectNodes(['ask']);
      store.getState().renameNode('ask', 'Ask');
      vi.advanceTimersByTime(undoGroupWindowMs + 1);

      store.getState().renameNode('ask', '   ');

      const ask = nodeById(store, 'ask');
      expect(ask.name).toBeUndefined();
      expect(ask.selected).toBe(true);
      expect(ask.data).toEqual(chatFlow().nodes[2]?.data);
    });

    it('refuses a name longer than the limit', () => {
      const store = createFlowStore(chatFlow());
      store.getState().renameNode('ask', 'x'.repeat(81));
      expect(nodeById(store, 'ask').name).toBeUndefined();
      expect(store.temporal.getState().pastStates).toHaveLength(0);
    });
  });

  describe('applyLayout', () => {
    it('moves the given modules, clamped to the canvas, undone in one step', () => {
      const store = createFlowStore(chatFlow());

      store.getState().applyLayout(
        new Map([
          ['welcome', { x: 500, y: 100 }],
          ['ask', { x: 5_000_000, y: -20 }],
        ]),
      );
      expect(nodeById(store, 'welcome').position).toEqual({ x: 500, y: 100 });
      expect(nodeById(store, 'ask').position).toEqual({ x: 1_000_000, y: -20 });
      expect(nodeById(store, 'end').position).toEqual({ x: 0, y: 300 });

      store.getState().undo();
      expect(nodeById(store, 'welcome').position).toEqual({ x: 0, y: 100 });
      expect(nodeById(store, 'ask').position).toEqual({ x: 0, y: 200 });
    });
  });
});
