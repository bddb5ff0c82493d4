import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { platformTimeoutMs } from '../../domain/webservice/webServiceContract';
import {
  maxResponseBodyBytes,
  webServiceTestPath,
  webServiceTestRefusalSchema,
  webServiceTestRequestSchema,
  webServiceTestSessionPath,
  webServiceTestSessionSchema,
  webServiceTestTokenHeader,
} from '../../domain/webservice/webServiceTestApi';
import {
  closeServer,
  freePort,
  listen,
  sendRaw,
  startFlowbench,
  startUpstream,
  type Flowbench,
  type Upstream,
} from './testServers';

const platformBody = JSON.stringify({
  process_definition_id: 'pd-1',
  process_instance_id: 'pi-1',
  params: { referrer: 'http://example.org/' },
  variables: { email: 'john.smith@example.org', nps_score: '10' },
});

function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
}

let flowbench: Flowbench;
const upstreams: Upstream[] = [];

async function upstream(...args: Parameters<typeof startUpstream>): Promise<Upstream> {
  const started = await startUpstream(...args);
  upstreams.push(started);
  return started;
}

beforeAll(async () => {
  flowbench = await startFlowbench();
});
afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((started) => started.close()));
});
afterAll(() => flowbench.close());

describe('POST /api/webservice-test against a real endpoint', () => {
  it('sends exactly the body text with Content-Type and Authorization, and reports ok', async () => {
    const answer = JSON.stringify({ data: { variables: { firstname: 'John' } } });
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-Trace': 'abc' });
      response.end(answer);
    });
    const body = `{ "variables" : {"email":"a@b.c"} }`;
    const result = await flowbench.test({
      url: `${target.url}/hook?x=1`,
      authorization: 'Bearer secret-1',
      body,
      timeoutMs: 2000,
    });

    expect(result).toMatchObject({
      outcome: 'ok',
      response: {
        status: 200,
        statusText: 'OK',
        body: answer,
        sizeBytes: answer.length,
        truncated: false,
      },
    });
    expect(result.outcome === 'ok' && result.response.headers['x-trace']).toBe('abc');
    const [received] = target.received;
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/hook?x=1');
    expect(received?.body).toBe(body);
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers.authorization).toBe('Bearer secret-1');
    expect(received?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('sends no Authorization header when the field is empty, and accepts compressed answers', async () => {
    const target = await upstream((_request, response) => response.end());
    const result = await flowbench.test({ url: target.url, body: platformBody, timeoutMs: 2000 });
    expect(result.outcome).toBe('ok');
    expect(target.received[0]?.headers).not.toHaveProperty('authorization');
    expect(target.received[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(Object.keys(target.received[0]?.headers ?? {}).sort()).toEqual([
      'accept-encoding',
      'connection',
      'content-length',
      'content-type',
      'host',
    ]);
  });

  it.each([
    [403, 'forbidden'],
    [404, 'no such hook'],
    [500, 'it broke'],
    [503, ''],
  ])('reports %i as http-error with status and body', async (status, text) => {
    const target = await upstream((_request, response) => {
      response.writeHead(status, { 'Content-Type': 'text/plain' });
      response.end(text);
    });
    const result = await flowbench.test({ url: target.url, body: platformBody, timeoutMs: 2000 });
    expect(result).toMatchObject({ outcome: 'http-error', response: { status, body: text } });
  });

  it('does not follow a redirect: 302 is an http-error with its Location, the target is not hit', async () => {
    const redirectTarget = await upstream((_request, response) => response.end('{}'));
    const redirecting = await upstream((_request, response) => {
      response.writeHead(302, { Location: `${redirectTarget.url}/moved` });
      response.end('moved');
    });
    const result = await flowbench.test({
      url: redirecting.url,
      body: platformBody,
      timeoutMs: 2000,
    });
    expect(result).toMatchObject({
      outcome: 'http-error',
      response: {
        status: 302,
        body: 'moved',
        headers: { location: `${redirectTarget.url}/moved` },
      },
    });
    expect(redirectTarget.hits()).toBe(0);
  });

  it('reports a 2xx that is not JSON as invalid-response with the reason', async () => {
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html><body>Hello</body></html>');
    });
    const result = await flowbench.test({ url: target.url, body: platformBody, timeoutMs: 2000 });
    expect(result).toMatchObject({
      outcome: 'invalid-response',
      reason: 'The body is HTML, not JSON.',
      response: { status: 200 },
    });
  });

  it('cuts a body over 1 MiB off, marks it truncated and counts the bytes received', async () => {
    const big = JSON.stringify({ data: { variables: { blob: 'x'.repeat(1.5 * 1024 * 1024) } } });
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(big);
    });
    const result = await flowbench.test({ url: target.url, body: platformBody, timeoutMs: 5000 });
    expect(result.outcome).toBe('invalid-response');
    if (result.outcome !== 'invalid-response') return;
    expect(result.response.truncated).toBe(true);
    expect(Buffer.byteLength(result.response.body)).toBe(maxResponseBodyBytes);
    expect(result.response.sizeBytes).toBeGreaterThan(maxResponseBodyBytes);
    expect(result.response.sizeBytes).toBeLessThanOrEqual(big.length);
    expect(result.reason).toContain('cut off');
  });

  it('joins repeated headers with a comma and names them in lowercase', async () => {
    const target = await upstream((_request, response) => {
      response.setHeader('X-Served-By', ['a=1', 'b=2']);
      response.end();
    });
    const result = await flowbench.test({ url: target.url, body: platformBody, timeoutMs: 2000 });
    expect(result.outcome === 'ok' && result.response.headers['x-served-by']).toBe('a=1, b=2');
  });

  it('reports the latency of a known upstream delay, no more than the caller waited', async () => {
    const delayMs = 200;
    const target = await upstream((_request, response) => {
      setTimeout(() => response.end('{}'), delayMs);
    });
    const startedAt = performance.now();
    const result = await flowbench.test({ url: target.url, body: platformBody, timeoutMs: 2000 });
    const callerWaitedMs = performance.now() - startedAt;
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(delayMs);
    expect(result.timings.totalMs).toBeLessThanOrEqual(callerWaitedMs);
    expect(result.timings.firstByteMs).toBeGreaterThanOrEqual(delayMs);
    expect(result.timings.firstByteMs).toBeLessThanOrEqual(result.timings.totalMs);
  });
});

describe('deadlines', () => {
  it('times out while waiting for the response', async () => {
    const target = await upstream(() => undefined);
    const result = await flowbench.test({ url: target.url, body: platformBody, timeoutMs: 300 });
    expect(result).toMatchObject({
      outcome: 'timeout',
      phase: 'waiting-for-response',
      timeoutMs: 300,
      response: null,
      timings: { firstByteMs: null },
    });
    expect(result.outcome === 'timeout' && result.timings.totalMs).toBeGreaterThanOrEqual(299);
  });

  it('times out while a body drips in, with the partial response', async () => {
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"data":');
      const drip = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(drip));
    });
    const result = await flowbench.test({ url: target.url, body: platformBody, timeoutMs: 300 });
    expect(result).toMatchObject({
      outcome: 'timeout',
      phase: 'reading-body',
      response: { status: 200, truncated: false },
    });
    if (result.outcome !== 'timeout') return;
    expect(result.response?.body.startsWith('{"data":')).toBe(true);
    expect(result.timings.firstByteMs).not.toBeNull();
  });

  it('times out while still connecting when DNS never answers', async () => {
    const stalled = await startFlowbench({ resolveHostName: () => undefined });
    try {
      const result = await stalled.test({
        url: 'http://never-resolves.test/',
        body: '{}',
        timeoutMs: 200,
      });
      expect(result).toMatchObject({ outcome: 'timeout', phase: 'connecting', response: null });
    } finally {
      await stalled.close();
    }
  });

  it("defaults to the platform's 20 s", () => {
    const parsed = webServiceTestRequestSchema.parse({ url: 'http://127.0.0.1/', body: '{}' });
    expect(parsed.timeoutMs).toBe(platformTimeoutMs);
    expect(platformTimeoutMs).toBe(20_000);
  });
});

describe('network errors', () => {
  it('reports a refused connection in plain words', async () => {
    const port = await freePort();
    const result = await flowbench.test({
      url: `http://127.0.0.1:${port}/`,
      body: platformBody,
      timeoutMs: 2000,
    });
    expect(result).toMatchObject({
      outcome: 'network-error',
      code: 'ECONNREFUSED',
      reason: `Connection refused: nothing is listening on 127.0.0.1:${port}.`,
    });
  });

  it('reports an unknown host name as a DNS failure', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND no-such-host.test'), {
      code: 'ENOTFOUND',
    });
    const withoutDns = await startFlowbench({
      resolveHostName: (_hostName, _options, callback) => callback(notFound, []),
    });
    try {
      const result = await withoutDns.test({
        url: 'http://no-such-host.test:8080/',
        body: '{}',
        timeoutMs: 2000,
      });
      expect(result).toMatchObject({
        outcome: 'network-error',
        code: 'ENOTFOUND',
        reason: 'The host name no-such-host.test could not be found (DNS).',
      });
    } finally {
      await withoutDns.close();
    }
  });

  describe('from a raw TCP server', () => {
    let tcp: TcpServer;
    let behaviour: 'hang-up' | 'garbage' = 'hang-up';
    beforeAll(async () => {
      tcp = createTcpServer((socket) => {
        socket.on('error', () => undefined);
        socket.once('data', () => {
          if (behaviour === 'hang-up') socket.destroy();
          else socket.end('this is not HTTP\r\n\r\n');
        });
      });
      await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => tcp.close(() => resolve())));
    const tcpUrl = () => {
      const address = tcp.address();
      return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}/` : '';
    };

    it('reports a connection closed before answering', async () => {
      behaviour = 'hang-up';
      const result = await flowbench.test({ url: tcpUrl(), body: '{}', timeoutMs: 2000 });
      expect(result).toMatchObject({
        outcome: 'network-error',
        code: 'ECONNRESET',
        reason: 'The server closed the connection before answering.',
      });
    });

    it('reports an answer that is not HTTP', async () => {
      behaviour = 'garbage';
      const result = await flowbench.test({ url: tcpUrl(), body: '{}', timeoutMs: 2000 });
      expect(result).toMatchObject({
        outcome: 'network-error',
        reason: "The server's answer is not valid HTTP.",
      });
      expect(result.outcome === 'network-error' && result.code).toMatch(/^HPE_/);
    });
  });

  it('reports a self-signed certificate in plain words', async () => {
    const fixtures = new URL('./fixtures/', import.meta.url);
    const server = createHttpsServer(
      {
        key: readFileSync(new URL('selfSignedTestKey.pem', fixtures)),
        cert: readFileSync(new URL('selfSignedTestCert.pem', fixtures)),
      },
      (_request, response) => response.end('{}'),
    );
    server.on('tlsClientError', () => undefined);
    const url = (await listen(server)).replace('http:', 'https:');
    try {
      const result = await flowbench.test({ url, body: '{}', timeoutMs: 2000 });
      expect(result).toMatchObject({
        outcome: 'network-error',
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        reason: 'The server uses a self-signed TLS certificate, which is not trusted.',
      });
    } finally {
      await closeServer(server);
    }
  });

  it('reports https:// to a plain http server', async () => {
    const target = await upstream((_request, response) => response.end());
    const result = await flowbench.test({
      url: target.url.replace('http:', 'https:'),
      body: '{}',
      timeoutMs: 2000,
    });
    expect(result).toMatchObject({ outcome: 'network-error' });
    expect(result.outcome === 'network-error' && result.reason).toContain('HTTPS');
  });
});

describe('cancel', () => {
  it('closes the upstream request when the browser aborts, before the upstream answered', async () => {
    let upstreamSawClose: () => void = () => undefined;
    const closedEarly = new Promise<void>((resolve) => (upstreamSawClose = resolve));
    let arrived: () => void = () => undefined;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const target = await upstream((_request, response) => {
      response.on('close', () => {
        if (!response.writableFinished) upstreamSawClose();
      });
      arrived();
    });

    const browser = httpRequest(`${flowbench.url}${webServiceTestPath}`, {
      method: 'POST',
      headers: flowbench.pageHeaders(),
      agent: false,
    });
    let browserGotAnswer = false;
    browser.on('response', () => (browserGotAnswer = true));
    browser.on('error', () => undefined);
    browser.end(JSON.stringify({ url: target.url, body: platformBody, timeoutMs: 5000 }));
    await requestArrived;
    browser.destroy();

    await closedEarly;
    expect(browserGotAnswer).toBe(false);
    // The server is still fine afterwards.
    const after = await flowbench.test({ url: target.url, body: '{}', timeoutMs: 200 });
    expect(after.outcome).toBe('timeout');
  });
});

describe('inbound guard', () => {
  let target: Upstream;
  beforeAll(async () => {
    target = await startUpstream((_request, response) => response.end('{}'));
  });
  afterAll(() => target.close());

  let hitsBefore = 0;
  beforeEach(() => {
    hitsBefore = target.hits();
  });
  const expectNoCall = () => expect(target.hits()).toBe(hitsBefore);

  const validBody = () => JSON.stringify({ url: target.url, body: '{}', timeoutMs: 1000 });
  const post = (headers: Record<string, string>, body: string | Buffer = validBody()) =>
    sendRaw(`${flowbench.url}${webServiceTestPath}`, { method: 'POST', headers, body });

  it('accepts the page itself', async () => {
    const response = await post(flowbench.pageHeaders());
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(target.hits()).toBe(hitsBefore + 1);
  });

  const refusals: [string, () => Record<string, string>, number, RegExp][] = [
    [
      'a form post (text/plain)',
      () => ({ ...flowbench.pageHeaders(), 'Content-Type': 'text/plain' }),
      415,
      /application\/json/,
    ],
    [
      'a foreign Origin',
      () => ({ ...flowbench.pageHeaders(), Origin: 'http://evil.example' }),
      403,
      /evil\.example/,
    ],
    [
      'an https Origin for this host',
      () => ({ ...flowbench.pageHeaders(), Origin: `https://${flowbench.host}` }),
      403,
      /not allowed/,
    ],
    ['a missing Origin', () => withoutHeader(flowbench.pageHeaders(), 'Origin'), 403, /no Origin/],
    [
      'a foreign Host (DNS rebinding)',
      () => ({
        ...flowbench.pageHeaders(),
        Host: `rebind.example:${new URL(flowbench.url).port}`,
        Origin: `http://rebind.example:${new URL(flowbench.url).port}`,
      }),
      403,
      /host name rebind\.example/,
    ],
    [
      'a loopback Host with another port',
      () => ({ ...flowbench.pageHeaders(), Host: '127.0.0.1:1', Origin: 'http://127.0.0.1:1' }),
      403,
      /host name/,
    ],
    [
      'a missing token',
      () => withoutHeader(flowbench.pageHeaders(), webServiceTestTokenHeader),
      403,
      /x-flowbench-token/,
    ],
    [
      'a wrong token',
      () => ({ ...flowbench.pageHeaders(), [webServiceTestTokenHeader]: 'x'.repeat(43) }),
      403,
      /token is wrong/,
    ],
    [
      'a token of another length',
      () => ({ ...flowbench.pageHeaders(), [webServiceTestTokenHeader]: 'short' }),
      403,
      /token is wrong/,
    ],
  ];

  it.each(refusals)('refuses %s and calls nothing', async (_name, headers, status, error) => {
    const response = await post(headers());
    expect(response.status).toBe(status);
    expect(webServiceTestRefusalSchema.parse(JSON.parse(response.text)).error).toMatch(error);
    expect(response.headers['cache-control']).toBe('no-store');
    expectNoCall();
  });

  it('refuses a body over 256 KiB by Content-Length', async () => {
    const body = JSON.stringify({ url: target.url, body: JSON.stringify('x'.repeat(300_000)) });
    const response = await post(flowbench.pageHeaders(), body);
    expect(response.status).toBe(413);
    expectNoCall();
  });

  it('refuses a chunked body once it grows over 256 KiB', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${flowbench.url}${webServiceTestPath}`, {
        method: 'POST',
        headers: { ...flowbench.pageHeaders(), 'Transfer-Encoding': 'chunked' },
        agent: false,
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      request.write(`{"url":"${target.url}","body":"\\"`);
      for (let index = 0; index < 5; index += 1) request.write(chunk);
      // The rest never comes: the server must answer without waiting for the end.
    });
    expect(status).toBe(413);
    expectNoCall();
  });

  it('refuses invalid JSON and schema failures with 400 and the reason', async () => {
    const notJson = await post(flowbench.pageHeaders(), '{nope');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.text)).toEqual({ error: 'The request body is not JSON.' });

    const badTimeout = await post(
      flowbench.pageHeaders(),
      JSON.stringify({ url: target.url, body: '{}', timeoutMs: 5 }),
    );
    expect(badTimeout.status).toBe(400);
    expect(webServiceTestRefusalSchema.parse(JSON.parse(badTimeout.text)).error).toContain(
      'timeoutMs',
    );

    const badBody = await post(
      flowbench.pageHeaders(),
      JSON.stringify({ url: target.url, body: 'not json' }),
    );
    expect(badBody.status).toBe(400);
    expect(badBody.text).toContain('The request body must be valid JSON');
    expectNoCall();
  });

  it('answers GET with 405', async () => {
    const response = await sendRaw(`${flowbench.url}${webServiceTestPath}`, {});
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });
});

describe('GET /api/session', () => {
  const session = (headers: Record<string, string>) =>
    sendRaw(`${flowbench.url}${webServiceTestSessionPath}`, { headers });

  it('hands the page the token, uncached', async () => {
    const response = await session({ 'Sec-Fetch-Site': 'same-origin' });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const { token } = webServiceTestSessionSchema.parse(JSON.parse(response.text));
    // Each page session gets its own token; the one fetched at start stays valid too.
    expect(token).not.toBe(flowbench.token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses other sites and foreign hosts', async () => {
    expect((await session({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await session({ 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await session({ Host: 'rebind.example' })).status).toBe(403);
  });

  it('accepts localhost and configured host names, each with the arrival port', async () => {
    const port = new URL(flowbench.url).port;
    expect((await session({ Host: `localhost:${port}` })).status).toBe(200);
    expect((await session({ Host: `flowbench.lan:${port}` })).status).toBe(403);
    const named = await startFlowbench({ extraHostNames: ['flowbench.lan'] });
    try {
      const namedPort = new URL(named.url).port;
      expect(
        (
          await sendRaw(`${named.url}${webServiceTestSessionPath}`, {
            headers: { Host: `flowbench.lan:${namedPort}` },
          })
        ).status,
      ).toBe(200);
    } finally {
      await named.close();
    }
  });

  it('makes a new token for every server start', async () => {
    const other = await startFlowbench();
    try {
      expect(other.token).not.toBe(flowbench.token);
    } finally {
      await other.close();
    }
  });
});
