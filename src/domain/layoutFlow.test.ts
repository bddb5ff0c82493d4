import { describe, expect, it } from 'vitest';
import { createDemoFlow } from './createFlows';
import { flowDocumentSchema, type FlowDocument } from './flowDocumentSchema';
import { layoutFlow } from './layoutFlow';
import { defaultModuleSize, modulesOverlap, type SizeOf } from './moduleBoxes';

const at = { x: 0, y: 0 };

function sizesOf(flow: FlowDocument): SizeOf {
  const kinds = new Map(flow.nodes.map((node) => [node.id, node.type]));
  return (id) => defaultModuleSize(kinds.get(id) ?? 'message');
}

function laidOut(flow: FlowDocument) {
  const positions = layoutFlow(flow, sizesOf(flow));
  const nodes = flow.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? at }));
  const position = (id: string) => {
    const found = positions.get(id);
    if (!found) throw new Error(`No position for ${id}`);
    return found;
  };
  return { nodes, position };
}

/**
 * start → ask → `branches` conditions in a chain: each condition's rules `a`, `b` and else
 * lead to messages that join again at the next condition; all modules sit at 0,0.
 */
function generatedFlow(branches: number): FlowDocument {
  const nodes: object[] = [{ id: 'start', type: 'start', position: at }];
  const edges: object[] = [];
  let previous = 'start';
  for (let index = 0; index < branches; index += 1) {
    const condition = `if-${index}`;
    nodes.push({
      id: condition,
      type: 'condition',
      position: at,
      data: {
        rules: [
          { id: 'a', variable: 'tier', value: 'a' },
          { id: 'b', variable: 'tier', value: 'b' },
        ],
      },
    });
    edges.push({ id: `to-${condition}`, source: previous, target: condition });
    const join = `join-${index}`;
    nodes.push({ id: join, type: 'set-variable', position: at });
    for (const output of ['a', 'b', 'else']) {
      const branch = `${condition}-${output}`;
      nodes.push({ id: branch, type: 'message', position: at, data: { text: output } });
      edges.push({ id: `e-${branch}`, source: condition, sourceHandle: output, target: branch });
      edges.push({ id: `e-${branch}-join`, source: branch, target: join });
    }
    previous = join;
  }
  nodes.push({ id: 'end', type: 'end', position: at });
  edges.push({ id: 'to-end', source: previous, target: 'end' });
  return flowDocumentSchema.parse({ schemaVersion: 1, id: 'g', name: 'G', nodes, edges });
}

describe('modulesOverlap', () => {
  const size: SizeOf = () => ({ width: 100, height: 50 });

  it('sees boxes that share area', () => {
    expect(
      modulesOverlap(
        [
          { id: 'a', position: { x: 0, y: 0 } },
          { id: 'b', position: { x: 99, y: 49 } },
        ],
        size,
      ),
    ).toBe(true);
  });

  it('does not count boxes that only touch or stand apart', () => {
    expect(
      modulesOverlap(
        [
          { id: 'a', position: { x: 0, y: 0 } },
          { id: 'b', position: { x: 100, y: 0 } },
          { id: 'c', position: { x: 0, y: 50 } },
          { id: 'd', position: { x: 300, y: 300 } },
        ],
        size,
      ),
    ).toBe(false);
  });

  it('sees a box far down the list overlapping the first', () => {
    const nodes = [
      { id: 'first', position: { x: 0, y: 0 } },
      ...Array.from({ length: 20 }, (_, index) => ({
        id: `n${index}`,
        position: { x: 0, y: 200 + index * 60 },
      })),
      { id: 'last', position: { x: 50, y: 10 } },
    ];
    expect(modulesOverlap(nodes, size)).toBe(true);
  });
});

describe('layoutFlow', () => {
  it('lays the demo flow out without overlaps, top to bottom along the chat', () => {
    const demo = createDemoFlow('http://127.0.0.1:4173');
    const { nodes, position } = laidOut(demo);

    expect(modulesOverlap(nodes, sizesOf(demo))).toBe(false);
    const order = ['start', 'welcome', 'ask-email', 'ask-nps', 'crm-lookup', 'is-gold'];
    for (let index = 1; index < order.length; index += 1) {
      expect(position(order[index] ?? '').y).toBeGreaterThan(position(order[index - 1] ?? '').y);
    }
    expect(position('thanks-gold').y).toBeGreaterThan(position('is-gold').y);
    expect(position('end').y).toBeGreaterThan(position('thanks-other').y);
  });

  it("puts a condition's rule branch left of its else branch, side by side", () => {
    const { position } = laidOut(createDemoFlow('http://127.0.0.1:4173'));

    expect(position('thanks-gold').x).toBeLessThan(position('thanks-other').x);
    expect(position('thanks-gold').y).toBe(position('thanks-other').y);
  });

  it('untangles a generated flow of conditions that all sat at 0,0', () => {
    const flow = generatedFlow(6);
    expect(modulesOverlap(flow.nodes, sizesOf(flow))).toBe(true);

    const { nodes, position } = laidOut(flow);

    expect(modulesOverlap(nodes, sizesOf(flow))).toBe(false);
    for (let index = 0; index < 6; index += 1) {
      const branch = (output: string) => position(`if-${index}-${output}`);
      expect(branch('a').x).toBeLessThan(branch('b').x);
      expect(branch('b').x).toBeLessThan(branch('else').x);
      expect(branch('a').y).toBeGreaterThan(position(`if-${index}`).y);
      expect(position(`join-${index}`).y).toBeGreaterThan(branch('else').y);
    }
    expect(position('end').y).toBeGreaterThan(position('join-5').y);
  });

  it('uses the sizes it is given, so tall measured modules do not overlap either', () => {
    const flow = generatedFlow(2);
    const tall: SizeOf = (id) =>
      id.endsWith('-b') ? { width: 400, height: 300 } : sizesOf(flow)(id);

    const positions = layoutFlow(flow, tall);
    const nodes = flow.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? at }));

    expect(modulesOverlap(nodes, tall)).toBe(false);
  });

  it("keeps the flow's top-left corner where it was", () => {
    const demo = createDemoFlow('http://127.0.0.1:4173');
    const { nodes } = laidOut(demo);

    const left = (list: typeof nodes) => Math.min(...list.map((node) => node.position.x));
    const top = (list: typeof nodes) => Math.min(...list.map((node) => node.position.y));
    expect(left(nodes)).toBeCloseTo(left(demo.nodes));
    expect(top(nodes)).toBeCloseTo(top(demo.nodes));
  });

  it('lays out a flow whose branches contradict each other and a loop, without overlaps', () => {
    const flow = flowDocumentSchema.parse({
      schemaVersion: 1,
      id: 'x',
      name: 'X',
      nodes: [
        { id: 'start', type: 'start', position: at },
        {
          id: 'one',
          type: 'condition',
          position: at,
          data: { rules: [{ id: 'r', variable: 'v', value: '1' }] },
        },
        {
          id: 'two',
          type: 'condition',
          position: at,
          data: { rules: [{ id: 'r', variable: 'v', value: '2' }] },
        },
        { id: 'left', type: 'message', position: at },
        { id: 'right', type: 'message', position: at },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'one' },
        { id: 'b', source: 'one', sourceHandle: 'r', target: 'left' },
        { id: 'c', source: 'one', sourceHandle: 'else', target: 'two' },
        { id: 'd', source: 'two', sourceHandle: 'r', target: 'right' },
        { id: 'e', source: 'two', sourceHandle: 'else', target: 'left' },
        { id: 'f', source: 'left', target: 'one' },
      ],
    });

    const { nodes } = laidOut(flow);

    expect(modulesOverlap(nodes, sizesOf(flow))).toBe(false);
  });
});
