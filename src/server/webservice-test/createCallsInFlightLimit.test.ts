import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  webServiceTestPath,
  webServiceTestRefusalSchema,
  webServiceTestSessionPath,
  webServiceTestSessionSchema,
  webServiceTestTokenHeader,
} from '../../domain/webservice/webServiceTestApi';
import { createCallsInFlightLimit, type CallsInFlightCaps } from './createCallsInFlightLimit';
import { localTargetPolicy } from './targetPolicy';
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

/*
 * A shared server that answers to `flowbench.lan`; its clients on other machines are played by
 * the `X-Test-Client` header, which the injected `clientAddressOf` reads instead of the socket.
 */
const lan = { one: '192.168.1.33', two: '192.168.1.34' };
const sharedHost = (server: Flowbench) => `flowbench.lan:${new URL(server.url).port}`;

function startSharedFlowbench(callsInFlightCaps: CallsInFlightCaps) {
  return startFlowbench({
    targetPolicy: { ...localTargetPolicy, mode: 'shared', allowedRanges: ['127.0.0.1/32'] },
    extraHostNames: ['flowbench.lan'],
    clientAddressOf: (request) => {
      const client = request.headers['x-test-client'];
      return typeof client === 'string' ? client : '127.0.0.1';
    },
    callsInFlightCaps,
  });
}

async function remoteSessionToken(server: Flowbench, client: string): Promise<string> {
  const response = await sendRaw(`${server.url}${webServiceTestSessionPath}`, {
    headers: { Host: sharedHost(server), 'X-Test-Client': client },
  });
  return webServiceTestSessionSchema.parse(JSON.parse(response.text)).token;
}

function remoteCall(server: Flowbench, client: string, token: string) {
  return sendRaw(`${server.url}${webServiceTestPath}`, {
    method: 'POST',
    headers: {
      Host: sharedHost(server),
      Origin: `http://${sharedHost(server)}`,
      'Content-Type': 'application/json',
      'X-Test-Client': client,
      [webServiceTestTokenHeader]: token,
    },
    body: JSON.stringify({ url: target.url, body: '{}', timeoutMs: 10_000 }),
  });
}

/** Waits until the upstream holds `count` requests (a condition, not a time). */
async function upstreamHolds(count: number) {
  await vi.waitFor(() => expect(held).toHaveLength(count), { timeout: 5000, interval: 10 });
}

describe('calls in flight', () => {
  it('beyond the cap per server a call gets 429 and the upstream is not contacted', async () => {
    flowbench = await startFlowbench({
      callsInFlightCaps: { perServer: 3, perSession: 10, perAddress: 10 },
    });
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
    flowbench = await startFlowbench({
      callsInFlightCaps: { perServer: 10, perSession: 2, perAddress: 10 },
    });
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

  it('on a shared server one client gets 429 beyond its cap however many session tokens it fetches, while another client still gets through', async () => {
    flowbench = await startSharedFlowbench({ perServer: 10, perSession: 10, perAddress: 2 });
    const server = flowbench;
    const first = await remoteSessionToken(server, lan.one);
    const second = await remoteSessionToken(server, lan.one);
    const running = [remoteCall(server, lan.one, first), remoteCall(server, lan.one, second)];
    await upstreamHolds(2);

    // Fresh tokens, also from the same machine IPv4-mapped, do not buy more calls.
    for (const address of [lan.one, `::ffff:${lan.one}`, lan.one]) {
      const refused = await remoteCall(server, address, await remoteSessionToken(server, lan.one));
      expect(refused.status).toBe(429);
      expect(webServiceTestRefusalSchema.parse(JSON.parse(refused.text)).error).toMatch(
        /one machine may run at most 2/,
      );
    }
    expect(target.hits()).toBe(2);

    const otherClient = remoteCall(server, lan.two, await remoteSessionToken(server, lan.two));
    await upstreamHolds(3);
    answerAll();
    expect((await otherClient).status).toBe(200);
    expect((await Promise.all(running)).map((response) => response.status)).toEqual([200, 200]);

    // Finished calls free the client's slots.
    const again = remoteCall(server, lan.one, await remoteSessionToken(server, lan.one));
    await upstreamHolds(1);
    answerAll();
    expect((await again).status).toBe(200);
    expect(target.hits()).toBe(4);
  });

  it('on a shared server an IPv6 client is counted by its /64, not by each address it picks', async () => {
    flowbench = await startSharedFlowbench({ perServer: 10, perSession: 10, perAddress: 1 });
    const server = flowbench;
    const running = remoteCall(
      server,
      '2001:db8:7:1::a',
      await remoteSessionToken(server, '2001:db8:7:1::a'),
    );
    await upstreamHolds(1);

    const sameNetwork = await remoteCall(
      server,
      '2001:db8:7:1::b',
      await remoteSessionToken(server, '2001:db8:7:1::b'),
    );
    expect(sameNetwork.status).toBe(429);
    expect(target.hits()).toBe(1);

    const otherNetwork = remoteCall(
      server,
      '2001:db8:7:2::a',
      await remoteSessionToken(server, '2001:db8:7:2::a'),
    );
    await upstreamHolds(2);
    answerAll();
    expect((await otherNetwork).status).toBe(200);
    expect((await running).status).toBe(200);
  });

  it('in local mode every client is this machine, so only the caps per server and page apply', async () => {
    flowbench = await startFlowbench({
      callsInFlightCaps: { perServer: 10, perSession: 10, perAddress: 1 },
    });
    const server = flowbench;
    const running = [call(server), call(server, await newSessionToken(server))];
    await upstreamHolds(2);
    answerAll();
    expect((await Promise.all(running)).map((response) => response.status)).toEqual([200, 200]);
  });

  it('a call that is cancelled or refused gives its slot back, once', () => {
    const limit = createCallsInFlightLimit({ perServer: 1, perSession: 1, perAddress: 1 });
    const first = limit.acquire({ session: 'a', address: '192.0.2.1' });
    expect(first.granted).toBe(true);
    expect(limit.acquire({ session: 'b' })).toMatchObject({ granted: false });
    if (first.granted) {
      first.release();
      first.release();
    }
    const second = limit.acquire({ session: 'b', address: '192.0.2.1' });
    expect(second.granted).toBe(true);
    expect(limit.acquire({ session: 'c' })).toMatchObject({ granted: false });
  });
});
