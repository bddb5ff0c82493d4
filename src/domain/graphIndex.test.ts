import { describe, expect, it } from 'vitest';
import type { FlowGraph } from './flowGraph';
import { flowOf, say, start } from './flowRunner/flowRunnerTestKit';
import { indexGraph, type Adjacency } from './graphIndex';

/** Modules s, a, b with these connections, as they may stand while being edited. */
function graphOf(...edges: [string, string][]): FlowGraph {
  const { nodes } = flowOf([start('s'), say('a', 'A'), say('b', 'B')]);
  return { nodes, edges: edges.map(([source, target]) => ({ source, target })) };
}

function rows(adjacency: Adjacency): number[][] {
  return Array.from({ length: adjacency.starts.length - 1 }, (_, node) => [
    ...adjacency.items.subarray(adjacency.starts[node], adjacency.starts[node + 1]),
  ]);
}

describe('indexGraph', () => {
  it('lists each module’s neighbours by position, in edge order, once per parallel edge', () => {
    const graph = graphOf(['s', 'b'], ['s', 'a'], ['a', 'b'], ['a', 'b'], ['b', 'a']);

    const index = indexGraph(graph);

    expect(index.positionOf.get('b')).toBe(2);
    expect(rows(index.successors)).toEqual([[2, 1], [2, 2], [1]]);
    expect(rows(index.predecessors)).toEqual([[], [0, 2], [0, 1, 1]]);
  });

  it('keeps a connection to a missing module out of the neighbours but marks its known end', () => {
    const graph = graphOf(['s', 'a'], ['a', 'gone'], ['gone', 'b']);

    const index = indexGraph(graph);

    expect([...index.edgeSources]).toEqual([0, 1, -1]);
    expect([...index.edgeTargets]).toEqual([1, -1, 2]);
    expect(rows(index.successors)).toEqual([[1], [], []]);
    expect(rows(index.predecessors)).toEqual([[], [0], []]);
  });
});
