import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webServiceResponseBodySchema } from '../../domain/webservice/webServiceContract';
import { sendRaw, startFlowbench, type Flowbench } from '../webservice-test/testServers';
import {
  demoBrokenPath,
  demoCrmLookupPath,
  demoSlowPath,
  lookUpCustomer,
} from './createDemoRoutes';

let flowbench: Flowbench;
beforeAll(async () => {
  flowbench = await startFlowbench();
});
afterAll(() => flowbench.close());

const platformBody = (variables: Record<string, string>) =>
  JSON.stringify({
    process_definition_id: 'pd',
    process_instance_id: 'pi',
    params: {},
    variables,
  });

const postDemo = (path: string, body: string) =>
  sendRaw(`${flowbench.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });

describe('POST /demo/crm-lookup', () => {
  it('answers the sample customer as a gold John Smith, in the contract shape', async () => {
    const response = await postDemo(
      demoCrmLookupPath,
      platformBody({ email: 'john.smith@example.org', firstname: 'Johnny' }),
    );
    expect(response.status).toBe(200);
    expect(webServiceResponseBodySchema.parse(JSON.parse(response.text))).toEqual({
      data: { variables: { firstname: 'John', lastname: 'Smith', customer_tier: 'gold' } },
    });
  });

  it('is deterministic and gives every email one of the three tiers', () => {
    const emails = ['ada.lovelace@example.org', 'grace@example.com', 'a-b_c+d@x.io', 'x@y.z'];
    for (const email of emails) {
      expect(lookUpCustomer(email)).toEqual(lookUpCustomer(email));
      expect(['gold', 'silver', 'bronze']).toContain(lookUpCustomer(email).customer_tier);
    }
    expect(lookUpCustomer('ada.lovelace@example.org')).toMatchObject({
      firstname: 'Ada',
      lastname: 'Lovelace',
    });
    expect(lookUpCustomer('grace@example.com')).toMatchObject({ firstname: 'Grace', lastname: '' });
    const tiers = new Set(
      Array.from(
        { length: 30 },
        (_, index) => lookUpCustomer(`user${index}@example.org`).customer_tier,
      ),
    );
    expect(tiers.size).toBe(3);
  });

  it('answers 400 with an error when variables.email is missing', async () => {
    for (const body of [platformBody({ firstname: 'John' }), '{}', platformBody({ email: ' ' })]) {
      const response = await postDemo(demoCrmLookupPath, body);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toEqual({ error: 'variables.email is missing.' });
    }
    expect((await postDemo(demoCrmLookupPath, 'nope')).status).toBe(400);
  });

  it('is ok through the test route', async () => {
    const result = await flowbench.test({
      url: `${flowbench.url}${demoCrmLookupPath}`,
      body: platformBody({ email: 'john.smith@example.org' }),
      timeoutMs: 2000,
    });
    expect(result.outcome).toBe('ok');
    expect(result.outcome === 'ok' && JSON.parse(result.response.body)).toEqual({
      data: { variables: { firstname: 'John', lastname: 'Smith', customer_tier: 'gold' } },
    });
  });
});

describe('POST /demo/slow', () => {
  it('answers after delay_ms with contract JSON', async () => {
    const startedAt = performance.now();
    const response = await postDemo(`${demoSlowPath}?delay_ms=120`, platformBody({}));
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(115);
    expect(response.status).toBe(200);
    expect(webServiceResponseBodySchema.parse(JSON.parse(response.text))).toEqual({
      data: { variables: { slow_delay_ms: '120' } },
    });
  });

  it('caps the delay and refuses a delay that is not a number', async () => {
    expect((await postDemo(`${demoSlowPath}?delay_ms=soon`, '{}')).status).toBe(400);
    expect((await postDemo(`${demoSlowPath}?delay_ms=-5`, '{}')).status).toBe(400);
  });

  it('times the test route out when slower than its deadline', async () => {
    const result = await flowbench.test({
      url: `${flowbench.url}${demoSlowPath}?delay_ms=65000`,
      body: platformBody({}),
      timeoutMs: 150,
    });
    expect(result).toMatchObject({ outcome: 'timeout', phase: 'waiting-for-response' });
  });
});

describe('POST /demo/broken', () => {
  it('answers 500 with an HTML page', async () => {
    const response = await postDemo(demoBrokenPath, platformBody({}));
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toMatch(/^<!doctype html>/);
  });

  it('is an http-error 500 through the test route', async () => {
    const result = await flowbench.test({
      url: `${flowbench.url}${demoBrokenPath}`,
      body: platformBody({}),
      timeoutMs: 2000,
    });
    expect(result).toMatchObject({ outcome: 'http-error', response: { status: 500 } });
  });
});
