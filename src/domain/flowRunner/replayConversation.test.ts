import { describe, expect, it } from 'vitest';
import type { WebServiceTestResult } from '../webservice/webServiceTestApi';
import {
  ask,
  call,
  chain,
  edge,
  flowOf,
  node,
  say,
  start,
  end,
  variablesResult,
} from './flowRunnerTestKit';
import { createManualClock } from './manualClock';
import { recordedConversationSchema } from './recordedConversationSchema';
import { replayConversation } from './replayConversation';
import { startFlowRun } from './startFlowRun';

const flow = flowOf(
  [
    start(),
    ask('ask-email', 'email', 'email'),
    call('crm', { expectedVariables: ['tier'] }),
    call('audit', { useRequestQueue: true }),
    node('is-gold', 'condition', {
      rules: [{ id: 'gold', variable: 'tier', operator: 'equals', value: 'gold' }],
    }),
    say('gold', 'Hello gold {{email}}'),
    say('other', 'Hello {{tier}} customer'),
    end(),
  ],
  [
    edge('start', 'ask-email'),
    edge('ask-email', 'crm'),
    edge('crm', 'audit'),
    edge('audit', 'is-gold'),
    edge('is-gold', 'gold', 'gold'),
    edge('is-gold', 'other', 'else'),
    edge('gold', 'end'),
    edge('other', 'end'),
  ],
);

async function recordOneConversation(tier: string) {
  const results: WebServiceTestResult[] = [variablesResult({ tier }, 800)];
  const clock = createManualClock();
  const run = startFlowRun({
    flow,
    clock,
    variables: { firstname: 'Ada' },
    callWebService: () => {
      const result = results.shift();
      if (!result) return new Promise(() => {});
      clock.advance(800);
      return Promise.resolve(result);
    },
  });
  await run.settled();
  await run.answer('not an email');
  const live = await run.answer('ada@example.org');
  const recording = run.recording();
  run.dispose();
  return { live, recording };
}

describe('recorded conversations', () => {
  it('records the answers in order and each awaited WebService result by module and call', async () => {
    const { recording } = await recordOneConversation('gold');

    expect(recording.answers).toEqual(['not an email', 'ada@example.org']);
    expect(recording.webServiceResults.map((r) => [r.moduleId, r.callIndex])).toEqual([['crm', 0]]);
    expect(recording.variables).toEqual({ firstname: 'Ada' });
    expect(recordedConversationSchema.parse(JSON.parse(JSON.stringify(recording)))).toEqual(
      recording,
    );
  });

  it.each(['gold', 'silver'])(
    'replays a %s conversation headless to the same end, without sending anything',
    async (tier) => {
      const { live, recording } = await recordOneConversation(tier);
      const stored = recordedConversationSchema.parse(JSON.parse(JSON.stringify(recording)));

      const replayed = await replayConversation(flow, stored, createManualClock());

      expect(replayed.transcript.map((m) => [m.from, m.text])).toEqual(
        live.transcript.map((m) => [m.from, m.text]),
      );
      expect(replayed.status).toEqual(live.status);
      expect(replayed.edgesTaken).toEqual(live.edgesTaken);
      expect(replayed.processInstanceId).toBe(live.processInstanceId);
      expect(replayed.turns.map((t) => t.longestWaitMs)).toEqual(
        live.turns.map((t) => t.longestWaitMs),
      );
    },
  );

  it('shows where an edited flow now goes differently', async () => {
    const { recording } = await recordOneConversation('gold');
    const edited = chain(ask('ask-email', 'email', 'email'), say('bye', 'Bye {{email}}'));

    const replayed = await replayConversation(edited, recording, createManualClock());

    expect(replayed.transcript.filter((m) => m.from === 'bot').map((m) => m.text)).toEqual([
      'Your email?',
      'Please enter a valid email address, like name@example.org.',
      'Your email?',
      'Bye ada@example.org',
    ]);
    expect(replayed.status.kind).toBe('ended');
  });
});
