import { describe, expect, it } from 'vitest';
import { createDemoFlow } from './createFlows';
import { findChatBudgetProblems } from './findChatBudgetProblems';
import { findFlowProblems } from './findFlowProblems';
import {
  ask,
  call,
  chain,
  edge,
  end,
  flowOf,
  node,
  say,
  start,
} from './flowRunner/flowRunnerTestKit';

function budgetProblems(flow: Parameters<typeof findChatBudgetProblems>[0]) {
  return findChatBudgetProblems(flow).map((problem) => [problem.node.id, problem.message]);
}

describe('findChatBudgetProblems', () => {
  it('flags two WebService calls between two customer inputs', () => {
    const flow = chain(
      ask('ask', 'email'),
      call('crm', {}, 'crm-lookup'),
      say('wait', 'One moment'),
      call('score', {}, 'scoring'),
    );

    expect(budgetProblems(flow)).toEqual([
      ['score', 'May keep the customer waiting up to 40 s: crm-lookup, scoring'],
    ]);
  });

  it('shows the problem in the flow problems, at the module', () => {
    const flow = chain(call('crm', {}, 'crm-lookup'), call('score', {}, 'scoring'));

    expect(findFlowProblems(flow)).toContainEqual({
      key: 'score:May keep the customer waiting up to 40 s: crm-lookup, scoring',
      nodeId: 'score',
      nodeName: 'scoring',
      message: 'May keep the customer waiting up to 40 s: crm-lookup, scoring',
    });
  });

  it('accepts one call per stretch, a question between calls and queued calls', () => {
    expect(budgetProblems(chain(call('a'), ask('ask', 'x'), call('b')))).toEqual([]);
    expect(budgetProblems(chain(call('a'), call('b', { useRequestQueue: true })))).toEqual([]);
    expect(findChatBudgetProblems(createDemoFlow('http://127.0.0.1:4173'))).toEqual([]);
  });

  it('takes the longest branch and reports it once', () => {
    const flow = flowOf(
      [
        start(),
        call('a', {}, 'A'),
        node('split', 'condition', { rules: [{ id: 'r', variable: 'x', operator: 'is-set' }] }),
        call('b', {}, 'B'),
        call('c', {}, 'C'),
        say('short', 'no call'),
        end(),
      ],
      [
        edge('start', 'a'),
        edge('a', 'split'),
        edge('split', 'b', 'r'),
        edge('split', 'short', 'else'),
        edge('b', 'c'),
        edge('c', 'end'),
        edge('short', 'end'),
      ],
    );

    expect(budgetProblems(flow)).toEqual([
      ['c', 'May keep the customer waiting up to 60 s: A, B, C'],
    ]);
  });

  it('ends on a loop without a question, counting its calls once', () => {
    const flow = flowOf(
      [
        start(),
        call('a', {}, 'A'),
        call('b', {}, 'B'),
        node('again', 'condition', { rules: [{ id: 'r', variable: 'x', operator: 'is-set' }] }),
        end(),
      ],
      [
        edge('start', 'a'),
        edge('a', 'b'),
        edge('b', 'again'),
        edge('again', 'a', 'r'),
        edge('again', 'end', 'else'),
      ],
    );

    expect(budgetProblems(flow)).toEqual([['b', 'May keep the customer waiting up to 40 s: A, B']]);
  });

  it('stays linear on 5,000 modules: one problem for a long chain, its last names listed', () => {
    const calls = Array.from({ length: 5_000 }, (_, index) =>
      call(`c${index}`, {}, `call ${index}`),
    );

    const problems = budgetProblems(chain(...calls));

    expect(problems).toHaveLength(1);
    expect(problems[0]?.[0]).toBe('c4999');
    expect(problems[0]?.[1]).toMatch(
      /^May keep the customer waiting up to 100000 s: …, call 4992, .*, call 4999$/,
    );
  });
});
