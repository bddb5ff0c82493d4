import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  webServiceTestPath,
  webServiceTestRefusalSchema,
  webServiceTestSessionPath,
  webServiceTestSessionSchema,
  webServiceTestTokenHeader,
} from '../../domain/webservice/webServiceTestApi';
import { createCallsInFlightLimit } from './createCallsInFlightLimit';
import {
  sendRaw,
  startFlowbench,
  startUpstream,
  type Flowbench,
  type Upstream,
} from './testServers';

/** An upstream that holds every request until `answerAll` is called. */
let held: ServerResponse[] = [];
let target: Upstream;
let flowbench: Flowbench | null = null;
beforeEach(async () => {
  held = [];
  target = await startUpstream((_request, response) => held.push(response));
});
afterEach(async () => {
  answerAll();
  await flowbench?.close();
  flowbench = null;
  await target.close();
});
function answerAll() {
  for (const response of held.splice(0)) response.end('{}');
}

async function newSessionToken(server: Flowbench): Promise<string> {
  const response = await sendRaw(`${server.url}${webServiceTestSessionPath}`, {});
  return webServiceTestSessionSchema.parse(JSON.parse(response.text)).token;
}

function call(server: Flowbench, token = server.token) {
  return sendRaw(`${server.url}${webServiceTestPath}`, {
    method: 'POST',
    headers: { ...server.pageHeaders(), [webServiceTestTokenHeader]: token },
    body: JSON.stringify({ url: target.url, body: '{}', timeoutMs: 10_000 }),
  });
}

/** Waits until the upstream holds `count` requests (a condition, not a time). */
async function upstreamHolds(count: number) {
  await vi.waitFor(() => expect(held).toHaveLength(count), { timeout: 5000, interval: 10 });
}

describe('calls in flight', () => {
  it('beyond the cap per server a call gets 429 and the upstream is not contacted', async () => {
    flowbench = await startFlowbench({ callsInFlightCaps: { perServer: 3, perSession: 10 } });
    const server = flowbench;
    const tokens = [server.token, await newSessionToken(server), await newSessionToken(server)];
    const running = tokens.map((token) => call(server, token));
    await upstreamHolds(3);

    const refused = await call(server, await newSessionToken(server));
    expect(refused.status).toBe(429);
    expect(webServiceTestRefusalSchema.parse(JSON.parse(refused.text)).error).toMatch(
      /this server runs at most 3/,
    );
    expect(target.hits()).toBe(3);

    answerAll();
    expect((await Promise.all(running)).map((response) => response.status)).toEqual([
      200, 200, 200,
    ]);
    // Finished calls free their slots.
    const after = call(server);
    await upstreamHolds(1);
    answerAll();
    expect((await after).status).toBe(200);
    expect(target.hits()).toBe(4);
  });

  it('beyond the cap per page session a call gets 429, while another session still gets through', async () => {
    flowbench = await startFlowbench({ callsInFlightCaps: { perServer: 10, perSession: 2 } });
    const server = flowbench;
    const running = [call(server), call(server)];
    await upstreamHolds(2);

    const refused = await call(server);
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/a page may run at most 2/);
    expect(target.hits()).toBe(2);

    const otherSession = call(server, await newSessionToken(server));
    await upstreamHolds(3);
    answerAll();
    expect((await otherSession).status).toBe(200);
    expect((await Promise.all(running)).map((response) => response.status)).toEqual([200, 200]);
  });

  it('a call that is cancelled or refused gives its slot back, once', () => {
    const limit = createCallsInFlightLimit({ perServer: 1, perSession: 1 });
    const first = limit.acquire('a');
    expect(first.granted).toBe(true);
    expect(limit.acquire('b')).toMatchObject({ granted: false });
    if (first.granted) {
      first.release();
      first.release();
    }
    const second = limit.acquire('b');
    expect(second.granted).toBe(true);
    expect(limit.acquire('c')).toMatchObject({ granted: false });
  });
});
