import { describe, expect, it } from 'vitest';
import { defaultDataOf } from '../modules/moduleDefinitions';
import { reachableFrom, successorsById, type FlowGraph } from './flowGraph';

function graphOf(ids: string[], links: [string, string][]): FlowGraph {
  return {
    nodes: ids.map((id) => ({ id, type: 'message', data: defaultDataOf('message') })),
    edges: links.map(([source, target]) => ({ source, target })),
  };
}

describe('flowGraph', () => {
  const graph = graphOf(
    ['a', 'b', 'c', 'd', 'island'],
    [
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'd'],
      ['c', 'd'],
      ['d', 'a'],
    ],
  );

  it('lists each node’s successors, with an entry for every node', () => {
    expect(Object.fromEntries(successorsById(graph))).toEqual({
      a: ['b', 'c'],
      b: ['d'],
      c: ['d'],
      d: ['a'],
      island: [],
    });
  });

  it('reaches everything downstream of the starts, including the starts, through loops', () => {
    expect([...reachableFrom(['b'], graph)].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reaches nothing but the starts when they have no edges', () => {
    expect([...reachableFrom(['island'], graph)]).toEqual(['island']);
    expect([...reachableFrom([], graph)]).toEqual([]);
  });

  it('ignores edges from nodes that are not in the graph', () => {
    const withDangling: FlowGraph = {
      nodes: graph.nodes,
      edges: [...graph.edges, { source: 'ghost', target: 'island' }],
    };

    expect(reachableFrom(['a'], withDangling).has('island')).toBe(false);
  });
});
