import { describe, expect, it } from 'vitest';
import { edge, flowOf, say, start } from '../domain/flowRunner/flowRunnerTestKit';
import { createFlowStore } from './createFlowStore';
import { rememberFlowProblems, selectFlowProblems } from './selectFlowProblems';

function importedStore() {
  return createFlowStore(flowOf([start(), say('hello', 'Hi')], [edge('start', 'hello')]));
}

/** Stands for what an import's worker found: the page's own finder would never say this. */
const foundByWorker = {
  key: 'worker',
  nodeId: 'hello',
  nodeName: 'Message hello',
  message: 'Found in the worker',
};

describe('problems found by an import’s worker', () => {
  it('are kept while modules are only selected or moved, and found afresh after an edit', () => {
    const store = importedStore();
    rememberFlowProblems({ ...store.getState(), invalidFields: {} }, [foundByWorker]);
    expect(selectFlowProblems(store.getState())).toEqual([foundByWorker]);

    store.getState().selectNodes(['hello']);
    store
      .getState()
      .onNodesChange([{ id: 'hello', type: 'position', position: { x: 40, y: 140 } }]);
    expect(selectFlowProblems(store.getState())).toEqual([foundByWorker]);

    store.getState().updateNodeData('hello', 'message', { text: 'Hello there' });
    expect(selectFlowProblems(store.getState()).map((problem) => problem.message)).not.toContain(
      'Found in the worker',
    );
  });
});
