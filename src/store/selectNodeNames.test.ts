import { describe, expect, it } from 'vitest';
import { createEmptyFlow } from '../domain/createFlows';
import type { AppNode } from './appNode';
import { createFlowStore } from './createFlowStore';
import { nodeById, selectNodeName } from './selectNodeNames';

describe('selectNodeName', () => {
  it('gives the name of a named node and the kind and id of an unnamed one', () => {
    const store = createFlowStore(createEmptyFlow('Names'));
    const id = store.getState().addNode('question', { x: 0, y: 200 });

    expect(selectNodeName(store.getState(), id)).toBe(`Question ${id}`);
    store.getState().renameNode(id, 'Ask for email');
    expect(selectNodeName(store.getState(), id)).toBe('Ask for email');
    expect(selectNodeName(store.getState(), 'start')).toBe('Start start');
    expect(selectNodeName(store.getState(), 'missing')).toBeUndefined();
  });
});

function message(id: string, text = id): AppNode {
  return { id, type: 'message', position: { x: 0, y: 0 }, data: { text } };
}

describe('nodeById', () => {
  it('finds a module after an edit, an addition, a removal and a reorder', () => {
    const nodes = [message('a'), message('b'), message('c')];
    expect(nodeById(nodes, 'b')).toBe(nodes[1]);

    const edited = nodes.with(1, message('b', 'edited'));
    expect(nodeById(edited, 'b')).toBe(edited[1]);

    const added = [message('new'), ...edited];
    expect(nodeById(added, 'b')).toBe(added[2]);

    const removed = added.filter((node) => node.id !== 'a');
    expect(nodeById(removed, 'c')).toBe(removed[2]);
    expect(nodeById(removed, 'a')).toBeUndefined();

    const reversed = removed.toReversed();
    expect(nodeById(reversed, 'new')).toBe(reversed[2]);
  });
});
