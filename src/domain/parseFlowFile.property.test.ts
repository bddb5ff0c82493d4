import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgesFromFlow, flowFromCanvas, nodesFromFlow } from '../store/appNode';
import { flowDocumentSchema, type FlowDocument } from './flowDocumentSchema';
import { flowFileLimits, parseFlowDocument, parseFlowFile } from './parseFlowFile';

/** Runs stay few and small: these are checks, not benchmarks. */
const runs = { numRuns: 150 };

const text = fc.string({ maxLength: 40 });
const variable = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/);
const position = fc.record({
  x: fc.integer({ min: -1_000_000, max: 1_000_000 }),
  y: fc.integer({ min: -1_000_000, max: 1_000_000 }),
});
const moduleName = fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,30}[A-Za-z0-9]$/), {
  nil: undefined,
});

/** A module that has one `out` output, with configuration an author could enter. */
const middleModule = fc.oneof(
  fc.record({ type: fc.constant('message'), data: fc.record({ text }) }),
  fc.record({
    type: fc.constant('question'),
    data: fc.record({
      prompt: text,
      variable,
      inputType: fc.constantFrom('text', 'email', 'number', 'nps'),
      options: fc.constant([]),
    }),
  }),
  fc.record({
    type: fc.constant('web-service'),
    data: fc.record({
      url: fc.constantFrom('', 'https://example.org/hook', 'http://127.0.0.1:8080/x'),
      authorization: text,
      useRequestQueue: fc.boolean(),
      expectedVariables: fc.uniqueArray(variable, { maxLength: 4 }),
    }),
  }),
);

/** Start → modules → End, connected in a chain, as an author would build it. */
const validFlow: fc.Arbitrary<FlowDocument> = fc
  .record({
    name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,30}$/),
    middle: fc.array(fc.record({ module: middleModule, position, name: moduleName }), {
      maxLength: 12,
    }),
    startAt: position,
    endAt: position,
  })
  .map(({ name, middle, startAt, endAt }) => {
    const nodes = [
      { id: 'start', type: 'start', position: startAt },
      ...middle.map((entry, index) => ({
        id: `m${index}`,
        ...(entry.name === undefined ? {} : { name: entry.name }),
        ...entry.module,
        position: entry.position,
      })),
      { id: 'end', type: 'end', position: endAt },
    ];
    const edges = nodes.slice(1).map((target, index) => ({
      id: `e${index}`,
      source: nodes[index]?.id ?? 'start',
      sourceHandle: 'out',
      target: target.id,
    }));
    return flowDocumentSchema.parse({ schemaVersion: 1, id: 'flow-prop', name, nodes, edges });
  });

/** What the editor exports: the flow put on the canvas and read back, as JSON text. */
function exportText(flow: FlowDocument): string {
  const canvas = {
    flowId: flow.id,
    name: flow.name,
    nodes: nodesFromFlow(flow),
    edges: edgesFromFlow(flow),
  };
  return `${JSON.stringify(flowFromCanvas(canvas), null, 2)}\n`;
}

function expectRefusedWithMessage(result: ReturnType<typeof parseFlowFile>) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) expect(error.message.trim()).not.toBe('');
}

/** Ways to break a valid flow file, each of which the import must refuse. */
const mutations: Record<string, (file: Record<string, unknown>) => unknown> = {
  'future schemaVersion': (file) => ({ ...file, schemaVersion: 2 }),
  'no schemaVersion': ({ schemaVersion: _dropped, ...file }) => file,
  'nodes not an array': (file) => ({ ...file, nodes: 'start' }),
  'a node that is not an object': (file) => ({ ...file, nodes: [...nodesOf(file), 42] }),
  'an unknown module kind': (file) => ({
    ...file,
    nodes: [...nodesOf(file), { id: 'x', type: 'carousel', position: { x: 0, y: 0 } }],
  }),
  'a duplicate node id': (file) => ({
    ...file,
    nodes: [...nodesOf(file), { id: 'start', type: 'end', position: { x: 0, y: 0 } }],
  }),
  'a dangling edge': (file) => ({
    ...file,
    edges: [{ id: 'dangling', source: 'start', target: 'ghost' }],
  }),
  'a position that is not a number': (file) => ({
    ...file,
    nodes: [{ id: 'start', type: 'start', position: { x: 'left', y: 0 } }],
  }),
  'a huge string': (file) => ({ ...file, name: 'n'.repeat(flowFileLimits.stringChars + 1) }),
  'deep nesting in data': (file) => ({
    ...file,
    nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: deepArray(100) }],
  }),
  'the file is an array': (file) => [file],
};

function nodesOf(file: Record<string, unknown>): unknown[] {
  const nodes = file.nodes;
  return Array.isArray(nodes) ? nodes : [];
}

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

describe('parseFlowFile, property-based', () => {
  it('reads back every valid flow unchanged after export', () => {
    fc.assert(
      fc.property(validFlow, (flow) => {
        const imported = parseFlowFile(exportText(flow));
        expect(imported).toEqual({ ok: true, flow });
      }),
      runs,
    );
  });

  it('refuses any text that is not a flow with a message, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (random) => {
        expectRefusedWithMessage(parseFlowFile(random));
      }),
      runs,
    );
  });

  it('refuses any JSON value that is not a flow with a message', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectRefusedWithMessage(parseFlowFile(JSON.stringify(value) ?? ''));
      }),
      runs,
    );
  });

  it('refuses every broken variant of a valid flow with a message', () => {
    fc.assert(
      fc.property(validFlow, fc.constantFrom(...Object.keys(mutations)), (flow, mutation) => {
        const file = { ...flow, schemaVersion: 1 };
        const broken = mutations[mutation]?.(file);
        expectRefusedWithMessage(parseFlowFile(JSON.stringify(broken)));
      }),
      runs,
    );
  });

  it('refuses a valid flow file cut off anywhere', () => {
    fc.assert(
      fc.property(validFlow, fc.nat(), (flow, cut) => {
        const full = exportText(flow);
        expectRefusedWithMessage(parseFlowFile(full.slice(0, cut % (full.length - 2))));
      }),
      runs,
    );
  });
});

describe('parseFlowFile limits', () => {
  const small: FlowDocument = flowDocumentSchema.parse({
    schemaVersion: 1,
    id: 'flow-small',
    name: 'Small',
    nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 } }],
  });

  it('refuses 100,000 nested arrays with a message instead of overflowing the stack', () => {
    const text = `{"schemaVersion":1,"nodes":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const result = parseFlowFile(text);
    expectRefusedWithMessage(result);
    expect(!result.ok && result.errors[0]?.message).toMatch(/more than 64 levels deep/);
  });

  it('counts brackets inside strings as text, not nesting', () => {
    const withBrackets = { ...small, name: '[[[[{{{{'.repeat(20) };
    expect(parseFlowFile(JSON.stringify(withBrackets)).ok).toBe(true);
  });

  it('refuses a 10 MB text field with where it is', () => {
    const file = {
      ...small,
      nodes: [
        ...small.nodes,
        { id: 'm', type: 'message', position: { x: 0, y: 0 }, data: { text: 'x'.repeat(1e7) } },
      ],
    };
    const result = parseFlowFile(JSON.stringify(file));
    expectRefusedWithMessage(result);
    expect(!result.ok && result.errors[0]?.where).toBe('nodes[1] (id "m").data.text');
    expect(!result.ok && result.errors[0]?.message).toMatch(/longer than 1,000,000 characters/);
  });

  it('refuses a file over 50 MB before reading it', () => {
    const result = parseFlowFile(' '.repeat(flowFileLimits.fileChars + 1));
    expect(!result.ok && result.errors[0]?.message).toMatch(/too large/);
  });

  it('refuses more than 50,000 modules', () => {
    const nodes = Array.from({ length: flowFileLimits.nodes + 1 }, (_, index) => ({
      id: `n${index}`,
      type: 'message',
      position: { x: 0, y: 0 },
    }));
    const result = parseFlowFile(JSON.stringify({ ...small, nodes }));
    expect(!result.ok && result.errors).toEqual([
      { where: 'nodes', message: 'The file has 50,001 nodes; a flow may have at most 50,000' },
    ]);
  });

  it('refuses an infinite position (1e400) and NaN given directly', () => {
    const text = JSON.stringify(small).replace('"x":0', '"x":1e400');
    expectRefusedWithMessage(parseFlowFile(text));
    const withNaN = { ...small, nodes: [{ ...small.nodes[0], position: { x: NaN, y: 0 } }] };
    expectRefusedWithMessage(parseFlowDocument(withNaN));
  });
});
