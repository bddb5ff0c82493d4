import { describe, expect, it } from 'vitest';
import { createDemoFlow, createEmptyFlow } from './createFlows';
import { parseFlowFile, type FlowFileError, type ParseFlowFileResult } from './parseFlowFile';

const at = { x: 0, y: 0 };

function node(id: string, type: string, data?: object) {
  return data === undefined ? { id, type, position: at } : { id, type, position: at, data };
}

function edge(id: string, source: string, target: string, sourceHandle?: string) {
  return sourceHandle === undefined ? { id, source, target } : { id, source, sourceHandle, target };
}

/** The text of a flow file with the given nodes and edges, as an author would write it. */
function flowFileText(nodes: unknown[], edges: unknown[] = [], extra: object = {}): string {
  return JSON.stringify({
    schemaVersion: 1,
    id: 'flow-1',
    name: 'Test flow',
    nodes,
    edges,
    ...extra,
  });
}

function errorsOf(result: ParseFlowFileResult): FlowFileError[] {
  if (result.ok) throw new Error('Expected the file to be rejected, but it parsed');
  return result.errors;
}

function flowOf(result: ParseFlowFileResult) {
  if (!result.ok) {
    throw new Error(`Expected the file to parse: ${JSON.stringify(result.errors, null, 2)}`);
  }
  return result.flow;
}

describe('parseFlowFile', () => {
  describe('accepts', () => {
    it('the demo flow written to JSON, unchanged', () => {
      const demo = createDemoFlow('http://127.0.0.1:4173');

      const flow = flowOf(parseFlowFile(JSON.stringify(demo)));

      expect(flow).toEqual(demo);
    });

    it('a new empty flow', () => {
      const empty = createEmptyFlow('My flow');

      expect(flowOf(parseFlowFile(JSON.stringify(empty)))).toEqual(empty);
    });

    it('a hand-written minimal flow, filling in every omitted data field with its default', () => {
      const text = flowFileText(
        [
          node('start', 'start'),
          node('ask', 'question', { prompt: 'Your name?' }),
          node('remember', 'set-variable'),
          node('branch', 'condition'),
          node('call', 'web-service'),
          node('say', 'message'),
          node('end', 'end'),
        ],
        [edge('e1', 'start', 'ask'), edge('e2', 'branch', 'say', 'else')],
      );

      const flow = flowOf(parseFlowFile(text));
      const anAssignmentId: unknown = expect.stringMatching(/^assignment-/);

      expect(flow.nodes.map((n) => n.data)).toEqual([
        {},
        { prompt: 'Your name?', variable: '', inputType: 'text', options: [], personalData: false },
        { assignments: [{ id: anAssignmentId, variable: '', value: '', personalData: false }] },
        { rules: [] },
        {
          url: '',
          authorization: '',
          useRequestQueue: false,
          expectedVariables: [],
          requiredVariables: [],
        },
        { text: '' },
        {},
      ]);
      expect(flow.edges[0]).toEqual({
        id: 'e1',
        source: 'start',
        sourceHandle: 'out',
        target: 'ask',
      });
      expect(flow.edges[1]?.sourceHandle).toBe('else');
    });

    it('a file without id, name or edges, giving it a fresh id and a placeholder name', () => {
      const flow = flowOf(
        parseFlowFile(JSON.stringify({ schemaVersion: 1, nodes: [node('start', 'start')] })),
      );

      expect(flow.id).toMatch(/^flow-/);
      expect(flow.name).toBe('Untitled flow');
      expect(flow.edges).toEqual([]);
    });

    it('condition rule ids as output handles of edges', () => {
      const text = flowFileText(
        [
          node('start', 'start'),
          node('branch', 'condition', {
            rules: [{ id: 'gold', variable: 'tier', operator: 'equals', value: 'gold' }],
          }),
          node('end', 'end'),
        ],
        [
          edge('e1', 'start', 'branch'),
          edge('e2', 'branch', 'end', 'gold'),
          edge('e3', 'branch', 'end', 'else'),
        ],
      );

      expect(flowOf(parseFlowFile(text)).edges).toHaveLength(3);
    });
  });

  describe('module names', () => {
    it('are optional: a file without them is valid and its nodes have none', () => {
      const flow = flowOf(parseFlowFile(flowFileText([node('start', 'start')])));

      expect(flow.nodes[0]?.name).toBeUndefined();
    });

    it('round-trip through the file, trimmed; a blank name is no name', () => {
      const text = flowFileText([
        { ...node('start', 'start'), name: '  Begin  ' },
        { ...node('hello', 'message', { text: 'Hi' }), name: '   ' },
      ]);

      const flow = flowOf(parseFlowFile(text));
      expect(flow.nodes.map((n) => n.name)).toEqual(['Begin', undefined]);
      expect(flowOf(parseFlowFile(JSON.stringify(flow)))).toEqual(flow);
    });

    it('longer than 80 characters are refused, located at the node', () => {
      const text = flowFileText([{ ...node('start', 'start'), name: 'x'.repeat(81) }]);

      expect(errorsOf(parseFlowFile(text))).toEqual([
        {
          where: 'nodes[0] (id "start").name',
          message: 'A module name has at most 80 characters',
        },
      ]);
    });
  });

  it('reads a long message (12,000 characters, as flows saved earlier may hold)', () => {
    const text = 'Lorem ipsum. '.repeat(1000).slice(0, 12_000);
    const result = parseFlowFile(
      JSON.stringify({
        schemaVersion: 1,
        nodes: [
          { id: 'start', type: 'start', position: { x: 0, y: 0 } },
          { id: 'long', type: 'message', position: { x: 0, y: 100 }, data: { text } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'long' }],
      }),
    );
    expect(result.ok).toBe(true);
  });

  describe('a file React Flow wrote (toObject)', () => {
    it('imports the bare toObject() output, which has no schemaVersion, id or name', () => {
      const result = parseFlowFile(
        JSON.stringify({
          nodes: [
            {
              id: 'start',
              type: 'start',
              position: { x: 0, y: 0 },
              data: {},
              measured: { width: 240, height: 64 },
              selected: false,
              dragging: false,
            },
            {
              id: 'bye',
              type: 'message',
              position: { x: 0, y: 120 },
              data: { text: 'Bye' },
              width: 240,
              height: 64,
            },
          ],
          edges: [
            {
              id: 'e1',
              source: 'start',
              sourceHandle: null,
              target: 'bye',
              targetHandle: null,
            },
          ],
          viewport: { x: 0, y: 0, zoom: 1 },
        }),
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.flow.nodes.map((node) => node.id)).toEqual(['start', 'bye']);
      expect(result.flow.edges).toEqual([
        { id: 'e1', source: 'start', sourceHandle: 'out', target: 'bye' },
      ]);
      expect(result.flow.nodes[0]).not.toHaveProperty('measured');
    });

    it('reads null handles as the default output and drops view state', () => {
      const text = JSON.stringify({
        schemaVersion: 1,
        id: 'flow-rf',
        name: 'From React Flow',
        viewport: { x: 10, y: 20, zoom: 1.5 },
        nodes: [
          {
            id: 'start',
            type: 'start',
            position: { x: 0, y: 0 },
            data: {},
            measured: { width: 180, height: 60 },
            width: 180,
            height: 60,
            selected: false,
            dragging: false,
            positionAbsolute: { x: 0, y: 0 },
          },
          {
            id: 'hello',
            type: 'message',
            position: { x: 0, y: 120 },
            data: { text: 'Hi' },
            measured: { width: 180, height: 80 },
            selected: true,
          },
        ],
        edges: [
          {
            id: 'e1',
            source: 'start',
            sourceHandle: null,
            target: 'hello',
            targetHandle: null,
            selected: false,
            animated: false,
            type: 'default',
          },
        ],
      });

      expect(flowOf(parseFlowFile(text))).toEqual({
        schemaVersion: 1,
        id: 'flow-rf',
        name: 'From React Flow',
        settings: { approvedHosts: [] },
        nodes: [
          { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
          { id: 'hello', type: 'message', position: { x: 0, y: 120 }, data: { text: 'Hi' } },
        ],
        edges: [{ id: 'e1', source: 'start', sourceHandle: 'out', target: 'hello' }],
      });
    });

    it('still refuses a null handle where the module has no default output', () => {
      const text = flowFileText(
        [
          node('start', 'start'),
          node('branch', 'condition', {
            rules: [{ id: 'gold', variable: 'tier', operator: 'equals', value: 'gold' }],
          }),
          node('end', 'end'),
        ],
        [
          edge('e1', 'start', 'branch'),
          { id: 'e2', source: 'branch', sourceHandle: null, target: 'end' },
        ],
      );

      expect(errorsOf(parseFlowFile(text)).map((error) => error.where)).toEqual([
        'edges[1] (id "e2").sourceHandle',
      ]);
    });
  });

  describe('rejects the whole file', () => {
    it('when it is not JSON, quoting the parser', () => {
      const errors = errorsOf(parseFlowFile('{ "schemaVersion": 1, '));

      expect(errors).toHaveLength(1);
      expect(errors[0]?.where).toBe('');
      expect(errors[0]?.message).toMatch(/^The file is not valid JSON: ./);
    });

    it.each([
      ['an array', '[]'],
      ['a string', '"flow"'],
      ['a number', '1'],
      ['null', 'null'],
    ])('when it holds %s instead of an object', (_kind, text) => {
      expect(errorsOf(parseFlowFile(text))).toEqual([
        {
          where: '',
          message: 'A flow file holds one JSON object with schemaVersion, nodes, edges',
        },
      ]);
    });

    it('when schemaVersion is missing, saying which version is supported', () => {
      expect(errorsOf(parseFlowFile(JSON.stringify({ nodes: [] })))).toEqual([
        {
          where: 'schemaVersion',
          message: 'Missing schemaVersion; this Flowbench reads schemaVersion 1',
        },
      ]);
    });

    it.each([
      [2, 'Unsupported schemaVersion 2; this Flowbench reads schemaVersion 1'],
      ['1', 'Unsupported schemaVersion "1"; this Flowbench reads schemaVersion 1'],
      [null, 'Unsupported schemaVersion null; this Flowbench reads schemaVersion 1'],
    ])('when schemaVersion is %j, naming it and the supported one', (version, message) => {
      const text = JSON.stringify({ schemaVersion: version, nodes: [node('start', 'start')] });

      expect(errorsOf(parseFlowFile(text))).toEqual([{ where: 'schemaVersion', message }]);
    });
  });

  describe('locates', () => {
    it('an unknown module kind, naming it and listing the known kinds', () => {
      const text = flowFileText([node('start', 'start'), node('x', 'carousel')]);

      expect(errorsOf(parseFlowFile(text))).toEqual([
        {
          where: 'nodes[1] (id "x").type',
          message:
            'Unknown module kind "carousel"; known kinds: start, message, question, set-variable, condition, web-service, end',
        },
      ]);
    });

    it('a duplicate node id at the second node using it', () => {
      const text = flowFileText([node('start', 'start'), node('a', 'message'), node('a', 'end')]);

      expect(errorsOf(parseFlowFile(text))).toEqual([
        { where: 'nodes[2] (id "a").id', message: 'Duplicate node id "a"' },
      ]);
    });

    it('a duplicate edge id at the second edge using it', () => {
      const text = flowFileText(
        [node('start', 'start'), node('a', 'message'), node('b', 'end')],
        [edge('e', 'start', 'a'), edge('e', 'a', 'b')],
      );

      expect(errorsOf(parseFlowFile(text))).toEqual([
        { where: 'edges[1] (id "e").id', message: 'Duplicate edge id "e"' },
      ]);
    });

    it('an edge from a node that does not exist', () => {
      const text = flowFileText(
        [node('start', 'start'), node('end', 'end')],
        [edge('e1', 'ghost', 'end')],
      );

      expect(errorsOf(parseFlowFile(text))).toEqual([
        {
          where: 'edges[0] (id "e1").source',
          message: 'Edge "e1" starts at node "ghost", which does not exist',
        },
      ]);
    });

    it('an edge to a node that does not exist', () => {
      const text = flowFileText([node('start', 'start')], [edge('e1', 'start', 'ghost')]);

      expect(errorsOf(parseFlowFile(text))).toEqual([
        {
          where: 'edges[0] (id "e1").target',
          message: 'Edge "e1" leads to node "ghost", which does not exist',
        },
      ]);
    });

    it('an edge from a handle its node does not have, listing the handles it has', () => {
      const text = flowFileText(
        [
          node('start', 'start'),
          node('branch', 'condition', { rules: [{ id: 'gold', variable: 'tier' }] }),
          node('end', 'end'),
        ],
        [edge('e1', 'start', 'branch'), edge('e2', 'branch', 'end', 'silver')],
      );

      expect(errorsOf(parseFlowFile(text))).toEqual([
        {
          where: 'edges[1] (id "e2").sourceHandle',
          message: 'Node "branch" (condition) has no output "silver"; it has: gold, else',
        },
      ]);
    });

    it('an edge out of an End module, which has no outputs', () => {
      const text = flowFileText(
        [node('start', 'start'), node('end', 'end'), node('after', 'message')],
        [edge('e1', 'start', 'end'), edge('e2', 'end', 'after')],
      );

      expect(errorsOf(parseFlowFile(text))).toEqual([
        {
          where: 'edges[1] (id "e2").sourceHandle',
          message: 'Node "end" (end) has no output "out"; it has: none',
        },
      ]);
    });

    it('an edge into the Start module', () => {
      const text = flowFileText(
        [node('start', 'start'), node('a', 'message')],
        [edge('e1', 'start', 'a'), edge('back', 'a', 'start')],
      );

      expect(errorsOf(parseFlowFile(text))).toEqual([
        {
          where: 'edges[1] (id "back").target',
          message: 'Edge "back" leads into a start node, which takes no input',
        },
      ]);
    });

    it.each(['Email', 'nps-score', '2nd_answer', 'first name'])(
      'a variable name %j that is not lower snake_case',
      (variable) => {
        const text = flowFileText([node('start', 'start'), node('ask', 'question', { variable })]);

        expect(errorsOf(parseFlowFile(text))).toEqual([
          {
            where: 'nodes[1] (id "ask").data.variable',
            message: 'Use lower snake_case: a–z, 0–9 and _, starting with a letter',
          },
        ]);
      },
    );

    it('invalid variable names inside lists: assignments, rules and expected variables', () => {
      const text = flowFileText([
        node('start', 'start'),
        node('set', 'set-variable', { assignments: [{ variable: 'ok' }, { variable: 'Not OK' }] }),
        node('branch', 'condition', { rules: [{ id: 'r1', variable: 'Tier' }] }),
        node('call', 'web-service', { expectedVariables: ['fine', 'CustomerTier'] }),
      ]);

      expect(errorsOf(parseFlowFile(text)).map((error) => error.where)).toEqual([
        'nodes[1] (id "set").data.assignments[1].variable',
        'nodes[2] (id "branch").data.rules[0] (id "r1").variable',
        'nodes[3] (id "call").data.expectedVariables[1]',
      ]);
    });

    it.each(['ftp://example.org/hook', 'not a url', 'example.org/hook', 'file:///etc/passwd'])(
      'a WebService URL %j that is not http(s)',
      (url) => {
        const text = flowFileText([node('start', 'start'), node('call', 'web-service', { url })]);

        expect(errorsOf(parseFlowFile(text))).toEqual([
          {
            where: 'nodes[1] (id "call").data.url',
            message: 'Enter a full http:// or https:// URL',
          },
        ]);
      },
    );

    it.each(['http://localhost:8080/hook', 'https://api.example.org/v1/crm?x=1'])(
      'nothing wrong with the WebService URL %j',
      (url) => {
        const text = flowFileText([node('start', 'start'), node('call', 'web-service', { url })]);

        expect(parseFlowFile(text).ok).toBe(true);
      },
    );

    it('a node without a position, under its index and id', () => {
      const text = flowFileText([{ id: 'start', type: 'start' }]);

      expect(errorsOf(parseFlowFile(text)).map((error) => error.where)).toEqual([
        'nodes[0] (id "start").position',
      ]);
    });

    it('every graph problem of a file at once, not only the first', () => {
      const text = flowFileText(
        [node('start', 'start'), node('a', 'message'), node('a', 'message')],
        [edge('e1', 'start', 'nowhere'), edge('e2', 'a', 'start')],
      );

      expect(errorsOf(parseFlowFile(text)).map((error) => error.where)).toEqual([
        'nodes[2] (id "a").id',
        'edges[0] (id "e1").target',
        'edges[1] (id "e2").target',
      ]);
    });
  });
});
