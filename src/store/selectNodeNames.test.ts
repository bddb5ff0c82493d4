import { describe, expect, it } from 'vitest';
import { createEmptyFlow } from '../domain/createFlows';
import { createFlowStore } from './createFlowStore';
import { selectNodeName } from './selectNodeNames';

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
