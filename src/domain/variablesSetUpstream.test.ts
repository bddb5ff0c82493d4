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
