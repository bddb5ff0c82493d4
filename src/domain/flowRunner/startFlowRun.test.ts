import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flowDocumentSchema';
import type { FlowRunState } from './flowRunState';
import { ask, assign, call, chain, edge, end, flowOf, node, say, start } from './flowRunnerTestKit';
import { createManualClock } from './manualClock';
import { startFlowRun, type FlowRunOptions } from './startFlowRun';
import { startingValuesAt } from './startingValuesAt';
import type { WebServiceCaller } from './webServiceCallResults';

const neverCalled: WebServiceCaller = () => Promise.reject(new Error('no call expected'));

function run(flow: FlowDocument, options: Partial<FlowRunOptions> = {}) {
  return startFlowRun({ flow, callWebService: neverCalled, variables: {}, ...options });
}

function botTexts(state: FlowRunState): string[] {
  return state.transcript.filter((m) => m.from === 'bot').map((m) => m.text);
}

function valueOf(state: FlowRunState, name: string): string | undefined {
  return state.variables.find((v) => v.name === name)?.value;
}

function notes(state: FlowRunState): string[] {
  return state.stepLog.flatMap((entry) => entry.notes.map((n) => n.text));
}

describe('startFlowRun: module kinds', () => {
  it('enters at Start, says messages with placeholders filled and ends at End', async () => {
    const flow = chain(say('hello', 'Hello {{firstname}}!'));

    const state = await run(flow, { variables: { firstname: 'Ada' } }).settled();

    expect(botTexts(state)).toEqual(['Hello Ada!']);
    expect(state.status).toEqual({ kind: 'ended', reason: 'The chat reached an End module.' });
    expect(state.stepLog.map((e) => e.moduleId)).toEqual(['start', 'hello', 'end']);
    expect(state.edgesTaken).toEqual(['start:out->hello', 'hello:out->end']);
    expect(state.currentModuleId).toBe('end');
  });

  it('shows an unset variable as empty and notes it in the step log', async () => {
    const state = await run(chain(say('hello', 'Hi {{nickname}}, welcome'))).settled();

    expect(botTexts(state)).toEqual(['Hi , welcome']);
    const entry = state.stepLog.find((e) => e.moduleId === 'hello');
    expect(entry?.notes).toEqual([
      { tone: 'warning', text: '{{nickname}} is not set, so it shows as empty.' },
    ]);
  });

  it('sets variables row by row, a later row using an earlier one', async () => {
    const flow = chain(
      assign('set', ['code', 'SAVE{{score}}'], ['label', '{{code}}!']),
      say('show', '{{label}}'),
    );

    const state = await run(flow, { variables: { score: '9' } }).settled();

    expect(botTexts(state)).toEqual(['SAVE9!']);
    const code = state.variables.find((v) => v.name === 'code');
    expect(code).toMatchObject({ value: 'SAVE9', scope: 'flow', webServiceChange: null });
    expect(code?.setBy).toEqual({ moduleId: 'set', moduleName: 'Set variable set' });
  });

  it('marks customer variables by scope', async () => {
    const state = await run(chain(assign('set', ['firstname', 'Ada'], ['order', '7']))).settled();

    expect(state.variables.find((v) => v.name === 'firstname')?.scope).toBe('customer');
    expect(state.variables.find((v) => v.name === 'order')?.scope).toBe('flow');
  });

  it('starts from the sample customer when no values are given', async () => {
    const flow = chain(say('hello', 'Hello {{firstname}} {{lastname}}'));

    const state = await startFlowRun({ flow, callWebService: neverCalled }).settled();

    expect(botTexts(state)).toEqual(['Hello John Smith']);
  });

  it('ends with a note when an output leads nowhere', async () => {
    const flow = flowOf(
      [start(), node('hello', 'message', { text: 'Hi' }, 'Greeting')],
      [edge('start', 'hello')],
    );

    const state = await run(flow).settled();

    expect(state.status).toEqual({
      kind: 'ended',
      reason: "Greeting's output leads nowhere, so the chat ends here.",
    });
    expect(notes(state)).toContain("Greeting's output leads nowhere, so the chat ends here.");
  });

  it('says that the flow has no Start module', async () => {
    const state = await run(flowOf([say('hello', 'Hi')])).settled();

    expect(state.status).toEqual({ kind: 'ended', reason: 'The flow has no Start module.' });
  });
});

describe('startFlowRun: questions', () => {
  it('waits for the answer, stores it as a string and goes on', async () => {
    const flow = chain(ask('ask', 'nickname'), say('hello', 'Hi {{nickname}}'));
    const preview = run(flow);

    const asked = await preview.settled();
    expect(asked.status).toMatchObject({
      kind: 'awaiting-answer',
      moduleId: 'ask',
      prompt: 'Your nickname?',
      inputType: 'text',
      choices: [],
    });

    const state = await preview.answer('  Ada  ');
    expect(valueOf(state, 'nickname')).toBe('Ada');
    expect(botTexts(state)).toEqual(['Your nickname?', 'Hi Ada']);
    expect(state.transcript.map((m) => m.from)).toEqual(['bot', 'customer', 'bot']);
    expect(state.transcript[1]).toMatchObject({ text: '  Ada  ', moduleId: 'ask', turn: 1 });
    expect(state.status.kind).toBe('ended');
  });

  it('overwrites a variable the customer already had', async () => {
    const flow = chain(ask('ask', 'email', 'email'));
    const preview = run(flow, { variables: { email: 'old@example.org' } });
    await preview.settled();

    const state = await preview.answer('new@example.org');

    expect(valueOf(state, 'email')).toBe('new@example.org');
    expect(state.variables.find((v) => v.name === 'email')?.setBy?.moduleId).toBe('ask');
  });

  it.each([
    ['text', [], ['   '], 'Sample'],
    ['email', [], ['not-an-email', 'a@b'], 'ada@example.org'],
    ['number', [], ['forty', '4 2'], '42.5'],
    ['nps', [], ['11', '7.5', '-1'], '10'],
    ['single-choice', ['Red', 'Green'], ['Blue'], 'Green'],
  ])(
    're-prompts on an invalid %s answer and takes a valid one',
    async (inputType, options, invalid, valid) => {
      const preview = run(chain(ask('ask', 'answer', inputType, options)));
      await preview.settled();

      for (const answer of invalid) {
        const refused = await preview.answer(answer);
        expect(refused.status.kind).toBe('awaiting-answer');
        expect(valueOf(refused, 'answer')).toBeUndefined();
        expect(botTexts(refused).at(-1)).toBe('Your answer?');
      }
      const state = await preview.answer(valid);

      expect(valueOf(state, 'answer')).toBe(valid);
      expect(state.status.kind).toBe('ended');
      expect(notes(state).filter((text) => text.startsWith('Refused'))).toHaveLength(
        invalid.length,
      );
    },
  );

  it('offers the 11 NPS scores and the options of a single choice as quick replies', async () => {
    const nps = await run(chain(ask('ask', 'score', 'nps'))).settled();
    const choice = await run(
      chain(ask('ask', 'colour', 'single-choice', ['Red', ' ', 'Blue'])),
    ).settled();

    expect(nps.status).toMatchObject({
      choices: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
    });
    expect(choice.status).toMatchObject({ choices: ['Red', 'Blue'] });
  });

  it('stores the option as the author wrote it, whatever the case typed', async () => {
    const preview = run(chain(ask('ask', 'colour', 'single-choice', ['Dark Blue'])));
    await preview.settled();

    expect(valueOf(await preview.answer('dark blue'), 'colour')).toBe('Dark Blue');
  });

  it('ignores an answer when no question waits', async () => {
    const preview = run(chain(say('hello', 'Hi')));
    await preview.settled();

    const state = await preview.answer('hello?');

    expect(state.transcript.filter((m) => m.from === 'customer')).toEqual([]);
  });
});

describe('startFlowRun: conditions', () => {
  const branchFlow = (
    rules: { id: string; variable: string; operator?: string; value?: string }[],
  ) =>
    flowOf(
      [
        start(),
        node('check', 'condition', { rules }),
        say('yes', 'first'),
        say('also', 'second'),
        say('no', 'else'),
        end(),
      ],
      [
        edge('start', 'check'),
        edge('check', 'yes', 'r1'),
        ...(rules.some((rule) => rule.id === 'r2') ? [edge('check', 'also', 'r2')] : []),
        edge('check', 'no', 'else'),
        edge('yes', 'end'),
        edge('also', 'end'),
        edge('no', 'end'),
      ],
    );

  async function branchTaken(
    rule: { operator: string; value?: string },
    value: string | undefined,
  ): Promise<string> {
    const flow = branchFlow([{ id: 'r1', variable: 'v', value: '', ...rule }]);
    const state = await run(flow, { variables: value === undefined ? {} : { v: value } }).settled();
    return botTexts(state).join();
  }

  it.each([
    ['equals', 'gold', 'gold', 'first'],
    ['equals', 'gold', 'Gold', 'else'],
    ['not-equals', 'gold', 'silver', 'first'],
    ['not-equals', 'gold', 'gold', 'else'],
    ['contains', 'old', 'gold', 'first'],
    ['contains', 'x', 'gold', 'else'],
    ['greater-than', '8', '9', 'first'],
    ['greater-than', '8', '8', 'else'],
    ['less-than', '7', '6.5', 'first'],
    ['less-than', '7', '10', 'else'],
  ])('%s %s with the value %s takes %s', async (operator, ruleValue, value, taken) => {
    expect(await branchTaken({ operator, value: ruleValue }, value)).toBe(taken);
  });

  it.each([
    ['is-set', 'x', 'first'],
    ['is-set', '', 'else'],
    ['is-set', undefined, 'else'],
    ['is-not-set', undefined, 'first'],
    ['is-not-set', '', 'first'],
    ['is-not-set', 'x', 'else'],
  ])('%s with the value %s takes %s', async (operator, value, taken) => {
    expect(await branchTaken({ operator }, value)).toBe(taken);
  });

  it('compares numbers only when both sides are numbers, with a note when not', async () => {
    const flow = branchFlow([{ id: 'r1', variable: 'v', operator: 'greater-than', value: '5' }]);

    const state = await run(flow, { variables: { v: 'many' } }).settled();

    expect(botTexts(state)).toEqual(['else']);
    expect(notes(state)).toContain(
      'Rule 1: v is "many", not a number, so the comparison does not hold.',
    );
  });

  it('takes the first rule that holds', async () => {
    const flow = branchFlow([
      { id: 'r1', variable: 'v', operator: 'equals', value: 'b' },
      { id: 'r2', variable: 'v', operator: 'is-set' },
    ]);

    const first = await run(flow, { variables: { v: 'b' } }).settled();
    const second = await run(flow, { variables: { v: 'a' } }).settled();

    expect(botTexts(first)).toEqual(['first']);
    expect(first.edgesTaken).toContain('check:r1->yes');
    expect(botTexts(second)).toEqual(['second']);
    expect(second.edgesTaken).toContain('check:r2->also');
  });
});

describe('startFlowRun: loop guard', () => {
  it('stops a loop without customer input, naming its modules', async () => {
    const flow = flowOf(
      [
        start(),
        node('count', 'set-variable', { assignments: [{ variable: 'n', value: '1' }] }, 'Count'),
        node(
          'again',
          'condition',
          {
            rules: [{ id: 'loop', variable: 'n', operator: 'is-set' }],
          },
          'Again?',
        ),
        end(),
      ],
      [
        edge('start', 'count'),
        edge('count', 'again'),
        edge('again', 'count', 'loop'),
        edge('again', 'end', 'else'),
      ],
    );

    const state = await run(flow).settled();

    expect(state.status).toEqual({
      kind: 'stopped',
      message:
        'Stopped after 100 steps without customer input: the flow loops through Count, Again?.',
      loopModuleIds: ['count', 'again'],
    });
    expect(state.stepLog).toHaveLength(100);
  });

  it('lets a loop run on while the customer answers in it', async () => {
    const flow = flowOf(
      [start(), ask('ask', 'word'), node('again', 'condition', { rules: [] })],
      [edge('start', 'ask'), edge('ask', 'again'), edge('again', 'ask', 'else')],
    );
    const preview = run(flow);
    await preview.settled();

    let state = await preview.settled();
    for (let index = 0; index < 120; index += 1) state = await preview.answer(`w${index}`);

    expect(state.status.kind).toBe('awaiting-answer');
    expect(valueOf(state, 'word')).toBe('w119');
  });
});

describe('startFlowRun: run from here, restart, dispose', () => {
  it('starts at any module with the given variables', async () => {
    const flow = chain(ask('ask', 'nickname'), say('hello', 'Hi {{nickname}}'));

    const state = await run(flow, { startAt: 'hello', variables: { nickname: 'Bo' } }).settled();

    expect(botTexts(state)).toEqual(['Hi Bo']);
    expect(state.stepLog.map((e) => e.moduleId)).toEqual(['hello', 'end']);
  });

  it('restarts a conversation from the beginning with the starting values', async () => {
    const preview = run(chain(ask('ask', 'nickname')));
    await preview.settled();
    const first = await preview.answer('Ada');

    const state = await preview.restart();

    expect(first.status.kind).toBe('ended');
    expect(state.status.kind).toBe('awaiting-answer');
    expect(state.transcript).toHaveLength(1);
    expect(valueOf(state, 'nickname')).toBeUndefined();
    expect(state.processInstanceId).not.toBe(first.processInstanceId);
  });

  it('publishes snapshots to subscribers, each a new object', async () => {
    const preview = run(chain(say('a', 'A'), say('b', 'B')));
    const seen: FlowRunState[] = [];
    preview.subscribe((state) => seen.push(state));

    const last = await preview.settled();

    expect(seen.at(-1)).toBe(last);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map((s) => s.currentModuleId)).toContain('b');
  });

  it('aborts a call in flight when disposed', async () => {
    const signals: AbortSignal[] = [];
    const flow = chain(call('crm'));
    const preview = run(flow, {
      callWebService: (_request, signal) => {
        signals.push(signal);
        return new Promise(() => {});
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(preview.getState().status).toEqual({ kind: 'calling-webservice', moduleId: 'crm' });

    preview.dispose();

    expect(signals.map((signal) => signal.aborted)).toEqual([true]);
  });

  it('aborts a call in flight when the caller signal aborts', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const preview = run(chain(call('crm')), {
      signal: controller.signal,
      callWebService: (_request, signal) => {
        signals.push(signal);
        return new Promise(() => {});
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));

    controller.abort();

    expect(signals.map((s) => s.aborted)).toEqual([true]);
    expect(preview.getState().status.kind).toBe('calling-webservice');
  });
});

describe('startFlowRun: timings and chat budget', () => {
  it('counts turn 0 from the start and each customer message as a turn', async () => {
    const clock = createManualClock();
    const preview = run(chain(say('hi', 'Hi'), ask('ask', 'nickname')), { clock });
    await preview.settled();

    const state = await preview.answer('Ada');

    expect(state.turns.map((t) => [t.index, t.customerMessage])).toEqual([
      [0, null],
      [1, 'Ada'],
    ]);
    expect(state.turns[0]).toMatchObject({ replyWaitMs: 0, exceedsBudget: false });
    expect(state.stepLog.every((e) => e.endMs >= e.startMs)).toBe(true);
  });
});

describe('startFlowRun: Run from here with the bench values', () => {
  it('starts at a module with the samples of the variables set before it', async () => {
    const flow = chain(
      ask('ask', 'nickname'),
      assign('set', ['greeting', 'Hi {{nickname}}']),
      say('hello', '{{greeting}}, {{firstname}}'),
    );

    const state = await run(flow, {
      startAt: 'hello',
      variables: startingValuesAt(flow, 'hello'),
    }).settled();

    expect(botTexts(state)).toEqual(['Hi Sample answer, John']);
  });
});

describe('startFlowRun: restart during a call', () => {
  it('aborts the call in flight and starts over', async () => {
    const signals: AbortSignal[] = [];
    const preview = run(chain(call('crm')), {
      callWebService: (_request, signal) => {
        signals.push(signal);
        return new Promise(() => {});
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));

    void preview.restart();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
    const state = preview.getState();
    expect(state.status).toEqual({ kind: 'calling-webservice', moduleId: 'crm' });
    expect(state.stepLog.map((entry) => entry.moduleId)).toEqual(['start', 'crm']);
    preview.dispose();
  });
});
