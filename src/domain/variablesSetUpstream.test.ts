import { describe, expect, it } from 'vitest';
import { createDemoFlow } from './createFlows';
import { flowDocumentSchema, type FlowDocument } from './flowDocumentSchema';
import { variablesSetUpstream } from './variablesSetUpstream';

const at = { x: 0, y: 0 };

function node(id: string, type: string, data: object = {}) {
  return { id, type, position: at, data };
}

const ask = (id: string, variable: string) => node(id, 'question', { variable });

function edge(source: string, target: string, sourceHandle = 'out') {
  return { id: `${source}:${sourceHandle}->${target}`, source, sourceHandle, target };
}

function flowOf(nodes: object[], edges: object[] = []): FlowDocument {
  return flowDocumentSchema.parse({ schemaVersion: 1, id: 'f', name: 'Test', nodes, edges });
}

const set = (id: string, variable: string, value = 'x') =>
  node(id, 'set-variable', { assignments: [{ variable, value }] });

/** A condition with one rule `yes` (taken when `variable` is set) and the `else` output. */
const branch = (id: string, variable = 'anything') =>
  node(id, 'condition', { rules: [{ id: 'yes', variable, operator: 'is-set', value: '' }] });

function upstreamOf(flow: FlowDocument, nodeId: string): string[] {
  return variablesSetUpstream(flow).namesBefore(nodeId);
}

describe('variablesSetUpstream', () => {
  it('collects what every module before a node sets, excluding the node itself', () => {
    const flow = flowOf(
      [node('start', 'start'), ask('a', 'first'), ask('b', 'second'), node('end', 'end')],
      [edge('start', 'a'), edge('a', 'b'), edge('b', 'end')],
    );

    expect(upstreamOf(flow, 'start')).toEqual([]);
    expect(upstreamOf(flow, 'a')).toEqual([]);
    expect(upstreamOf(flow, 'b')).toEqual(['first']);
    expect(upstreamOf(flow, 'end')).toEqual(['first', 'second']);
  });

  it('joins branches: a variable set on any path counts', () => {
    const flow = flowOf(
      [
        node('start', 'start'),
        node('branch', 'condition', {
          rules: [{ id: 'yes', variable: 'email', operator: 'is-set', value: '' }],
        }),
        ask('left', 'left_answer'),
        node('end', 'end'),
      ],
      [
        edge('start', 'branch'),
        edge('branch', 'left', 'yes'),
        edge('left', 'end'),
        edge('branch', 'end', 'else'),
      ],
    );

    expect(upstreamOf(flow, 'end')).toEqual(['left_answer']);
  });

  it('carries variables around a loop back to its beginning', () => {
    const flow = flowOf(
      [node('start', 'start'), node('top', 'message'), ask('a', 'answer'), ask('b', 'again')],
      [edge('start', 'top'), edge('top', 'a'), edge('a', 'b'), edge('b', 'top')],
    );

    expect(upstreamOf(flow, 'top')).toEqual(['again', 'answer']);
    expect(upstreamOf(flow, 'a')).toEqual(['again', 'answer']);
  });

  it('knows what the demo flow sets before its gold-customer message', () => {
    expect(upstreamOf(createDemoFlow('http://127.0.0.1:4173'), 'thanks-gold')).toEqual([
      'customer_tier',
      'email',
      'firstname',
      'lastname',
      'nps_score',
    ]);
  });
});

describe('variablesSetUpstream: definitely (mustBeSet) versus possibly (mayBeSet)', () => {
  it('in a straight line, everything set before a node is definitely set there', () => {
    const upstream = variablesSetUpstream(
      flowOf(
        [node('start', 'start'), ask('a', 'first'), ask('b', 'second'), node('end', 'end')],
        [edge('start', 'a'), edge('a', 'b'), edge('b', 'end')],
      ),
    );

    expect(upstream.mustBeSet('b', 'first')).toBe(true);
    expect(upstream.mustBeSet('end', 'first')).toBe(true);
    expect(upstream.mustBeSet('end', 'second')).toBe(true);
    // A question's own answer is not there yet when the chat arrives at it.
    expect(upstream.mustBeSet('a', 'first')).toBe(false);
    expect(upstream.mayBeSet('a', 'first')).toBe(false);
    expect(upstream.mustBeSet('b', 'second')).toBe(false);
  });

  it('a variable set on only one side of a condition is possibly set at the join', () => {
    const upstream = variablesSetUpstream(
      flowOf(
        [
          node('start', 'start'),
          branch('branch'),
          ask('setter', 'left_answer'),
          node('after-setter', 'message'),
          node('join', 'message'),
        ],
        [
          edge('start', 'branch'),
          edge('branch', 'setter', 'yes'),
          edge('setter', 'after-setter'),
          edge('after-setter', 'join'),
          edge('branch', 'join', 'else'),
        ],
      ),
    );

    expect(upstream.mustBeSet('after-setter', 'left_answer')).toBe(true);
    expect(upstream.mayBeSet('join', 'left_answer')).toBe(true);
    expect(upstream.mustBeSet('join', 'left_answer')).toBe(false);
  });

  it('a variable set on both sides of a condition is definitely set at the join', () => {
    const upstream = variablesSetUpstream(
      flowOf(
        [
          node('start', 'start'),
          branch('branch'),
          ask('left', 'answer'),
          set('right', 'answer', 'default'),
          node('join', 'message'),
        ],
        [
          edge('start', 'branch'),
          edge('branch', 'left', 'yes'),
          edge('branch', 'right', 'else'),
          edge('left', 'join'),
          edge('right', 'join'),
        ],
      ),
    );

    expect(upstream.mustBeSet('join', 'answer')).toBe(true);
    expect(upstream.mustBeSet('left', 'answer')).toBe(false);
    expect(upstream.mustBeSet('right', 'answer')).toBe(false);
  });

  describe('loops', () => {
    // start → before → head → body (asks `answer`) → body-end → check
    //   check: yes → done, else → back to head
    const loop = () =>
      variablesSetUpstream(
        flowOf(
          [
            node('start', 'start'),
            set('before', 'before_loop'),
            node('head', 'message'),
            ask('body', 'answer'),
            node('body-end', 'message'),
            branch('check', 'answer'),
            node('done', 'message'),
          ],
          [
            edge('start', 'before'),
            edge('before', 'head'),
            edge('head', 'body'),
            edge('body', 'body-end'),
            edge('body-end', 'check'),
            edge('check', 'done', 'yes'),
            edge('check', 'head', 'else'),
          ],
        ),
      );

    it('a variable set inside the loop body is only possibly set at the loop head', () => {
      const upstream = loop();

      expect(upstream.mayBeSet('head', 'answer')).toBe(true);
      expect(upstream.mustBeSet('head', 'answer')).toBe(false);
      expect(upstream.mustBeSet('body', 'answer')).toBe(false);
    });

    it('…but definitely set after its setter inside the loop and after the loop', () => {
      const upstream = loop();

      expect(upstream.mustBeSet('body-end', 'answer')).toBe(true);
      expect(upstream.mustBeSet('check', 'answer')).toBe(true);
      expect(upstream.mustBeSet('done', 'answer')).toBe(true);
    });

    it('a variable set before the loop stays definitely set everywhere in it', () => {
      const upstream = loop();

      for (const id of ['head', 'body', 'body-end', 'check', 'done']) {
        expect(upstream.mustBeSet(id, 'before_loop'), id).toBe(true);
      }
    });

    it('a variable set only on the way back round the loop is possibly set after it', () => {
      // head → check: yes → exit, else → retry (asks `retry_reason`) → head
      const upstream = variablesSetUpstream(
        flowOf(
          [
            node('start', 'start'),
            node('head', 'message'),
            branch('check'),
            ask('retry', 'retry_reason'),
            node('exit', 'message'),
          ],
          [
            edge('start', 'head'),
            edge('head', 'check'),
            edge('check', 'exit', 'yes'),
            edge('check', 'retry', 'else'),
            edge('retry', 'head'),
          ],
        ),
      );

      expect(upstream.mayBeSet('exit', 'retry_reason')).toBe(true);
      expect(upstream.mustBeSet('exit', 'retry_reason')).toBe(false);
      expect(upstream.mustBeSet('head', 'retry_reason')).toBe(false);
    });
  });

  it('nothing is definitely set at a node no start reaches', () => {
    const upstream = variablesSetUpstream(
      flowOf(
        [
          node('start', 'start'),
          node('end', 'end'),
          node('island', 'message'),
          ask('lost-question', 'lost'),
          node('lost-message', 'message'),
        ],
        [
          edge('start', 'end'),
          edge('island', 'lost-question'),
          edge('lost-question', 'lost-message'),
        ],
      ),
    );

    expect(upstream.mustBeSet('lost-message', 'lost')).toBe(false);
  });

  it('a module no chat reaches does not make a variable uncertain where it joins the flow', () => {
    const upstream = variablesSetUpstream(
      flowOf(
        [
          node('start', 'start'),
          ask('ask-email', 'email'),
          node('join', 'message'),
          ask('orphan', 'orphan_answer'),
        ],
        [edge('start', 'ask-email'), edge('ask-email', 'join'), edge('orphan', 'join')],
      ),
    );

    expect(upstream.mustBeSet('join', 'email')).toBe(true);
    expect(upstream.mustBeSet('join', 'orphan_answer')).toBe(false);
    // No chat passes the orphan on its way to the join, so not even possibly.
    expect(upstream.mayBeSet('join', 'orphan_answer')).toBe(false);
    expect(upstream.namesBefore('join')).toEqual(['email']);
  });

  it('a module no chat reaches still sees what the modules before it set', () => {
    const upstream = variablesSetUpstream(
      flowOf(
        [node('start', 'start'), ask('island-question', 'island'), node('island-end', 'end')],
        [edge('island-question', 'island-end')],
      ),
    );

    expect(upstream.mayBeSet('island-end', 'island')).toBe(true);
    expect(upstream.mustBeSet('island-end', 'island')).toBe(false);
  });

  describe('two starts', () => {
    it('a variable is definitely set only if the paths from both starts set it', () => {
      const upstream = variablesSetUpstream(
        flowOf(
          [
            node('start-a', 'start'),
            node('start-b', 'start'),
            node('from-a', 'set-variable', {
              assignments: [
                { variable: 'shared', value: 'a' },
                { variable: 'only_a', value: 'a' },
              ],
            }),
            set('from-b', 'shared', 'b'),
            node('join', 'message'),
          ],
          [
            edge('start-a', 'from-a'),
            edge('start-b', 'from-b'),
            edge('from-a', 'join'),
            edge('from-b', 'join'),
          ],
        ),
      );

      expect(upstream.mustBeSet('join', 'shared')).toBe(true);
      expect(upstream.mayBeSet('join', 'only_a')).toBe(true);
      expect(upstream.mustBeSet('join', 'only_a')).toBe(false);
    });

    it('a start that leads straight to the join leaves the variable possibly set', () => {
      const upstream = variablesSetUpstream(
        flowOf(
          [
            node('start-a', 'start'),
            node('start-b', 'start'),
            ask('a', 'shared'),
            node('join', 'message'),
          ],
          [edge('start-a', 'a'), edge('a', 'join'), edge('start-b', 'join')],
        ),
      );

      expect(upstream.mayBeSet('join', 'shared')).toBe(true);
      expect(upstream.mustBeSet('join', 'shared')).toBe(false);
    });
  });

  it('answers false for nodes and names it does not know', () => {
    const upstream = variablesSetUpstream(
      flowOf([node('start', 'start'), ask('a', 'first')], [edge('start', 'a')]),
    );

    expect(upstream.mustBeSet('nowhere', 'first')).toBe(false);
    expect(upstream.mayBeSet('nowhere', 'first')).toBe(false);
    expect(upstream.mustBeSet('a', 'never_set')).toBe(false);
    expect(upstream.namesBefore('nowhere')).toEqual([]);
  });

  it('in the demo flow, email and nps_score are definitely set when the chat reaches crm-lookup', () => {
    const upstream = variablesSetUpstream(createDemoFlow('http://127.0.0.1:4173'));

    expect(upstream.mustBeSet('crm-lookup', 'email')).toBe(true);
    expect(upstream.mustBeSet('crm-lookup', 'nps_score')).toBe(true);
    // What crm-lookup returns is not there before it runs, but definitely after it.
    expect(upstream.mayBeSet('crm-lookup', 'customer_tier')).toBe(false);
    expect(upstream.mustBeSet('is-gold', 'customer_tier')).toBe(true);
    expect(upstream.mustBeSet('end', 'firstname')).toBe(true);
  });
});
