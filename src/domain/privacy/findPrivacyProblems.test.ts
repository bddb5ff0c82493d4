import { describe, expect, it } from 'vitest';
import { createDemoFlow } from '../createFlows';
import { createFlowProblemFinder, findFlowProblems } from '../findFlowProblems';
import { ask, call, chainOf } from './testFlows';

const privacyProblemsOf = (flow: ReturnType<typeof chainOf>) =>
  findFlowProblems(flow)
    .filter((problem) => problem.message.startsWith('Sends personal data'))
    .map((problem) => `${problem.nodeName}: ${problem.message}`);

describe('privacy problems', () => {
  it('flags personal data over plain http to another machine, naming what is sent', () => {
    const flow = chainOf([
      ask('ask-mail', 'work_email', { inputType: 'email' }),
      call('hook', 'http://crm.example.org/hook'),
    ]);

    expect(privacyProblemsOf(flow)).toEqual([
      'WebService hook: Sends personal data (work_email, auth_email, birthdate and 11 more) over plain http:// to crm.example.org; use https://',
    ]);
  });

  it('accepts https, and plain http to this machine', () => {
    const flow = chainOf([
      call('secure', 'https://crm.example.org/hook'),
      call('local', 'http://127.0.0.1:8080/hook'),
      call('named-local', 'http://localhost:8080/hook'),
      call('unset', ''),
    ]);

    expect(privacyProblemsOf(flow)).toEqual([]);
  });

  it('checks hosts against Approved hosts only when the flow lists some', () => {
    const calls = [
      call('approved', 'https://crm.example.org/hook'),
      call('elsewhere', 'https://tracker.example.net/hook'),
    ];

    expect(privacyProblemsOf(chainOf(calls))).toEqual([]);
    expect(privacyProblemsOf(chainOf(calls, ['*.example.org']))).toEqual([
      'WebService elsewhere: Sends personal data (auth_email, birthdate, city and 10 more) to tracker.example.net, which is not in Approved hosts (Privacy report)',
    ]);
    expect(privacyProblemsOf(chainOf(calls, ['*.example.org', 'tracker.example.net']))).toEqual([]);
  });

  it('reports both when an unapproved host is also reached over plain http', () => {
    const flow = chainOf([call('hook', 'http://crm.example.net/hook')], ['api.example.org']);

    expect(privacyProblemsOf(flow)).toHaveLength(2);
  });

  it('leaves the demo flow without privacy problems', () => {
    const demo = createDemoFlow('http://127.0.0.1:4173');

    expect(findFlowProblems(demo)).toEqual([]);
  });

  it('follows a URL typed one key at a time as a fresh search does, for that call and the rest', () => {
    const typed = (first: string, second: string) =>
      chainOf([
        ask('ask-mail', 'work_email', { inputType: 'email' }),
        call('first', first),
        call('second', second),
      ]);
    const steps = [
      typed('https://crm.example.org/hook', 'http://127.0.0.1/hook'),
      typed('http://crm.example.org/hook', 'http://127.0.0.1/hook'),
      typed('http://crm.example.org/hook', 'http://tracker.example.net/hook'),
      typed('https://crm.example.org/hook', 'http://tracker.example.net/hook'),
      typed('https://crm.example.org/hook', 'https://tracker.example.net/hook'),
    ];
    const find = createFlowProblemFinder();

    const found = steps.map((flow) => find(flow, new Map()).problems);

    expect(found).toEqual(steps.map((flow) => findFlowProblems(flow)));
    const callsAtFault = found.map((problems) =>
      problems
        .filter((problem) => problem.message.startsWith('Sends personal data'))
        .map((problem) => problem.nodeId),
    );
    expect(callsAtFault).toEqual([[], ['first'], ['first', 'second'], ['second'], []]);
  });
});
