import { describe, expect, it } from 'vitest';
import { createDemoFlow } from './createFlows';
import { findModules, type FindableNode } from './findModules';
import { flowDocumentSchema } from './flowDocumentSchema';

const demo = createDemoFlow('http://127.0.0.1:4173');

function idsFound(nodes: readonly FindableNode[], query: string): string[] {
  return findModules(nodes, query).map((match) => match.nodeId);
}

function nodesOf(nodes: object[]): FindableNode[] {
  return flowDocumentSchema.parse({ schemaVersion: 1, id: 'f', name: 'F', nodes, edges: [] }).nodes;
}

describe('findModules', () => {
  it('finds a module by its name, ignoring case, and says it matched the name', () => {
    expect(findModules(demo.nodes, 'crm LOOKUP')).toEqual([
      {
        nodeId: 'crm-lookup',
        name: 'CRM lookup',
        matched: [{ field: 'Name', text: 'CRM lookup' }],
      },
    ]);
  });

  it('finds a module without a name by its kind and id', () => {
    expect(idsFound(demo.nodes, 'start start')).toEqual(['start']);
  });

  it('finds message texts and question prompts', () => {
    expect(findModules(demo.nodes, 'recommend')).toEqual([
      {
        nodeId: 'ask-nps',
        name: 'Ask NPS',
        matched: [{ field: 'Prompt', text: 'How likely are you to recommend us to a friend?' }],
      },
    ]);
    expect(idsFound(demo.nodes, 'two quick questions')).toEqual(['welcome']);
  });

  it('finds URLs', () => {
    expect(findModules(demo.nodes, '/demo/crm')[0]?.matched).toEqual([
      { field: 'URL', text: 'http://127.0.0.1:4173/demo/crm-lookup' },
    ]);
  });

  it('finds the modules that set and use a variable, walking down the flow', () => {
    const matches = findModules(demo.nodes, 'firstname');

    expect(matches.map((match) => match.nodeId)).toEqual(['crm-lookup', 'thanks-gold']);
    expect(matches[0]?.matched).toEqual([{ field: 'Sets variable', text: 'firstname' }]);
    expect(matches[1]?.matched).toEqual([
      {
        field: 'Text',
        text: 'Thank you, {{firstname}}! As a gold customer your next delivery is on us.',
      },
      { field: 'Uses variable', text: 'firstname' },
    ]);
  });

  it('finds rule values and condition variables', () => {
    expect(findModules(demo.nodes, 'gold').map((match) => match.nodeId)).toEqual([
      // Named matches first, then reading order.
      'is-gold',
      'thanks-gold',
    ]);
    expect(findModules(demo.nodes, 'customer_tier').map((match) => match.nodeId)).toEqual([
      'crm-lookup',
      'is-gold',
    ]);
  });

  it('finds option lines and set-variable values', () => {
    const nodes = nodesOf([
      {
        id: 'pick',
        type: 'question',
        position: { x: 0, y: 100 },
        data: { inputType: 'single-choice', options: ['Pizza', 'Pasta'] },
      },
      {
        id: 'remember',
        type: 'set-variable',
        position: { x: 0, y: 0 },
        data: { assignments: [{ variable: 'dish', value: 'pasta al forno' }] },
      },
    ]);

    expect(findModules(nodes, 'pasta')).toEqual([
      {
        nodeId: 'remember',
        name: 'Set variable remember',
        matched: [{ field: 'Value', text: 'pasta al forno' }],
      },
      { nodeId: 'pick', name: 'Question pick', matched: [{ field: 'Option', text: 'Pasta' }] },
    ]);
  });

  it('orders left to right within a row, and finds nothing for a blank query or no match', () => {
    const nodes = nodesOf([
      { id: 'right', type: 'message', position: { x: 300, y: 0 }, data: { text: 'Hello' } },
      { id: 'left', type: 'message', position: { x: -300, y: 0 }, data: { text: 'Hello' } },
    ]);

    expect(idsFound(nodes, 'hello')).toEqual(['left', 'right']);
    expect(idsFound(nodes, '   ')).toEqual([]);
    expect(idsFound(nodes, 'goodbye')).toEqual([]);
  });

  it('does not search the authorization header (a secret)', () => {
    const nodes = nodesOf([
      {
        id: 'ws',
        type: 'web-service',
        position: { x: 0, y: 0 },
        data: { authorization: 'Bearer s3cret' },
      },
    ]);

    expect(idsFound(nodes, 's3cret')).toEqual([]);
  });
});
