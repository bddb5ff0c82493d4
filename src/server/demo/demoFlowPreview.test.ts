import { describe, expect, it } from 'vitest';
import { createDemoFlow } from '../../domain/createFlows';
import { startFlowRun } from '../../domain/flowRunner/startFlowRun';
import type { WebServiceCaller } from '../../domain/flowRunner/webServiceCallResults';
import { webServiceRequestBodySchema } from '../../domain/webservice/webServiceContract';
import { lookUpCustomer } from './createDemoRoutes';

/** The demo CRM as the proxy would report it: its own lookup, answered as JSON. */
const demoCrm: WebServiceCaller = (request) => {
  const sent = webServiceRequestBodySchema.parse(JSON.parse(request.body));
  const body = JSON.stringify({
    data: { variables: lookUpCustomer(sent.variables.email ?? '') },
  });
  return Promise.resolve({
    outcome: 'ok',
    timings: { totalMs: 40, firstByteMs: 35 },
    response: {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      body,
      sizeBytes: body.length,
      truncated: false,
    },
  });
};

async function chatThroughDemo(email: string) {
  const run = startFlowRun({
    flow: createDemoFlow('http://127.0.0.1:4173'),
    callWebService: demoCrm,
  });
  await run.settled();
  await run.answer(email);
  const state = await run.answer('9');
  run.dispose();
  return state;
}

describe('the demo flow in the chat preview', () => {
  it('thanks the gold customer by name', async () => {
    const state = await chatThroughDemo('john.smith@example.org');

    expect(state.transcript.map((m) => `${m.from}: ${m.text}`)).toEqual([
      'bot: Hi! Two quick questions about your last order.',
      'bot: What is your email address?',
      'customer: john.smith@example.org',
      'bot: How likely are you to recommend us to a friend?',
      'customer: 9',
      'bot: Thank you, John! As a gold customer your next delivery is on us.',
    ]);
    expect(state.status.kind).toBe('ended');
    expect(state.edgesTaken).toContain('e-gold-thanks');
    expect(state.variables.find((v) => v.name === 'customer_tier')).toMatchObject({
      value: 'gold',
      webServiceChange: 'added',
    });
  });

  it('thanks any other customer without the gold offer', async () => {
    const email = 'ada.lovelace@example.org';
    expect(lookUpCustomer(email).customer_tier).not.toBe('gold');

    const state = await chatThroughDemo(email);

    expect(state.transcript.at(-1)?.text).toBe('Thank you for your feedback!');
    expect(state.edgesTaken).toContain('e-else-thanks');
    expect(state.status.kind).toBe('ended');
  });
});
