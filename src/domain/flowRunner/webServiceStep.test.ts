import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flowDocumentSchema';
import { sampleParams } from '../webservice/buildWebServiceRequest';
import type {
  ParsedWebServiceTestRequest,
  WebServiceTestResult,
} from '../webservice/webServiceTestApi';
import type { FlowRunState } from './flowRunState';
import { ask, call, chain, okResult, say, variablesResult } from './flowRunnerTestKit';
import { createManualClock } from './manualClock';
import { startFlowRun, type FlowRunOptions } from './startFlowRun';
import type { WebServiceCaller } from './webServiceCallResults';

/** A caller that answers each request with the next result and remembers what it was sent. */
function scriptedCaller(...results: WebServiceTestResult[]) {
  const requests: ParsedWebServiceTestRequest[] = [];
  const signals: AbortSignal[] = [];
  const caller: WebServiceCaller = (request, signal) => {
    requests.push(request);
    signals.push(signal);
    const result = results.shift();
    return result ? Promise.resolve(result) : new Promise(() => {});
  };
  return { caller, requests, signals };
}

function run(flow: FlowDocument, caller: WebServiceCaller, options: Partial<FlowRunOptions> = {}) {
  // A clock that stands still unless told: waits are exactly what the run counts.
  const clock = createManualClock();
  return startFlowRun({ flow, callWebService: caller, variables: {}, clock, ...options });
}

const sentVariables = (request: ParsedWebServiceTestRequest | undefined): unknown =>
  request ? JSON.parse(request.body) : undefined;

function variable(state: FlowRunState, name: string) {
  return state.variables.find((v) => v.name === name);
}

function callOf(state: FlowRunState, moduleId: string) {
  return state.stepLog.find((entry) => entry.moduleId === moduleId)?.webServiceCall;
}

function notesOf(state: FlowRunState, moduleId: string): string[] {
  return state.stepLog.find((entry) => entry.moduleId === moduleId)?.notes.map((n) => n.text) ?? [];
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the WebService step', () => {
  it('sends the platform request from the chat variables, one process_instance_id per chat', async () => {
    const { caller, requests } = scriptedCaller(
      variablesResult({ tier: 'gold' }),
      variablesResult({}),
    );
    const flow = chain(
      ask('ask', 'nickname'),
      call('first', { url: 'http://127.0.0.1:8080/a' }),
      call('second', { url: 'http://127.0.0.1:8080/b' }),
    );
    const preview = run(flow, caller, { variables: { firstname: 'Ada' } });
    await preview.settled();

    const state = await preview.answer('ada');

    expect(requests.map((r) => [r.url, r.timeoutMs])).toEqual([
      ['http://127.0.0.1:8080/a', 20_000],
      ['http://127.0.0.1:8080/b', 20_000],
    ]);
    const [first, second] = requests.map(sentVariables);
    expect(first).toEqual({
      process_definition_id: 'flow-1',
      process_instance_id: state.processInstanceId,
      params: sampleParams,
      variables: { firstname: 'Ada', nickname: 'ada' },
    });
    expect(second).toMatchObject({
      process_instance_id: state.processInstanceId,
      variables: { firstname: 'Ada', nickname: 'ada', tier: 'gold' },
    });
  });

  it('merges data.variables and marks what the call added or changed', async () => {
    const { caller } = scriptedCaller(
      variablesResult({ firstname: 'Adele', tier: 'gold', city: 'Springfield' }),
    );
    const flow = chain(call('crm', {}, 'CRM lookup'), say('hi', '{{firstname}} is {{tier}}'));

    const state = await run(flow, caller, {
      variables: { firstname: 'Ada', city: 'Springfield' },
    }).settled();

    expect(state.transcript.map((m) => m.text)).toEqual(['Adele is gold']);
    expect(variable(state, 'firstname')).toMatchObject({
      value: 'Adele',
      webServiceChange: 'changed',
      setBy: { moduleId: 'crm', moduleName: 'CRM lookup' },
    });
    expect(variable(state, 'tier')).toMatchObject({ webServiceChange: 'added', scope: 'flow' });
    expect(variable(state, 'city')?.webServiceChange).toBe('unchanged');
    expect(callOf(state, 'crm')).toMatchObject({
      outcome: 'ok',
      sent: true,
      mode: 'call',
      variablesSet: ['firstname', 'tier', 'city'],
    });
  });

  it('keeps a non-string value as its JSON text, with a warning', async () => {
    const { caller } = scriptedCaller(variablesResult({ score: 9, tags: ['a', 'b'] }));

    const state = await run(chain(call('crm')), caller).settled();

    expect(variable(state, 'score')?.value).toBe('9');
    expect(variable(state, 'tags')?.value).toBe('["a","b"]');
    const warnings = state.stepLog
      .flatMap((entry) => entry.notes)
      .filter((note) => note.tone === 'warning')
      .map((note) => note.text);
    expect(warnings.some((text) => text.startsWith('score is a number, not a string'))).toBe(true);
    expect(warnings.some((text) => text.startsWith('tags is a list, not a string'))).toBe(true);
  });

  it('shows the typing indicator state while the call is in flight', async () => {
    let answer: (result: WebServiceTestResult) => void = () => {};
    const caller: WebServiceCaller = () => new Promise((resolve) => (answer = resolve));
    const preview = run(chain(call('crm')), caller);
    await flush();

    expect(preview.getState().status).toEqual({ kind: 'calling-webservice', moduleId: 'crm' });
    answer(variablesResult({ tier: 'gold' }));

    expect((await preview.settled()).status.kind).toBe('ended');
  });

  it('times out after 20 s on the injected clock, aborts the call and goes on without variables', async () => {
    const clock = createManualClock();
    const { caller, signals } = scriptedCaller();
    const preview = run(
      chain(call('slow', {}, 'Slow API'), say('after', 'tier={{tier}}')),
      caller,
      {
        clock,
      },
    );
    await flush();
    expect(preview.getState().status.kind).toBe('calling-webservice');

    clock.advance(19_999);
    await flush();
    expect(preview.getState().status.kind).toBe('calling-webservice');
    clock.advance(1);
    const state = await preview.settled();

    expect(signals[0]?.aborted).toBe(true);
    expect(state.transcript.map((m) => m.text)).toEqual(['tier=']);
    expect(callOf(state, 'slow')).toMatchObject({ outcome: 'timeout', latencyMs: 20_000 });
    expect(notesOf(state, 'slow')).toContain('Timeout: the chat goes on without new variables.');
    expect(state.turns[0]).toMatchObject({ replyWaitMs: 20_000, longestWaitMs: 20_000 });
  });

  it('takes a shorter call timeout for tests, in the request and in its own guard', async () => {
    const clock = createManualClock();
    const { caller, requests } = scriptedCaller();
    const preview = run(chain(call('slow')), caller, { clock, callTimeoutMs: 300 });
    await flush();

    clock.advance(300);
    const state = await preview.settled();

    expect(requests[0]?.timeoutMs).toBe(300);
    expect(callOf(state, 'slow')).toMatchObject({ outcome: 'timeout', latencyMs: 300 });
  });

  it.each([
    [
      'an HTTP error',
      {
        outcome: 'http-error',
        timings: { totalMs: 30, firstByteMs: 30 },
        response: {
          status: 404,
          statusText: 'Not Found',
          headers: {},
          body: '{"data":{"variables":{"tier":"gold"}}}',
          sizeBytes: 40,
          truncated: false,
        },
      },
      'http-error',
    ],
    [
      'an invalid response',
      {
        outcome: 'invalid-response',
        reason: 'The body is not JSON.',
        timings: { totalMs: 30, firstByteMs: 30 },
        response: {
          status: 200,
          statusText: 'OK',
          headers: {},
          body: 'tier=gold',
          sizeBytes: 9,
          truncated: false,
        },
      },
      'invalid-response',
    ],
    [
      'a network error',
      {
        outcome: 'network-error',
        timings: { totalMs: 3, firstByteMs: null },
        code: 'ECONNREFUSED',
        reason: 'Connection refused',
      },
      'network-error',
    ],
    ['a rejected URL', { outcome: 'rejected', reason: 'Private address' }, 'rejected'],
    ['an answer after 20 s', variablesResult({ tier: 'gold' }, 25_000), 'too-slow'],
  ] satisfies [string, WebServiceTestResult, string][])(
    'goes on without new variables after %s',
    async (_name, result, outcome) => {
      const { caller } = scriptedCaller(result);

      const state = await run(chain(call('crm'), say('after', 'done')), caller).settled();

      expect(variable(state, 'tier')).toBeUndefined();
      expect(callOf(state, 'crm')?.outcome).toBe(outcome);
      expect(state.status.kind).toBe('ended');
    },
  );

  it('counts a caller that throws as a network error', async () => {
    const caller: WebServiceCaller = () => Promise.reject(new TypeError('Failed to fetch'));

    const state = await run(chain(call('crm')), caller).settled();

    expect(callOf(state, 'crm')?.result).toMatchObject({
      outcome: 'network-error',
      reason: 'The call could not be made: Failed to fetch',
    });
    expect(state.status.kind).toBe('ended');
  });

  it('sends through the request queue and goes on at once, ignoring the answer', async () => {
    const { caller, requests } = scriptedCaller();
    const flow = chain(call('log', { useRequestQueue: true }), say('after', 'on we go'));

    const state = await run(flow, caller).settled();

    expect(requests).toHaveLength(1);
    expect(state.transcript.map((m) => m.text)).toEqual(['on we go']);
    expect(callOf(state, 'log')).toMatchObject({ outcome: 'queued', result: null, latencyMs: 0 });
    expect(state.turns[0]?.calls).toHaveLength(1);
  });
});

describe('preview modes', () => {
  const recorded = variablesResult({ tier: 'silver' }, 1_500);

  it('answers with a recorded result without sending, counting its latency', async () => {
    const { caller, requests } = scriptedCaller();

    const state = await run(chain(call('crm'), say('after', '{{tier}}')), caller, {
      webServiceMode: () => ({ kind: 'recorded', result: recorded }),
    }).settled();

    expect(requests).toEqual([]);
    expect(variable(state, 'tier')?.value).toBe('silver');
    expect(callOf(state, 'crm')).toMatchObject({ mode: 'recorded', sent: false, latencyMs: 1_500 });
  });

  it('simulates a timeout at once, counting the 20 s the customer would wait', async () => {
    const { caller, requests } = scriptedCaller();

    const state = await run(chain(call('crm'), say('after', '[{{tier}}]')), caller, {
      webServiceMode: () => ({ kind: 'timeout' }),
    }).settled();

    expect(requests).toEqual([]);
    expect(state.transcript.map((m) => m.text)).toEqual(['[]']);
    expect(callOf(state, 'crm')).toMatchObject({ outcome: 'timeout', latencyMs: 20_000 });
    expect(state.turns[0]?.longestWaitMs).toBe(20_000);
  });

  it('simulates an HTTP 500 without sending', async () => {
    const { caller, requests } = scriptedCaller();

    const state = await run(chain(call('crm')), caller, {
      webServiceMode: () => ({ kind: 'error' }),
    }).settled();

    expect(requests).toEqual([]);
    const record = callOf(state, 'crm');
    expect(record?.outcome).toBe('http-error');
    expect(record?.result).toMatchObject({ response: { status: 500 } });
  });

  it('uses each module its own mode', async () => {
    const { caller, requests } = scriptedCaller(okResult({}));

    const state = await run(chain(call('a'), call('b')), caller, {
      webServiceMode: (moduleId) => (moduleId === 'a' ? { kind: 'error' } : { kind: 'call' }),
    }).settled();

    expect(requests.map((r) => r.url)).toEqual(['http://127.0.0.1:9/b']);
    expect(callOf(state, 'a')?.mode).toBe('error');
    expect(callOf(state, 'b')?.mode).toBe('call');
  });
});

describe('the chat budget per turn', () => {
  it('adds up calls in a row and lays them out on one axis', async () => {
    const { caller } = scriptedCaller();
    const flow = chain(ask('ask', 'nickname'), call('a'), call('b'), say('after', 'done'));
    const preview = run(flow, caller, { webServiceMode: () => ({ kind: 'timeout' }) });
    await preview.settled();

    const state = await preview.answer('Ada');

    const turn = state.turns[1];
    expect(turn).toMatchObject({
      customerMessage: 'Ada',
      replyWaitMs: 40_000,
      longestWaitMs: 40_000,
      exceedsBudget: true,
    });
    expect(turn?.calls.map((c) => [c.moduleId, c.startOffsetMs, c.endOffsetMs])).toEqual([
      ['a', 0, 20_000],
      ['b', 20_000, 40_000],
    ]);
    expect(state.turns[0]?.exceedsBudget).toBe(false);
  });

  it('keeps a turn within budget when a message breaks the wait', async () => {
    const { caller } = scriptedCaller();
    const flow = chain(call('a'), say('between', 'one moment'), call('b'), say('after', 'done'));

    const state = await run(flow, caller, {
      webServiceMode: () => ({ kind: 'timeout' }),
    }).settled();

    expect(state.turns[0]).toMatchObject({ longestWaitMs: 20_000, exceedsBudget: false });
  });
});
