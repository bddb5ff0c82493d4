import { describe, expect, it } from 'vitest';
import { createDemoFlow } from '../createFlows';
import { customerVariables } from '../customerVariables';
import { flowDocumentSchema, type FlowDocument } from '../flowDocumentSchema';
import { sampleValueOf, variablesAtNode, type VariableAtNode } from './variablesAtNode';

const at = { x: 0, y: 0 };

function node(id: string, type: string, data: object = {}) {
  return { id, type, position: at, data };
}

const question = (id: string, variable: string, inputType = 'text', options: string[] = []) =>
  node(id, 'question', { prompt: 'Tell us', variable, inputType, options });

const set = (id: string, assignments: [string, string][]) =>
  node(id, 'set-variable', {
    assignments: assignments.map(([variable, value]) => ({ variable, value })),
  });

function edge(source: string, target: string, sourceHandle = 'out') {
  return { id: `${source}:${sourceHandle}->${target}`, source, sourceHandle, target };
}

function flowOf(nodes: object[], edges: object[] = []): FlowDocument {
  return flowDocumentSchema.parse({ schemaVersion: 1, id: 'f', name: 'Test', nodes, edges });
}

/** `start → …modules → ws`, each module leading to the next. */
function lineOf(modules: { id: string }[]): FlowDocument {
  const nodes = [
    node('start', 'start'),
    ...modules,
    node('ws', 'web-service', { url: 'https://api.example.org/hook' }),
  ];
  const ids = nodes.map((entry) => entry.id);
  return flowOf(
    nodes,
    ids.slice(1).map((id, index) => edge(ids[index]!, id)),
  );
}

function rowOf(rows: VariableAtNode[], name: string): VariableAtNode {
  const matching = rows.filter((row) => row.name === name);
  expect(matching, `rows named ${name}`).toHaveLength(1);
  const [row] = matching;
  if (!row) throw new Error(`no row ${name}`);
  return row;
}

function nodeOf(flow: FlowDocument, id: string) {
  const found = flow.nodes.find((entry) => entry.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

const customerNamesSorted = customerVariables.map((variable) => variable.name).sort();

describe('variablesAtNode', () => {
  it('a question storing into email fills the customer variable email, definitely', () => {
    const flow = lineOf([question('ask-email', 'email', 'email')]);

    const rows = variablesAtNode(flow, 'ws');

    expect(rowOf(rows, 'email')).toEqual({
      name: 'email',
      scope: 'customer',
      certainty: 'definitely',
      setBy: [{ nodeId: 'ask-email', name: 'Question ask-email' }],
      sample: 'john.smith@example.org',
    });
  });

  it('customer variables no module sets are possibly there, with John Smith as the sample', () => {
    const rows = variablesAtNode(lineOf([]), 'ws');

    expect(rows.map((row) => row.name)).toEqual(customerNamesSorted);
    for (const { name, sample } of customerVariables) {
      expect(rowOf(rows, name)).toEqual({
        name,
        scope: 'customer',
        certainty: 'possibly',
        setBy: [],
        sample,
      });
    }
    expect(rowOf(rows, 'firstname').sample).toBe('John');
    expect(rowOf(rows, 'lastname').sample).toBe('Smith');
  });

  it('a customer variable a module sets takes its sample from that module, not the profile', () => {
    const rows = variablesAtNode(lineOf([question('ask-name', 'firstname')]), 'ws');

    expect(rowOf(rows, 'firstname')).toMatchObject({
      scope: 'customer',
      certainty: 'definitely',
      setBy: [{ nodeId: 'ask-name', name: 'Question ask-name' }],
      sample: 'Sample answer',
    });
  });

  it('lists flow variables first, then customer variables, each sorted by name', () => {
    const flow = lineOf([
      set('assign', [
        ['zeta', '1'],
        ['alpha', '2'],
      ]),
      question('ask-mid', 'mid_answer'),
      question('ask-city', 'city'),
    ]);

    const rows = variablesAtNode(flow, 'ws');

    expect(rows.map((row) => row.name)).toEqual([
      'alpha',
      'mid_answer',
      'zeta',
      ...customerNamesSorted,
    ]);
    expect(rows.slice(0, 3).every((row) => row.scope === 'flow')).toBe(true);
    expect(rows.slice(3).every((row) => row.scope === 'customer')).toBe(true);
    expect(rowOf(rows, 'city')).toMatchObject({ scope: 'customer', certainty: 'definitely' });
  });

  it('lists the setters nearest first and takes the sample from the nearest one', () => {
    const flow = lineOf([
      set('first-set', [['discount', 'far']]),
      set('second-set', [['discount', 'near']]),
      node('say', 'message', { text: 'Hello' }),
    ]);

    expect(rowOf(variablesAtNode(flow, 'ws'), 'discount')).toEqual({
      name: 'discount',
      scope: 'flow',
      certainty: 'definitely',
      setBy: [
        { nodeId: 'second-set', name: 'Set variable second-set' },
        { nodeId: 'first-set', name: 'Set variable first-set' },
      ],
      sample: 'near',
    });
  });

  it('a variable set on one side of a condition only is possibly there at the join', () => {
    const flow = flowOf(
      [
        node('start', 'start'),
        node('branch', 'condition', {
          rules: [{ id: 'yes', variable: 'email', operator: 'is-set', value: '' }],
        }),
        question('ask-coupon', 'coupon_code'),
        question('ask-phone', 'phone'),
        node('ws', 'web-service', { url: 'https://api.example.org/hook' }),
      ],
      [
        edge('start', 'branch'),
        edge('branch', 'ask-coupon', 'yes'),
        edge('ask-coupon', 'ask-phone'),
        edge('ask-phone', 'ws'),
        edge('branch', 'ws', 'else'),
      ],
    );

    const rows = variablesAtNode(flow, 'ws');

    expect(rowOf(rows, 'coupon_code')).toMatchObject({
      scope: 'flow',
      certainty: 'possibly',
      setBy: [{ nodeId: 'ask-coupon', name: 'Question ask-coupon' }],
      sample: 'Sample answer',
    });
    expect(rowOf(rows, 'phone')).toMatchObject({
      scope: 'customer',
      certainty: 'possibly',
      setBy: [{ nodeId: 'ask-phone', name: 'Question ask-phone' }],
      sample: 'Sample answer',
    });
    expect(rowOf(variablesAtNode(flow, 'ask-phone'), 'coupon_code').certainty).toBe('definitely');
  });

  it('samples what each question input type, set-variable and WebService would set', () => {
    const flow = lineOf([
      question('q-email', 'contact_email', 'email'),
      question('q-number', 'order_count', 'number'),
      question('q-nps', 'nps_score', 'nps'),
      question('q-choice', 'tier_choice', 'single-choice', ['', '  ', 'Gold', 'Silver']),
      question('q-text', 'remark', 'text'),
      set('assign', [
        ['coupon_code', 'FIRST'],
        ['channel', 'web'],
        ['coupon_code', 'WELCOME10'],
      ]),
      node('lookup', 'web-service', {
        url: 'https://api.example.org/crm',
        expectedVariables: ['customer_tier'],
      }),
    ]);

    const samples = Object.fromEntries(
      variablesAtNode(flow, 'ws')
        .filter((row) => row.scope === 'flow')
        .map((row) => [row.name, row.sample]),
    );

    expect(samples).toEqual({
      channel: 'web',
      contact_email: 'john.smith@example.org',
      coupon_code: 'WELCOME10',
      customer_tier: 'sample customer_tier',
      nps_score: '10',
      order_count: '42',
      remark: 'Sample answer',
      tier_choice: 'Gold',
    });
    expect(sampleValueOf(nodeOf(flow, 'assign'), 'coupon_code')).toBe('WELCOME10');
    expect(sampleValueOf(nodeOf(flow, 'lookup'), 'customer_tier')).toBe('sample customer_tier');
    expect(sampleValueOf(nodeOf(flow, 'q-choice'), 'tier_choice')).toBe('Gold');
  });

  it('keeps the placeholders of a set-variable value for the request to fill in', () => {
    const rows = variablesAtNode(
      lineOf([
        question('ask-nps', 'nps_score', 'nps'),
        set('coupon', [['coupon_code', 'SAVE{{nps_score}}']]),
      ]),
      'ws',
    );

    expect(rowOf(rows, 'coupon_code').sample).toBe('SAVE{{nps_score}}');
  });

  it('in a loop, the module under test names itself as the setter of its own variables', () => {
    const flow = flowOf(
      [
        node('start', 'start'),
        node('ws', 'web-service', {
          url: 'https://api.example.org/hook',
          expectedVariables: ['tier'],
        }),
        question('again', 'again_answer'),
      ],
      [edge('start', 'ws'), edge('ws', 'again'), edge('again', 'ws')],
    );

    const tier = rowOf(variablesAtNode(flow, 'ws'), 'tier');

    expect(tier.certainty).toBe('possibly');
    expect(tier.setBy).toEqual([{ nodeId: 'ws', name: 'this module, on an earlier pass' }]);
  });

  it('a single-choice question without options samples the empty string', () => {
    const flow = lineOf([question('q-choice', 'pick', 'single-choice', ['', ' '])]);

    expect(rowOf(variablesAtNode(flow, 'ws'), 'pick').sample).toBe('');
  });

  describe('the demo flow', () => {
    const demo = createDemoFlow('http://127.0.0.1:4173');

    it('at crm-lookup: nps_score and email definitely, from the questions', () => {
      const rows = variablesAtNode(demo, 'crm-lookup');

      expect(rows.filter((row) => row.scope === 'flow')).toEqual([
        {
          name: 'nps_score',
          scope: 'flow',
          certainty: 'definitely',
          setBy: [{ nodeId: 'ask-nps', name: 'Ask NPS' }],
          sample: '10',
        },
      ]);
      expect(rowOf(rows, 'email')).toMatchObject({
        scope: 'customer',
        certainty: 'definitely',
        sample: 'john.smith@example.org',
      });
      expect(rowOf(rows, 'firstname')).toMatchObject({ certainty: 'possibly', sample: 'John' });
    });

    it('after crm-lookup: what it returns is definitely there, with sample values', () => {
      const rows = variablesAtNode(demo, 'is-gold');

      expect(rowOf(rows, 'customer_tier')).toEqual({
        name: 'customer_tier',
        scope: 'flow',
        certainty: 'definitely',
        setBy: [{ nodeId: 'crm-lookup', name: 'CRM lookup' }],
        sample: 'sample customer_tier',
      });
      expect(rowOf(rows, 'firstname')).toMatchObject({
        scope: 'customer',
        certainty: 'definitely',
        setBy: [{ nodeId: 'crm-lookup', name: 'CRM lookup' }],
        sample: 'sample firstname',
      });
    });
  });
});

describe('remembered answers follow every change that matters', () => {
  const withData = (flow: FlowDocument, id: string, data: object): FlowDocument => ({
    ...flow,
    nodes: flow.nodes.map((entry) =>
      entry.id === id ? flowDocumentSchema.shape.nodes.element.parse({ ...entry, data }) : entry,
    ),
  });
  const sampleOf = (rows: VariableAtNode[], name: string) =>
    rows.find((row) => row.name === name)?.sample;

  it('a new URL on the module asked about keeps the rows', () => {
    const flow = lineOf([set('plan', [['plan', 'gold']])]);
    const before = variablesAtNode(flow, 'ws');
    const after = variablesAtNode(
      withData(flow, 'ws', { url: 'https://other.example.org/' }),
      'ws',
    );
    expect(after).toBe(before);
  });

  it('a setter’s new value, a new variable or a new connection changes them', () => {
    const flow = lineOf([set('plan', [['plan', 'gold']])]);
    expect(sampleOf(variablesAtNode(flow, 'ws'), 'plan')).toBe('gold');
    const silver = withData(flow, 'plan', { assignments: [{ variable: 'plan', value: 'silver' }] });
    expect(sampleOf(variablesAtNode(silver, 'ws'), 'plan')).toBe('silver');
    const renamed = withData(flow, 'plan', { assignments: [{ variable: 'tier', value: 'gold' }] });
    expect(variablesAtNode(renamed, 'ws').map((row) => row.name)).toContain('tier');
    expect(variablesAtNode(renamed, 'ws').map((row) => row.name)).not.toContain('plan');
    const cut = { ...renamed, edges: renamed.edges.filter((entry) => entry.target !== 'ws') };
    expect(variablesAtNode(cut, 'ws').map((row) => row.name)).not.toContain('tier');
  });
});
