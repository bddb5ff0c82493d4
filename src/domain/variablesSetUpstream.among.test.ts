import { describe, expect, it } from 'vitest';
import { flowDocumentSchema } from './flowDocumentSchema';
import { variablesSetUpstream } from './variablesSetUpstream';

/** start → q1 … q70 (each setting v1 … v70) → end: names span three 32-bit words. */
function longChain(length = 70) {
  const ids = ['start', ...Array.from({ length }, (_, index) => `q${index + 1}`), 'end'];
  return flowDocumentSchema.parse({
    schemaVersion: 1,
    id: 'f',
    name: 'Long chain',
    nodes: ids.map((id, index) => ({
      id,
      type: id === 'start' ? 'start' : id === 'end' ? 'end' : 'question',
      position: { x: 0, y: index * 100 },
      data: id.startsWith('q') ? { variable: `v${id.slice(1)}` } : {},
    })),
    edges: ids.slice(1).map((target, index) => ({ id: `e${index}`, source: ids[index], target })),
  });
}

describe('variablesSetUpstream, restricted to a set of names', () => {
  const flow = longChain();
  const upstream = variablesSetUpstream(flow);
  const among = new Set(['v2', 'v33', 'v40', 'v64', 'v65', 'v70', 'not_in_flow']);

  it('lists the names of the set possibly set before a node, sorted, across words', () => {
    expect(upstream.namesBeforeAmong('end', among)).toEqual([
      'v2',
      'v33',
      'v40',
      'v64',
      'v65',
      'v70',
    ]);
    expect(upstream.namesBeforeAmong('q65', among)).toEqual(['v2', 'v33', 'v40', 'v64']);
    expect(upstream.namesBeforeAmong('q2', among)).toEqual([]);
    expect(upstream.namesBeforeAmong('missing', among)).toEqual([]);
  });

  it('agrees with namesBefore filtered by the set', () => {
    for (const node of flow.nodes) {
      expect(upstream.namesBeforeAmong(node.id, among)).toEqual(
        upstream.namesBefore(node.id).filter((name) => among.has(name)),
      );
    }
  });

  it('counts them and names the first few in the order the flow sets them', () => {
    expect(upstream.countBeforeAmong('end', among, 3)).toEqual({
      count: 6,
      first: ['v2', 'v33', 'v40'],
    });
    expect(upstream.countBeforeAmong('q41', among, 5)).toEqual({
      count: 3,
      first: ['v2', 'v33', 'v40'],
    });
    expect(upstream.countBeforeAmong('start', among, 3)).toEqual({ count: 0, first: [] });
  });
});
