import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  webServiceTestPath,
  webServiceTestSessionPath,
  webServiceTestSessionSchema,
  webServiceTestTokenHeader,
} from '../../domain/webservice/webServiceTestApi';
import { refuseForeignHost } from './refuseForeignRequest';
import { localTargetPolicy } from './targetPolicy';
import {
  sendRaw,
  startFlowbench,
  startUpstream,
  type Flowbench,
  type Upstream,
} from './testServers';

/*
 * The servers here listen on 127.0.0.1 only; a client on another machine is played by the
 * injected `clientAddressOf`, which the guard consults instead of the socket's remote address.
 */

/** A request as it arrives on `localAddress:localPort` with the given Host. */
function arrivingRequest(host: string, localAddress: string, localPort: number): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'localAddress', { value: localAddress });
  Object.defineProperty(socket, 'localPort', { value: localPort });
  const request = new IncomingMessage(socket);
  request.headers.host = host;
  return request;
}

let clientAddress = '127.0.0.1';
let shared: Flowbench;
let target: Upstream;
beforeAll(async () => {
  shared = await startFlowbench({
    targetPolicy: { ...localTargetPolicy, mode: 'shared', allowedRanges: ['127.0.0.1/32'] },
    clientAddressOf: () => clientAddress,
  });
  target = await startUpstream((_request, response) => response.end('{}'));
});
afterAll(async () => {
  await shared.close();
  await target.close();
});
beforeEach(() => {
  clientAddress = '127.0.0.1';
});

const session = (headers: Record<string, string> = {}) =>
  sendRaw(`${shared.url}${webServiceTestSessionPath}`, {
    headers: { 'Sec-Fetch-Site': 'same-origin', ...headers },
  });
const post = (headers: Record<string, string>) =>
  sendRaw(`${shared.url}${webServiceTestPath}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ url: target.url, body: '{}', timeoutMs: 1000 }),
  });

describe('who may use a shared server', () => {
  it('a client off loopback sending a loopback Host gets no session token', async () => {
    const port = new URL(shared.url).port;
    expect((await session()).status).toBe(200);

    clientAddress = '192.168.1.33';
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const response = await session({ Host: host });
      expect(response.status).toBe(403);
      expect(response.text).not.toMatch(/token"/);
      expect(response.text).toMatch(/for its own machine only/);
    }
    clientAddress = '::ffff:192.168.1.33';
    expect((await session()).status).toBe(403);
  });

  it('a client off loopback sending a loopback Host cannot use the test route', async () => {
    const before = target.hits();
    clientAddress = '192.168.1.33';
    const refused = await post(shared.pageHeaders());
    expect(refused.status).toBe(403);
    expect(target.hits()).toBe(before);

    // The same request from this machine goes through, so the refusal is the client's address.
    clientAddress = '127.0.0.1';
    expect((await post(shared.pageHeaders())).status).toBe(200);
    expect(target.hits()).toBe(before + 1);
  });

  it('a shared server answers to the address the client connected to', () => {
    const port = 4173;
    const lan = '192.168.1.20';
    const client = '192.168.1.33';
    expect(refuseForeignHost(arrivingRequest(`${lan}:${port}`, lan, port), [], client)).toBeNull();
    expect(
      refuseForeignHost(arrivingRequest(`${lan}:${port}`, `::ffff:${lan}`, port), [], client),
    ).toBeNull();
    expect(
      refuseForeignHost(
        arrivingRequest(`flowbench.lan:${port}`, lan, port),
        ['flowbench.lan'],
        client,
      ),
    ).toBeNull();
    expect(
      refuseForeignHost(arrivingRequest('[fd12::20]:4173', 'fd12::20', port), [], client),
    ).toBeNull();

    expect(
      refuseForeignHost(arrivingRequest(`192.168.1.21:${port}`, lan, port), [], client),
    ).toMatchObject({
      status: 403,
    });
    expect(refuseForeignHost(arrivingRequest(`${lan}:4174`, lan, port), [], client)).toMatchObject({
      status: 403,
    });
    expect(
      refuseForeignHost(arrivingRequest(`rebind.example:${port}`, lan, port), [], client),
    ).toMatchObject({
      status: 403,
    });
    // Loopback names and addresses, configured or arrived on, are for this machine only.
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '127.0.0.2']) {
      const request = arrivingRequest(`${host}:${port}`, '127.0.0.2', port);
      expect(refuseForeignHost(request, ['localhost', '127.0.0.1'], client)).toMatchObject({
        status: 403,
      });
      expect(refuseForeignHost(request, ['localhost', '127.0.0.1'], '127.0.0.1')).toBeNull();
    }
  });

  it('every page session gets its own token, and a forged one is refused', async () => {
    const first = webServiceTestSessionSchema.parse(JSON.parse((await session()).text)).token;
    const second = webServiceTestSessionSchema.parse(JSON.parse((await session()).text)).token;
    expect(first).not.toBe(second);

    const before = target.hits();
    for (const token of [first, second]) {
      const response = await post({ ...shared.pageHeaders(), [webServiceTestTokenHeader]: token });
      expect(response.status).toBe(200);
    }
    expect(target.hits()).toBe(before + 2);

    const flipped = `${first.slice(0, -1)}${first.endsWith('A') ? 'B' : 'A'}`;
    const other = await startFlowbench();
    try {
      for (const token of [flipped, other.token, `${first}x`, first.slice(1)]) {
        const response = await post({
          ...shared.pageHeaders(),
          [webServiceTestTokenHeader]: token,
        });
        expect(response.status).toBe(403);
      }
    } finally {
      await other.close();
    }
    expect(target.hits()).toBe(before + 2);
  });

  it("never forwards the browser's cookies or other headers", async () => {
    const response = await post({
      ...shared.pageHeaders(),
      Cookie: 'flowbench_session=cookie-secret; other=1',
      'X-Forwarded-For': '203.0.113.9',
      'User-Agent': 'Browser/1.0',
      'Accept-Language': 'de',
      'X-Custom': 'custom-secret',
    });
    expect(response.status).toBe(200);
    const received = target.received.at(-1);
    expect(received?.headers.cookie).toBeUndefined();
    const names = Object.keys(received?.headers ?? {});
    const allowed = ['host', 'connection', 'content-type', 'content-length', 'accept-encoding'];
    expect(names.filter((name) => !allowed.includes(name))).toEqual([]);
    expect(JSON.stringify(received?.headers)).not.toMatch(/secret|203\.0\.113\.9|Browser/);
  });
});
