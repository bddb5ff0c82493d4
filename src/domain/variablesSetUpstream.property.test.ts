import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowNodeSchema } from '../modules/moduleDefinitions';
import type { FlowGraph } from './flowGraph';
import { variablesSetUpstream } from './variablesSetUpstream';

/**
 * Random flows: starts, questions that set names from a pool (so names repeat, and a large pool
 * spreads them over many words), messages, and random connections — loops, joins, modules no
 * start reaches.
 */
const randomFlow = fc
  .record({
    kinds: fc.array(fc.constantFrom('start', 'question', 'question', 'message'), {
      minLength: 1,
      maxLength: 40,
    }),
    pool: fc.constantFrom(5, 40, 700),
    names: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 80 }),
  })
  .map(({ kinds, pool, names, edges }): FlowGraph => {
    const nodes = kinds.map((type, index) =>
      flowNodeSchema.parse({
        id: `n${index}`,
        type,
        position: { x: 0, y: index * 100 },
        data: type === 'question' ? { variable: `v${(names[index] ?? 0) % pool}` } : {},
      }),
    );
    return {
      nodes,
      edges: edges.map(([source, target]) => ({
        source: `n${source % nodes.length}`,
        sourceHandle: 'out',
        target: `n${target % nodes.length}`,
      })),
    };
  });

/**
 * The definition, computed the plain way: a node's names are those its predecessors had or set,
 * until nothing changes; for a node a chat reaches, only predecessors a chat reaches count.
 */
function namesBeforeByDefinition(graph: FlowGraph): Map<string, Set<string>> {
  const reached = new Set(graph.nodes.filter((node) => node.type === 'start').map((n) => n.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const edge of graph.edges) {
      if (reached.has(edge.source) && !reached.has(edge.target)) {
        reached.add(edge.target);
        grew = true;
      }
    }
  }
  const own = new Map(
    graph.nodes.map((node) => [
      node.id,
      node.type === 'question' && node.data.variable ? [node.data.variable] : [],
    ]),
  );
  const before = new Map(graph.nodes.map((node) => [node.id, new Set<string>()]));
  for (let grew = true; grew;) {
    grew = false;
    for (const edge of graph.edges) {
      if (reached.has(edge.target) && !reached.has(edge.source)) continue;
      const into = before.get(edge.target)!;
      for (const name of [...before.get(edge.source)!, ...own.get(edge.source)!]) {
        if (!into.has(name)) {
          into.add(name);
          grew = true;
        }
      }
    }
  }
  return before;
}

describe('variablesSetUpstream, possibly set, against its definition', () => {
  it('finds the same names before every module of random flows', () => {
    fc.assert(
      fc.property(randomFlow, (graph) => {
        const upstream = variablesSetUpstream(graph);
        const expected = namesBeforeByDefinition(graph);
        const among = new Set(['v1', 'v3', 'v38', 'v699', 'not_set']);
        for (const node of graph.nodes) {
          const names = [...expected.get(node.id)!].sort();
          expect(upstream.namesBefore(node.id)).toEqual(names);
          for (const name of ['v0', 'v1', 'v4', 'v39', 'v650']) {
            expect(upstream.mayBeSet(node.id, name)).toBe(names.includes(name));
          }
          const inAmong = names.filter((name) => among.has(name));
          expect(upstream.namesBeforeAmong(node.id, among)).toEqual(inAmong);
          expect(upstream.countBeforeAmong(node.id, among, 2).count).toBe(inAmong.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
