import { describe, expect, it } from 'vitest';
import { createDemoFlow, createEmptyFlow } from './createFlows';
import { createFlowProblemFinder, findFlowProblems } from './findFlowProblems';
import { flowDocumentSchema, type FlowDocument } from './flowDocumentSchema';

const at = { x: 0, y: 0 };

function node(id: string, type: string, data: object = {}) {
  return { id, type, position: at, data };
}

const start = (id = 'start') => node(id, 'start');
const end = (id = 'end') => node(id, 'end');
const say = (id: string, text: string) => node(id, 'message', { text });
const ask = (id: string, variable: string) =>
  node(id, 'question', { prompt: `Your ${variable}?`, variable });
const assign = (id: string, variable: string, value = 'x') =>
  node(id, 'set-variable', { assignments: [{ variable, value }] });
const branch = (id: string, rules: { id: string; variable: string; value?: string }[]) =>
  node(id, 'condition', { rules: rules.map((rule) => ({ operator: 'equals', ...rule })) });

function edge(source: string, target: string, sourceHandle = 'out') {
  return { id: `${source}:${sourceHandle}->${target}`, source, sourceHandle, target };
}

/** A valid flow file of these nodes and edges; parsing fills in defaults and checks the graph. */
function flowOf(nodes: object[], edges: object[] = []): FlowDocument {
  return flowDocumentSchema.parse({ schemaVersion: 1, id: 'f', name: 'Test', nodes, edges });
}

/** start → each node in turn → end */
function chain(...nodes: ReturnType<typeof node>[]): FlowDocument {
  const ids = ['start', ...nodes.map((n) => n.id), 'end'];
  return flowOf(
    [start(), ...nodes, end()],
    ids.slice(1).map((id, index) => edge(ids[index] ?? '', id)),
  );
}

function problemsOf(flow: FlowDocument, nodeId: string | null): string[] {
  return findFlowProblems(flow)
    .filter((problem) => problem.nodeId === nodeId)
    .map((problem) => problem.message);
}

describe('findFlowProblems', () => {
  it('finds nothing wrong with the demo flow', () => {
    expect(findFlowProblems(createDemoFlow('http://127.0.0.1:4173'))).toEqual([]);
  });

  it('finds nothing wrong with a complete chain of configured modules', () => {
    const flow = chain(
      ask('ask', 'nickname'),
      say('hello', 'Hello {{nickname}}'),
      node('call', 'web-service', { url: 'https://example.org/hook' }),
    );

    expect(findFlowProblems(flow)).toEqual([]);
  });

  it('reports only the unconnected Start output of a new empty flow', () => {
    expect(findFlowProblems(createEmptyFlow('New')).map((problem) => problem.message)).toEqual([
      'Start output leads nowhere',
    ]);
  });

  describe('Start modules', () => {
    it('reports a flow without Start as a flow-wide problem', () => {
      const flow = flowOf([say('hello', 'Hi'), end()], [edge('hello', 'end')]);

      expect(problemsOf(flow, null)).toEqual(['The flow has no Start module']);
    });

    it('reports every Start after the first when there are two', () => {
      const flow = flowOf(
        [start('start'), start('start-2'), say('hello', 'Hi'), end()],
        [edge('start', 'hello'), edge('start-2', 'hello'), edge('hello', 'end')],
      );

      expect(problemsOf(flow, 'start-2')).toEqual([
        'The flow has 2 Start modules; a chat needs exactly one',
      ]);
      expect(problemsOf(flow, 'start')).toEqual([]);
    });
  });

  describe('reachability', () => {
    it('reports a module no path from Start leads to, and only that one', () => {
      const flow = flowOf(
        [start(), say('hello', 'Hi'), say('orphan', 'Nobody sees me'), end()],
        [edge('start', 'hello'), edge('hello', 'end'), edge('orphan', 'end')],
      );

      expect(problemsOf(flow, 'orphan')).toEqual(['Not reachable from Start']);
      expect(problemsOf(flow, 'hello')).toEqual([]);
      expect(problemsOf(flow, 'end')).toEqual([]);
    });

    it('does not call modules unreachable when there is no Start at all', () => {
      const flow = flowOf([say('hello', 'Hi'), end()], [edge('hello', 'end')]);

      expect(problemsOf(flow, 'hello')).toEqual([]);
    });
  });

  describe('outputs that lead nowhere', () => {
    it('reports a module whose only output is unconnected', () => {
      const flow = flowOf([start(), say('hello', 'Hi')], [edge('start', 'hello')]);

      expect(problemsOf(flow, 'hello')).toEqual(['Message output leads nowhere']);
    });

    it("reports a condition's unconnected rule and else outputs by their labels", () => {
      const flow = flowOf(
        [
          start(),
          ask('ask', 'tier'),
          branch('branch', [
            { id: 'gold', variable: 'tier', value: 'gold' },
            { id: 'silver', variable: 'tier', value: 'silver' },
          ]),
          end(),
        ],
        [edge('start', 'ask'), edge('ask', 'branch'), edge('branch', 'end', 'gold')],
      );

      expect(problemsOf(flow, 'branch')).toEqual([
        'Output "tier equals silver" leads nowhere',
        'Output "else" leads nowhere',
      ]);
    });

    it('does not expect anything after an End module', () => {
      expect(problemsOf(chain(), 'end')).toEqual([]);
    });
  });

  describe('configuration', () => {
    it('reports a WebService without URL', () => {
      expect(problemsOf(chain(node('call', 'web-service')), 'call')).toEqual([
        'WebService has no URL',
      ]);
    });

    it('reports a question without a variable for the answer', () => {
      const flow = chain(node('ask', 'question', { prompt: 'Your name?' }));

      expect(problemsOf(flow, 'ask')).toEqual(['Question has no variable for the answer']);
    });

    it('reports a message without text', () => {
      expect(problemsOf(chain(say('hello', '   ')), 'hello')).toEqual(['Message has no text']);
    });
  });

  describe('placeholders', () => {
    it('reports a variable that no module before it sets', () => {
      const flow = chain(say('hello', 'Hello {{nickname}}'));

      expect(problemsOf(flow, 'hello')).toEqual([
        'Uses {{nickname}}, which no module before it sets',
      ]);
    });

    it('reports a variable that is only set after it is used', () => {
      const flow = chain(say('hello', 'Hello {{nickname}}'), ask('ask', 'nickname'));

      expect(problemsOf(flow, 'hello')).toEqual([
        'Uses {{nickname}}, which no module before it sets',
      ]);
    });

    it('reports a variable that only a module on another branch sets', () => {
      const flow = flowOf(
        [
          start(),
          ask('ask', 'tier'),
          branch('branch', [{ id: 'gold', variable: 'tier', value: 'gold' }]),
          assign('coupon', 'coupon_code'),
          say('other', 'Your code: {{coupon_code}}'),
          end(),
        ],
        [
          edge('start', 'ask'),
          edge('ask', 'branch'),
          edge('branch', 'coupon', 'gold'),
          edge('branch', 'other', 'else'),
          edge('coupon', 'end'),
          edge('other', 'end'),
        ],
      );

      expect(problemsOf(flow, 'other')).toEqual([
        'Uses {{coupon_code}}, which no module before it sets',
      ]);
    });

    it('does not report a variable a question before it sets', () => {
      const flow = chain(ask('ask', 'nickname'), say('hello', 'Hello {{nickname}}'));

      expect(problemsOf(flow, 'hello')).toEqual([]);
    });

    it('does not report a variable a WebService before it expects back', () => {
      const flow = chain(
        node('call', 'web-service', {
          url: 'https://example.org/crm',
          expectedVariables: ['customer_tier'],
        }),
        say('hello', 'You are {{customer_tier}}'),
      );

      expect(problemsOf(flow, 'hello')).toEqual([]);
    });

    it.each(['firstname', 'email', 'consent_double_opt_in_sms'])(
      'does not report the customer variable {{%s}}',
      (name) => {
        expect(problemsOf(chain(say('hello', `Hi {{${name}}}`)), 'hello')).toEqual([]);
      },
    );

    it('does not report a variable set on only one branch before the branches join', () => {
      const flow = flowOf(
        [
          start(),
          ask('ask', 'tier'),
          branch('branch', [{ id: 'gold', variable: 'tier', value: 'gold' }]),
          assign('coupon', 'coupon_code'),
          say('join', 'Your code: {{coupon_code}}'),
          end(),
        ],
        [
          edge('start', 'ask'),
          edge('ask', 'branch'),
          edge('branch', 'coupon', 'gold'),
          edge('branch', 'join', 'else'),
          edge('coupon', 'join'),
          edge('join', 'end'),
        ],
      );

      expect(problemsOf(flow, 'join')).toEqual([]);
    });

    it('reports a question whose prompt uses the variable it is about to set', () => {
      const flow = chain(
        node('ask', 'question', { prompt: 'Still {{nickname}}?', variable: 'nickname' }),
      );

      expect(problemsOf(flow, 'ask')).toEqual([
        'Uses {{nickname}}, which no module before it sets',
      ]);
    });

    it('reports a condition on a variable nothing sets', () => {
      const flow = flowOf(
        [start(), branch('branch', [{ id: 'r', variable: 'tier', value: 'gold' }]), end()],
        [edge('start', 'branch'), edge('branch', 'end', 'r'), edge('branch', 'end', 'else')],
      );

      expect(problemsOf(flow, 'branch')).toEqual(['Uses {{tier}}, which no module before it sets']);
    });
  });

  describe('loops', () => {
    it('finishes on a flow that loops back, knowing what the loop sets', () => {
      const flow = flowOf(
        [
          start(),
          say('again', 'Last answer: {{answer}}'),
          ask('ask', 'answer'),
          branch('done', [{ id: 'yes', variable: 'answer', value: 'yes' }]),
          end(),
        ],
        [
          edge('start', 'again'),
          edge('again', 'ask'),
          edge('ask', 'done'),
          edge('done', 'end', 'yes'),
          edge('done', 'again', 'else'),
        ],
      );

      expect(findFlowProblems(flow)).toEqual([]);
    });

    it('finishes on a module connected to itself (which a file may not hold, but a graph can)', () => {
      const valid = flowOf(
        [start(), say('echo', 'Echo {{nothing_sets_this}}')],
        [edge('start', 'echo')],
      );
      const flow = { ...valid, edges: [...valid.edges, edge('echo', 'echo')] };

      expect(problemsOf(flow, 'echo')).toEqual([
        'Uses {{nothing_sets_this}}, which no module before it sets',
      ]);
    });
  });

  it('names a rule without a variable by its number, and keys every problem uniquely', () => {
    const flow = flowOf(
      [
        start(),
        node('branch', 'condition', {
          rules: [
            { id: 'r1', variable: '', operator: 'equals', value: '' },
            { id: 'r2', variable: '', operator: 'equals', value: '' },
          ],
        }),
      ],
      [edge('start', 'branch')],
    );
    const problems = findFlowProblems(flow);

    expect(problemsOf(flow, 'branch')).toEqual(
      expect.arrayContaining([
        'Output "Rule 1" leads nowhere',
        'Output "Rule 2" leads nowhere',
        'Rule 1 has no variable',
        'Rule 2 has no variable',
      ]),
    );
    expect(new Set(problems.map((problem) => problem.key)).size).toBe(problems.length);
  });

  it('keys two identical problems on one module apart', () => {
    const flow = flowOf(
      [
        start(),
        ask('ask', 'tier'),
        branch('branch', [
          { id: 'first', variable: 'tier', value: 'gold' },
          { id: 'again', variable: 'tier', value: 'gold' },
        ]),
        end(),
      ],
      [edge('start', 'ask'), edge('ask', 'branch'), edge('branch', 'end', 'else')],
    );
    const problems = findFlowProblems(flow);

    expect(problemsOf(flow, 'branch')).toEqual([
      'Output "tier equals gold" leads nowhere',
      'Output "tier equals gold" leads nowhere',
    ]);
    expect(new Set(problems.map((problem) => problem.key)).size).toBe(problems.length);
  });

  it('keys problems apart when a module id and a label spell another problem’s key', () => {
    const flow = flowOf(
      [
        start(),
        ask('ask', 'v'),
        branch('a', [{ id: 'r', variable: 'v', value: 'z:Output "Rule 1' }]),
        node('a:Output "v equals z', 'condition', { rules: [{ id: 'r', variable: '' }] }),
        end(),
      ],
      [
        edge('start', 'ask'),
        edge('ask', 'a'),
        edge('a', 'a:Output "v equals z', 'else'),
        edge('a:Output "v equals z', 'end', 'else'),
      ],
    );
    const problems = findFlowProblems(flow);

    const spelledAlike = problems.filter(
      (problem) =>
        `${problem.nodeId ?? 'flow'}:${problem.message}` ===
        'a:Output "v equals z:Output "Rule 1" leads nowhere',
    );
    expect(spelledAlike.map((problem) => problem.nodeId)).toEqual(['a', 'a:Output "v equals z']);
    expect(new Set(problems.map((problem) => problem.key)).size).toBe(problems.length);
  });

  it('names a rule without a variable by its place among the rules', () => {
    const flow = flowOf(
      [
        start(),
        ask('ask', 'tier'),
        branch('branch', [
          { id: 'gold', variable: 'tier', value: 'gold' },
          { id: 'blank', variable: '' },
        ]),
        end(),
      ],
      [edge('start', 'ask'), edge('ask', 'branch'), edge('branch', 'end', 'gold')],
    );

    expect(problemsOf(flow, 'branch')).toEqual([
      'Output "Rule 2" leads nowhere',
      'Output "else" leads nowhere',
      'Rule 2 has no variable',
    ]);
  });

  it('reports a variable used twice in one module once', () => {
    const flow = chain(
      node('twice', 'set-variable', {
        assignments: [
          { variable: 'a', value: '{{x}}' },
          { variable: 'b', value: '{{x}}' },
          { variable: '', value: '' },
          { variable: '', value: '' },
        ],
      }),
    );
    expect(problemsOf(flow, 'twice')).toEqual([
      'Assignment 3 has no variable',
      'Assignment 4 has no variable',
      'Uses {{x}}, which no module before it sets',
    ]);
  });

  it('points module problems at their node, named by kind and id, so clicking one selects it', () => {
    const flow = flowOf([say('hello', '')]);

    expect(findFlowProblems(flow)).toEqual([
      {
        key: 'flow:The flow has no Start module',
        nodeId: null,
        nodeName: null,
        message: 'The flow has no Start module',
      },
      {
        key: 'hello:Message output leads nowhere',
        nodeId: 'hello',
        nodeName: 'Message hello',
        message: 'Message output leads nowhere',
      },
      {
        key: 'hello:Message has no text',
        nodeId: 'hello',
        nodeName: 'Message hello',
        message: 'Message has no text',
      },
    ]);
  });

  it('names a module by the name the author gave it', () => {
    const flow = flowOf([{ ...say('hello', ''), name: 'Greeting' }]);

    expect(
      findFlowProblems(flow)
        .filter((problem) => problem.nodeId === 'hello')
        .map((problem) => problem.nodeName),
    ).toEqual(['Greeting', 'Greeting']);
  });
});

describe('createFlowProblemFinder', () => {
  it('finds after each edit what a fresh search of the edited flow finds', () => {
    const flow = chain(
      ask('ask', 'nickname'),
      say('hello', 'Hello {{nickname}}'),
      assign('remember', 'greeted', '{{nickname}}'),
    );
    const find = createFlowProblemFinder();
    const withNode = (graph: FlowDocument, id: string, data: object): FlowDocument =>
      flowDocumentSchema.parse({
        ...graph,
        nodes: graph.nodes.map((each) => (each.id === id ? { ...each, data } : each)),
      });
    const edits: FlowDocument[] = [flow];
    // Text only: the graph analyses stay; the variable renamed: they run again.
    edits.push(withNode(edits.at(-1) ?? flow, 'hello', { text: 'Hi {{nickname}} {{nope}}' }));
    edits.push(withNode(edits.at(-1) ?? flow, 'ask', { prompt: 'Name?', variable: 'name' }));
    edits.push({ ...(edits.at(-1) ?? flow), edges: (edits.at(-1) ?? flow).edges.slice(1) });
    edits.push(flowDocumentSchema.parse({ ...flow, nodes: [...flow.nodes, start('start-2')] }));

    for (const edited of edits) {
      const fresh = findFlowProblems(edited);
      const found = find(edited, new Map());
      expect(found.problems).toEqual(fresh);
      expect([...found.byNode.keys()].sort()).toEqual(
        [...new Set(fresh.flatMap((problem) => (problem.nodeId ? [problem.nodeId] : [])))].sort(),
      );
    }
  });

  it('keeps the answer, and each module’s list, while nothing that matters changed', () => {
    const flow = chain(say('hello', ''));
    const find = createFlowProblemFinder();
    const first = find(flow, new Map());
    const moved = {
      ...flow,
      nodes: flow.nodes.map((each) => ({ ...each, position: { x: 5, y: 5 } })),
    };

    expect(find(moved, new Map())).toBe(first);
    const renamed = find(
      {
        ...moved,
        nodes: moved.nodes.map((each) => (each.id === 'end' ? { ...each, name: 'Bye' } : each)),
      },
      new Map(),
    );
    expect(renamed.byNode.get('hello')).toBe(first.byNode.get('hello'));
  });

  it('after one module’s edit hands back the others’ lists as they were, and follows drafts', () => {
    const flow = chain(say('hello', ''), say('bye', ''), ask('ask', ''));
    const find = createFlowProblemFinder();
    const first = find(flow, new Map());
    // Only the typed module is a new object, as in the store.
    const edited = flowDocumentSchema.parse({
      ...flow,
      nodes: flow.nodes.map((each) =>
        each.id === 'hello' ? { ...each, data: { text: 'Hello' } } : each,
      ),
    });
    const typed = {
      ...flow,
      nodes: flow.nodes.map((each) =>
        each.id === 'hello' ? (edited.nodes.find((one) => one.id === 'hello') ?? each) : each,
      ),
    };

    const afterTyping = find(typed, new Map());
    expect(afterTyping.byNode.get('hello')).toBeUndefined();
    expect(afterTyping.byNode.get('bye')).toBe(first.byNode.get('bye'));
    expect(afterTyping.byNode.get('ask')).toBe(first.byNode.get('ask'));
    expect(afterTyping.problems).toEqual(findFlowProblems(typed));

    const draft = new Map([['bye', ['Text: too long']]]);
    expect(find(typed, draft).byNode.get('bye')).toEqual([
      'Text: too long',
      ...(first.byNode.get('bye') ?? []),
    ]);
    expect(find(typed, new Map()).byNode.get('bye')).toEqual(first.byNode.get('bye'));
  });
});
