import { describe, expect, it } from 'vitest';
import { flowDocumentSchema, type FlowDocument } from '../domain/flowDocumentSchema';
import { flowFromCanvas } from './appNode';
import { createFlowStore, nodeNameField, type InvalidFieldDraft } from './createFlowStore';
import { selectFlowProblems, selectNodeProblems } from './selectFlowProblems';

const validUrl = 'http://127.0.0.1:49101/hook';

function flowOf(nodes: object[], edges: object[] = []): FlowDocument {
  return flowDocumentSchema.parse({
    schemaVersion: 1,
    id: 'flow-drafts',
    name: 'Drafts',
    nodes,
    edges,
  });
}

/** start → hook (a WebService with a valid URL) → end. */
function webServiceFlow(): FlowDocument {
  return flowOf(
    [
      { id: 'start', type: 'start', position: { x: 0, y: 0 } },
      { id: 'hook', type: 'web-service', position: { x: 0, y: 100 }, data: { url: validUrl } },
      { id: 'end', type: 'end', position: { x: 0, y: 200 } },
    ],
    [
      { id: 'e1', source: 'start', target: 'hook' },
      { id: 'e2', source: 'hook', target: 'end' },
    ],
  );
}

const mistypedUrl: InvalidFieldDraft = {
  text: 'htp:/127.0.0.1:49101',
  message: 'Enter a full http:// or https:// URL',
  problem: 'URL is not a valid http(s) address',
  value: validUrl,
};

describe('invalid inspector drafts in the flow store', () => {
  it('keeps a mistyped field as a problem of its module, next to the valid value', () => {
    const store = createFlowStore(webServiceFlow());
    expect(selectNodeProblems(store.getState(), 'hook')).toEqual([]);

    store.getState().setInvalidField('hook', 'url', mistypedUrl);

    expect(store.getState().invalidFields).toEqual({ hook: { url: mistypedUrl } });
    expect(selectNodeProblems(store.getState(), 'hook')).toEqual([
      'URL is not a valid http(s) address',
    ]);
    expect(selectFlowProblems(store.getState())).toContainEqual(
      expect.objectContaining({ nodeId: 'hook', message: 'URL is not a valid http(s) address' }),
    );
  });

  it('forgets the draft once the field is valid again', () => {
    const store = createFlowStore(webServiceFlow());
    store.getState().setInvalidField('hook', 'url', mistypedUrl);
    store.getState().setInvalidField('hook', 'authorization', { ...mistypedUrl, problem: 'x' });

    store.getState().setInvalidField('hook', 'url', null);
    expect(Object.keys(store.getState().invalidFields.hook ?? {})).toEqual(['authorization']);

    store.getState().setInvalidField('hook', 'authorization', null);
    expect(store.getState().invalidFields).toEqual({});
    expect(selectNodeProblems(store.getState(), 'hook')).toEqual([]);
  });

  it('is neither an undo step nor part of the flow file', () => {
    const store = createFlowStore(webServiceFlow());
    const fileBefore = JSON.stringify(flowFromCanvas(store.getState()));

    store.getState().setInvalidField('hook', 'url', mistypedUrl);

    expect(store.temporal.getState().pastStates).toHaveLength(0);
    expect(JSON.stringify(flowFromCanvas(store.getState()))).toBe(fileBefore);
  });

  it('does not end the undo group of the word being typed', () => {
    const store = createFlowStore(webServiceFlow());
    store.getState().updateNodeData('hook', 'web-service', { authorization: 'B' }, 'hook:auth');
    store.getState().setInvalidField('hook', 'url', mistypedUrl);
    store.getState().updateNodeData('hook', 'web-service', { authorization: 'Be' }, 'hook:auth');

    expect(store.temporal.getState().pastStates).toHaveLength(1);
  });

  it('goes with its module when the module is deleted', () => {
    const store = createFlowStore(webServiceFlow());
    store.getState().setInvalidField('hook', 'url', mistypedUrl);

    store.getState().selectNodes(['hook']);
    store.getState().deleteSelection();

    expect(store.getState().invalidFields).toEqual({});
  });

  it('goes with its module when the module is removed by React Flow or by undo', () => {
    const store = createFlowStore(webServiceFlow());
    const added = store.getState().addNode('web-service', { x: 300, y: 0 });
    store.getState().setInvalidField(added, 'url', mistypedUrl);
    store.getState().setInvalidField('hook', 'url', mistypedUrl);

    store.getState().undo();
    expect(Object.keys(store.getState().invalidFields)).toEqual(['hook']);

    store.getState().onNodesChange([{ type: 'remove', id: 'hook' }]);
    expect(store.getState().invalidFields).toEqual({});
  });

  it('is dropped when another flow is opened', () => {
    const store = createFlowStore(webServiceFlow());
    store.getState().setInvalidField('hook', 'url', mistypedUrl);

    store.getState().loadFlow(webServiceFlow());

    expect(store.getState().invalidFields).toEqual({});
    expect(selectNodeProblems(store.getState(), 'hook')).toEqual([]);
  });
});

describe('addConnectedNode', () => {
  it('adds, connects the free output to the new module and selects it, as one undo step', () => {
    const store = createFlowStore(
      flowOf([
        { id: 'start', type: 'start', position: { x: 0, y: 0 } },
        { id: 'hello', type: 'message', position: { x: 0, y: 100 }, selected: true },
      ]),
    );
    store.getState().selectNodes(['hello']);

    const id = store
      .getState()
      .addConnectedNode('question', { x: 0, y: 200 }, { nodeId: 'hello', sourceHandle: 'out' });

    const { nodes, edges } = store.getState();
    expect(nodes.filter((node) => node.selected).map((node) => node.id)).toEqual([id]);
    expect(edges).toContainEqual(
      expect.objectContaining({ source: 'hello', sourceHandle: 'out', target: id }),
    );
    expect(store.temporal.getState().pastStates).toHaveLength(1);

    store.getState().undo();
    expect(store.getState().nodes.map((node) => node.id)).toEqual(['start', 'hello']);
    expect(store.getState().edges).toEqual([]);
  });

  it('adds without connecting when the new module takes no input or the output does not exist', () => {
    const store = createFlowStore(
      flowOf([{ id: 'hello', type: 'message', position: { x: 0, y: 100 } }]),
    );

    store
      .getState()
      .addConnectedNode('start', { x: 0, y: 0 }, { nodeId: 'hello', sourceHandle: 'out' });
    store
      .getState()
      .addConnectedNode('end', { x: 0, y: 0 }, { nodeId: 'hello', sourceHandle: 'gold' });

    expect(store.getState().nodes).toHaveLength(3);
    expect(store.getState().edges).toEqual([]);
  });
});

describe('selectAll', () => {
  it('selects every module and connection', () => {
    const store = createFlowStore(webServiceFlow());

    store.getState().selectAll();

    expect(store.getState().nodes.every((node) => node.selected)).toBe(true);
    expect(store.getState().edges.every((edge) => edge.selected)).toBe(true);
  });

  it('ends a draft when an undo replaces the value it was typed over, even off screen', () => {
    const store = createFlowStore(webServiceFlow());
    store.getState().updateNodeData('hook', 'web-service', { url: 'http://127.0.0.1:1/other' });
    store
      .getState()
      .setInvalidField('hook', 'url', { ...mistypedUrl, value: 'http://127.0.0.1:1/other' });
    store.getState().setInvalidField('hook', 'authorization', {
      ...mistypedUrl,
      problem: 'Authorization header is not valid: x',
      value: '',
    });

    store.getState().undo();

    expect(store.getState().nodes.find((node) => node.id === 'hook')?.data).toMatchObject({
      url: validUrl,
    });
    // The URL's draft sat on the value the undo replaced; the other field's draft stays.
    expect(Object.keys(store.getState().invalidFields.hook ?? {})).toEqual(['authorization']);
    expect(selectNodeProblems(store.getState(), 'hook')).toEqual([
      'Authorization header is not valid: x',
    ]);
  });

  it("keeps a draft when another field of the module changes, and ends a removed row's draft", () => {
    const store = createFlowStore(
      flowOf([
        {
          id: 'branch',
          type: 'condition',
          position: { x: 0, y: 0 },
          data: { rules: [{ id: 'r1', variable: 'email', operator: 'equals', value: 'a' }] },
        },
      ]),
    );
    store.getState().setInvalidField('branch', 'rules.r1.variable', {
      text: 'Not A Name',
      message: 'Use lower snake_case',
      problem: 'Variable is not valid: use lower snake_case',
      value: 'email',
    });
    store.getState().updateNodeData('branch', 'condition', {
      rules: [{ id: 'r1', variable: 'email', operator: 'equals', value: 'b' }],
    });
    expect(store.getState().invalidFields.branch).toBeDefined();

    store.getState().updateNodeData('branch', 'condition', { rules: [] });
    expect(store.getState().invalidFields).toEqual({});
  });

  it("keeps a too-long name's draft while the module's data changes, and ends it when an undo renames", () => {
    const store = createFlowStore(webServiceFlow());
    store.getState().renameNode('hook', 'CRM lookup');
    store.getState().setInvalidField('hook', nodeNameField, {
      text: 'x'.repeat(81),
      message: 'At most 80 characters',
      problem: 'Name is not valid: at most 80 characters',
      value: 'CRM lookup',
    });
    store.getState().updateNodeData('hook', 'web-service', { authorization: 'Bearer a' });
    expect(store.getState().invalidFields.hook).toBeDefined();
    expect(selectNodeProblems(store.getState(), 'hook')).toContain(
      'Name is not valid: at most 80 characters',
    );

    store.getState().undo();
    store.getState().undo();
    expect(store.getState().invalidFields).toEqual({});
  });
});
