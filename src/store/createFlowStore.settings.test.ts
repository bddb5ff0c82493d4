import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flowDocumentSchema } from '../domain/flowDocumentSchema';
import { flowFromCanvas } from './appNode';
import { createFlowStore } from './createFlowStore';
import { selectFlowProblems } from './selectFlowProblems';

function flowWithCall(approvedHosts: string[] = []) {
  return flowDocumentSchema.parse({
    schemaVersion: 1,
    id: 'flow-settings',
    name: 'Settings',
    settings: { approvedHosts },
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'hook',
        type: 'web-service',
        position: { x: 0, y: 100 },
        data: { url: 'https://crm.example.org/hook' },
      },
      { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'hook' },
      { id: 'e2', source: 'hook', target: 'end' },
    ],
  });
}

const approvalProblems = (store: ReturnType<typeof createFlowStore>) =>
  selectFlowProblems(store.getState()).filter((problem) =>
    problem.message.includes('not in Approved hosts'),
  );

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-01-01T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('flow settings in the store', () => {
  it('starts from the file and writes the approved hosts back into it', () => {
    const store = createFlowStore(flowWithCall(['crm.example.org']));

    store.getState().updateFlowSettings({ approvedHosts: ['crm.example.org', 'api.example.net'] });

    expect(flowFromCanvas(store.getState()).settings).toEqual({
      approvedHosts: ['crm.example.org', 'api.example.net'],
    });
  });

  it('undoes and redoes a change of approved hosts, with the problems following', () => {
    const store = createFlowStore(flowWithCall());

    store.getState().updateFlowSettings({ approvedHosts: ['api.example.net'] });
    expect(approvalProblems(store)).toHaveLength(1);

    store.getState().undo();
    expect(store.getState().settings.approvedHosts).toEqual([]);
    expect(approvalProblems(store)).toHaveLength(0);

    store.getState().redo();
    expect(store.getState().settings.approvedHosts).toEqual(['api.example.net']);
    expect(approvalProblems(store)).toHaveLength(1);
  });

  it('groups typing into the hosts field by word, like other text', () => {
    const store = createFlowStore(flowWithCall());
    const type = (hosts: string[]) =>
      store.getState().updateFlowSettings({ approvedHosts: hosts }, 'approvedHosts');

    type(['a']);
    type(['a.example.org']);
    type(['a.example.org', 'b']);
    type(['a.example.org', 'b.example.org']);

    store.getState().undo();
    expect(store.getState().settings.approvedHosts).toEqual(['a.example.org']);
    store.getState().undo();
    expect(store.getState().settings.approvedHosts).toEqual([]);
  });

  it('loads another flow with its own settings and no history', () => {
    const store = createFlowStore(flowWithCall(['crm.example.org']));

    store.getState().loadFlow(flowWithCall());

    expect(store.getState().settings.approvedHosts).toEqual([]);
    store.getState().undo();
    expect(store.getState().settings.approvedHosts).toEqual([]);
  });
});
