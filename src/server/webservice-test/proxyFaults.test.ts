import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  brotliCompressSync,
  constants,
  createBrotliCompress,
  createGzip,
  deflateRawSync,
  deflateSync,
  gzipSync,
} from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  maxResponseBodyBytes,
  webServiceTestPath,
  type WebServiceTestResult,
} from '../../domain/webservice/webServiceTestApi';
import { sendWebServiceTest } from './sendWebServiceTest';
import { localTargetPolicy } from './targetPolicy';
import {
  allConnectionsClosed,
  closeServer,
  freePort,
  listen,
  startFlowbench,
  startRawUpstream,
  startUpstream,
  type Flowbench,
  type RawUpstream,
  type Upstream,
} from './testServers';

/*
 * Faults of the author's endpoint that the proxy survives: each gives the right outcome, the
 * proxy closes every socket it opened (the endpoint sees its connections drop to 0), and the
 * next call through the same server still works (checked after every test).
 */

const platformBody = JSON.stringify({ variables: { email: 'john.smith@example.org' } });
const variablesAnswer = JSON.stringify({ data: { variables: { firstname: 'John' } } });

let flowbench: Flowbench;
let healthy: Upstream;
const started: (Upstream | RawUpstream)[] = [];

async function upstream(...args: Parameters<typeof startUpstream>): Promise<Upstream> {
  const target = await startUpstream(...args);
  started.push(target);
  return target;
}
async function rawUpstream(...args: Parameters<typeof startRawUpstream>): Promise<RawUpstream> {
  const target = await startRawUpstream(...args);
  started.push(target);
  return target;
}
const call = (url: string, timeoutMs = 2000) =>
  flowbench.test({ url, body: platformBody, timeoutMs });

beforeAll(async () => {
  // Every name is unknown: these tests call IP literals, and never the system's DNS.
  flowbench = await startFlowbench({
    resolveHostName: (hostName, _options, callback) =>
      callback(
        Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostName}`), { code: 'ENOTFOUND' }),
        [],
      ),
  });
  healthy = await startUpstream((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(variablesAnswer);
  });
});
afterEach(async () => {
  // Every socket the proxy opened is closed, and the server answers the next call.
  await Promise.all(started.map((target) => allConnectionsClosed(target.server)));
  await Promise.all(started.splice(0).map((target) => target.close()));
  expect(await call(healthy.url)).toMatchObject({
    outcome: 'ok',
    bodyKind: 'variables',
    response: { body: variablesAnswer },
  });
});
afterAll(async () => {
  await healthy.close();
  await flowbench.close();
});

describe('an endpoint that is slow or stops', () => {
  it('never answers: a timeout while waiting for the response', async () => {
    const target = await upstream(() => undefined);
    expect(await call(target.url, 300)).toMatchObject({
      outcome: 'timeout',
      phase: 'waiting-for-response',
      response: null,
    });
  });

  it('sends its headers a byte at a time: a timeout while waiting for the response', async () => {
    const target = await rawUpstream((socket) => {
      const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: aaaaaaaaaaaaaaa';
      let sent = 0;
      const trickle = setInterval(() => {
        if (socket.destroyed || sent >= head.length) clearInterval(trickle);
        else socket.write(head.charAt(sent++));
      }, 20);
      socket.on('close', () => clearInterval(trickle));
    });
    expect(await call(target.url, 300)).toMatchObject({
      outcome: 'timeout',
      phase: 'waiting-for-response',
      response: null,
      timings: { firstByteMs: null },
    });
  });

  it('drips its body past the deadline: a timeout while reading, with what came', async () => {
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"data":');
      const drip = setInterval(() => response.write(' '), 30);
      response.on('close', () => clearInterval(drip));
    });
    const result = await call(target.url, 300);
    expect(result).toMatchObject({ outcome: 'timeout', phase: 'reading-body' });
    expect(result.outcome === 'timeout' && result.response?.body).toMatch(/^\{"data": +$/);
  });

  it('closes the connection before answering: a network error', async () => {
    const target = await rawUpstream((socket) => socket.destroy());
    expect(await call(target.url)).toMatchObject({
      outcome: 'network-error',
      code: 'ECONNRESET',
      reason: 'The server closed the connection before answering.',
    });
  });

  it('is not listening: connection refused', async () => {
    const port = await freePort();
    expect(await call(`http://127.0.0.1:${port}/`)).toMatchObject({
      outcome: 'network-error',
      code: 'ECONNREFUSED',
    });
  });

  it('has a name nobody knows: a DNS failure', async () => {
    expect(await call('http://no-such-host.test/')).toMatchObject({
      outcome: 'network-error',
      code: 'ENOTFOUND',
      reason: 'The host name no-such-host.test could not be found (DNS).',
    });
  });

  it('resets the connection in the middle of the body: a network error', async () => {
    const target = await upstream((request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
      response.write('{"data":', () => setTimeout(() => request.socket.resetAndDestroy(), 20));
    });
    expect(await call(target.url)).toMatchObject({
      outcome: 'network-error',
      code: 'ECONNRESET',
      reason: 'The server closed the connection before the body was complete.',
    });
  });
});

describe('Content-Length that does not match the body', () => {
  it('shorter body, then the connection closes: a network error', async () => {
    const target = await rawUpstream((socket) =>
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"data":{}}'),
    );
    expect(await call(target.url)).toMatchObject({
      outcome: 'network-error',
      reason: 'The server closed the connection before the body was complete.',
    });
  });

  it('shorter body on a connection kept open: a timeout while reading', async () => {
    const target = await rawUpstream((socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"data":{}}'),
    );
    expect(await call(target.url, 300)).toMatchObject({
      outcome: 'timeout',
      phase: 'reading-body',
      response: { status: 200, body: '{"data":{}}' },
    });
  });

  it('longer body: the declared bytes are the answer, the rest is dropped', async () => {
    const target = await rawUpstream((socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{"data":{}}and then some garbage'),
    );
    expect(await call(target.url)).toMatchObject({
      outcome: 'ok',
      response: { body: '{"data":{}}', sizeBytes: 11, truncated: false },
    });
  });
});

describe('answers that are not final', () => {
  it.each([
    [
      '101 with Upgrade',
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      101,
    ],
    ['101 without Upgrade', 'HTTP/1.1 101 Switching Protocols\r\n\r\n', 101],
    ['102 Processing', 'HTTP/1.1 102 Processing\r\n\r\n', 102],
    ['103 Early Hints', 'HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n', 103],
  ])('%s is an http-error at once, not a timeout', async (_name, answer, status) => {
    const target = await rawUpstream((socket) => socket.write(answer));
    // A 10 s deadline: waiting for it would overrun the test's own 5 s limit.
    expect(await call(target.url, 10_000)).toMatchObject({
      outcome: 'http-error',
      response: { status, body: '' },
    });
  });

  it('100 Continue is followed by the real answer', async () => {
    const target = await rawUpstream((socket) =>
      socket.write(
        `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: ${variablesAnswer.length}\r\n\r\n${variablesAnswer}`,
      ),
    );
    expect(await call(target.url)).toMatchObject({
      outcome: 'ok',
      response: { status: 200, body: variablesAnswer },
    });
  });
});

describe('answers with the wrong status or shape', () => {
  it('204 with no body is ok and sets nothing', async () => {
    const target = await upstream((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    expect(await call(target.url)).toMatchObject({
      outcome: 'ok',
      response: { status: 204, body: '', sizeBytes: 0 },
    });
  });

  it.each([400, 404, 500, 502])(
    '%i with an HTML page is an http-error with the page',
    async (status) => {
      const page = `<!doctype html><html><body><h1>Error ${status}</h1></body></html>`;
      const target = await upstream((_request, response) => {
        response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(page);
      });
      expect(await call(target.url)).toMatchObject({
        outcome: 'http-error',
        response: { status, body: page },
      });
    },
  );

  it.each([
    ['truncated JSON', '{"data":{"variables":{"a":"b"', 'The body is not JSON.'],
    ['null', 'null', 'The body is JSON but not an object.'],
    ['an array', '[{"data":{}}]', 'The body is JSON but not an object.'],
    ['a number', '42', 'The body is JSON but not an object.'],
    [
      'data.variables as a list',
      '{"data":{"variables":["a","b"]}}',
      'data.variables is not an object of name → value, so it sets nothing.',
    ],
    [
      'data.variables as a string',
      '{"data":{"variables":"a=b"}}',
      'data.variables is not an object of name → value, so it sets nothing.',
    ],
    [
      '100,000 nested arrays',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      'The body is JSON but not an object.',
    ],
    ['100,000 unclosed arrays', '['.repeat(100_000), 'The body is not JSON.'],
  ])('%s is an invalid response with the reason', async (_name, answer, reason) => {
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(answer);
    });
    expect(await call(target.url)).toMatchObject({
      outcome: 'invalid-response',
      reason,
      response: { body: answer },
    });
  });

  it('an object nested 100,000 levels deep is ok (it sets nothing) and the server survives', async () => {
    const answer = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const target = await upstream((_request, response) => response.end(answer));
    expect(await call(target.url)).toMatchObject({ outcome: 'ok', response: { body: answer } });
  });

  it('60,000 variables in 1 MiB come back whole', async () => {
    const variables = Object.fromEntries(
      Array.from({ length: 60_000 }, (_, index) => [`v${index}`, String(index)]),
    );
    const answer = JSON.stringify({ data: { variables } });
    expect(answer.length).toBeLessThan(maxResponseBodyBytes);
    const target = await upstream((_request, response) => response.end(answer));
    expect(await call(target.url)).toMatchObject({ outcome: 'ok', response: { body: answer } });
  });
});

describe('bodies over the cap and the size of the envelope', () => {
  it('stops reading a body that never ends at 1 MiB and closes the connection', async () => {
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
      };
      response.on('drain', pump);
      pump();
    });
    const result = await call(target.url, 5000);
    expect(result).toMatchObject({
      outcome: 'invalid-response',
      bodyKind: 'truncated',
      response: { truncated: true },
    });
    expect(result.outcome === 'invalid-response' && result.response.body.length).toBe(
      maxResponseBodyBytes,
    );
  });

  it('carries 1 MiB of control bytes as base64, in an envelope under twice its size', async () => {
    const controlBytes = Buffer.alloc(maxResponseBodyBytes, 0x01);
    const target = await upstream((_request, response) => response.end(controlBytes));
    const { result, envelopeBytes } = await flowbench.testWithSize({
      url: target.url,
      body: platformBody,
      timeoutMs: 5000,
    });
    expect(result).toMatchObject({
      outcome: 'invalid-response',
      response: { bodyEncoding: 'base64', sizeBytes: maxResponseBodyBytes, truncated: false },
    });
    expect(bodyBytesOf(result)?.equals(controlBytes)).toBe(true);
    expect(envelopeBytes).toBeLessThan(2 * maxResponseBodyBytes);
  });

  it('carries 1 MiB of random bytes as base64, exactly as sent', async () => {
    const random = randomBytes(maxResponseBodyBytes);
    const target = await upstream((_request, response) => {
      response.writeHead(500, { 'Content-Type': 'application/octet-stream' });
      response.end(random);
    });
    const { result, envelopeBytes } = await flowbench.testWithSize({
      url: target.url,
      body: platformBody,
      timeoutMs: 5000,
    });
    expect(result).toMatchObject({ outcome: 'http-error', response: { bodyEncoding: 'base64' } });
    expect(bodyBytesOf(result)?.equals(random)).toBe(true);
    expect(envelopeBytes).toBeLessThan(2 * maxResponseBodyBytes);
  });

  it('keeps text as text: 1 MiB of quotes stays within twice its size', async () => {
    const quotes = '"'.repeat(maxResponseBodyBytes);
    const target = await upstream((_request, response) => response.end(quotes));
    const { result, envelopeBytes } = await flowbench.testWithSize({
      url: target.url,
      body: platformBody,
      timeoutMs: 5000,
    });
    expect(result.outcome === 'invalid-response' && result.response.body).toBe(quotes);
    expect(result.outcome === 'invalid-response' && result.response.bodyEncoding).toBeUndefined();
    expect(envelopeBytes).toBeLessThan(2 * maxResponseBodyBytes + 4096);
  });
});

describe('compressed answers and charsets', () => {
  const compressible = JSON.stringify({
    data: { variables: { note: 'say it again '.repeat(200) } },
  });
  it.each([
    ['gzip', 'gzip', gzipSync],
    ['deflate (zlib)', 'deflate', deflateSync],
    ['deflate (raw)', 'deflate', deflateRawSync],
    ['br', 'br', brotliCompressSync],
  ] as const)('decodes %s and says so', async (_name, encoding, compress) => {
    const compressed = compress(compressible);
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding });
      response.end(compressed);
    });
    expect(await call(target.url)).toMatchObject({
      outcome: 'ok',
      response: { body: compressible, sizeBytes: compressed.length, decoded: { encoding } },
    });
    expect(target.received[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each([
    ['gzip', () => createGzip({ level: 1 })],
    ['br', () => createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } })],
  ] as const)(
    'cuts an endless %s bomb off at 1 MiB of decoded text',
    async (encoding, compressor) => {
      const target = await upstream((_request, response) => {
        response.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Encoding': encoding,
        });
        // Compressed text that never ends: expanding it whole would never finish.
        const bomb = compressor();
        bomb.pipe(response);
        bomb.write('{"data":{"variables":{"x":"');
        const text = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (!response.destroyed && bomb.write(text));
        };
        bomb.on('drain', pump);
        response.on('close', () => bomb.destroy());
        pump();
      });
      const result = await call(target.url, 5000);
      expect(result).toMatchObject({
        outcome: 'invalid-response',
        reason: 'The body was cut off at 1 MiB, so it is not complete JSON.',
        response: { truncated: true, decoded: { encoding } },
      });
      if (result.outcome !== 'invalid-response') return;
      expect(result.response.body.length).toBe(maxResponseBodyBytes);
      // Cut by the decoded size, long before 1 MiB of compressed bytes had come.
      expect(result.response.sizeBytes).toBeLessThan(maxResponseBodyBytes / 4);
    },
  );

  it('reports a gzip body that does not decompress', async () => {
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Encoding': 'gzip' });
      response.end('this is not gzip');
    });
    const result = await call(target.url);
    expect(result).toMatchObject({ outcome: 'invalid-response' });
    expect(result.outcome === 'invalid-response' && result.reason).toMatch(
      /^The body is gzip-compressed, but it could not be decompressed/,
    );
  });

  it('reads a Latin-1 answer right and says which charset it used', async () => {
    const answer = '{"data":{"variables":{"city":"Zürich","greeting":"Grüezi, café"}}}';
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json; charset=ISO-8859-1' });
      response.end(Buffer.from(answer, 'latin1'));
    });
    expect(await call(target.url)).toMatchObject({
      outcome: 'ok',
      response: { body: answer, decoded: { charset: 'windows-1252' } },
    });
  });

  it('reads UTF-16 by its charset', async () => {
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-16le' });
      response.end(Buffer.from(variablesAnswer, 'utf16le'));
    });
    expect(await call(target.url)).toMatchObject({
      outcome: 'ok',
      response: { body: variablesAnswer, decoded: { charset: 'utf-16le' } },
    });
  });

  it('says nothing about decoding a plain UTF-8 answer', async () => {
    const result = await call(healthy.url);
    expect(result.outcome === 'ok' && result.response).not.toHaveProperty('decoded');
  });
});

describe('headers that stay on their own hop', () => {
  it("drops the upstream's Set-Cookie and hop-by-hop headers from the envelope", async () => {
    const target = await upstream((_request, response) => {
      response.setHeader('Set-Cookie', ['session=secret', 'other=1']);
      response.setHeader('Connection', 'keep-alive, X-Hop-Only');
      response.setHeader('Keep-Alive', 'timeout=5');
      response.setHeader('X-Hop-Only', 'private');
      response.setHeader('Proxy-Authenticate', 'Basic');
      response.setHeader('Trailer', 'X-Checksum');
      response.setHeader('X-Kept', 'yes');
      response.write('{}');
      response.end();
    });
    const result = await call(target.url);
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    expect(result.response.headers['x-kept']).toBe('yes');
    for (const name of [
      'set-cookie',
      'connection',
      'keep-alive',
      'x-hop-only',
      'proxy-authenticate',
      'trailer',
      'transfer-encoding',
    ]) {
      expect(result.response.headers).not.toHaveProperty(name);
    }
  });

  it("never forwards the browser's own hop-by-hop headers or cookies to the upstream", async () => {
    const target = await upstream((_request, response) => response.end('{}'));
    const response = await new Promise<number>((resolve, reject) => {
      const browser = httpRequest(`${flowbench.url}${webServiceTestPath}`, {
        method: 'POST',
        agent: false,
        headers: {
          ...flowbench.pageHeaders(),
          Cookie: 'flowbench=1',
          TE: 'trailers',
          'Keep-Alive': 'timeout=5',
          'Proxy-Authorization': 'Basic eDp5',
          Connection: 'keep-alive, X-Hop-Only',
          'X-Hop-Only': 'private',
        },
      });
      browser.on('response', (answer) => {
        answer.resume();
        answer.on('end', () => resolve(answer.statusCode ?? 0));
      });
      browser.on('error', reject);
      browser.end(JSON.stringify({ url: target.url, body: '{}', timeoutMs: 2000 }));
    });
    expect(response).toBe(200);
    expect(Object.keys(target.received[0]?.headers ?? {}).sort()).toEqual([
      'accept-encoding',
      'connection',
      'content-length',
      'content-type',
      'host',
    ]);
    // The proxy's own connection header (it keeps its connections to the upstream open), not
    // the browser's list with X-Hop-Only in it.
    expect(target.received[0]?.headers.connection).toBe('keep-alive');
  });
});

describe('the browser cancelling', () => {
  it('mid-body: the upstream request is aborted and its socket freed', async () => {
    let bodyStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (bodyStarted = resolve));
    let upstreamSawClose: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (upstreamSawClose = resolve));
    const target = await upstream((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"data":', () => bodyStarted());
      response.on('close', () => upstreamSawClose());
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
    await started;
    browser.destroy();
    await closed;
    await allConnectionsClosed(target.server);
    expect(browserGotAnswer).toBe(false);
  });
});

describe('TLS certificates that must not be accepted', () => {
  const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
  const testCa = fixture('testCaCert.pem').toString();

  /** Calls an HTTPS server with `certificate`, trusting the test CA besides the system's. */
  async function callOverTls(certificate: string, key = 'testLeafKey.pem') {
    let hits = 0;
    const server = createHttpsServer(
      { key: fixture(key), cert: fixture(certificate) },
      (_request, response) => {
        hits += 1;
        response.end(variablesAnswer);
      },
    );
    server.on('tlsClientError', () => undefined);
    const port = new URL(await listen(server)).port;
    try {
      const result = await sendWebServiceTest(
        {
          url: `https://127.0.0.1:${port}/`,
          authorization: '',
          body: platformBody,
          timeoutMs: 2000,
        },
        { policy: localTargetPolicy, extraCaCertificates: [testCa] },
      );
      await allConnectionsClosed(server);
      return { result, hits };
    } finally {
      await closeServer(server);
    }
  }

  it('accepts a valid certificate from the test CA (so the refusals below are about the certificate)', async () => {
    expect(await callOverTls('validTestCert.pem')).toMatchObject({
      result: { outcome: 'ok', response: { body: variablesAnswer } },
      hits: 1,
    });
  });

  it.each([
    [
      'an expired certificate',
      'expiredTestCert.pem',
      'testLeafKey.pem',
      'CERT_HAS_EXPIRED',
      "The server's TLS certificate has expired.",
    ],
    [
      'a certificate for another host',
      'wrongHostTestCert.pem',
      'testLeafKey.pem',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      "The server's TLS certificate is not valid for the host name 127.0.0.1.",
    ],
    [
      'a self-signed certificate',
      'selfSignedTestCert.pem',
      'selfSignedTestKey.pem',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'The server uses a self-signed TLS certificate, which is not trusted.',
    ],
  ])('refuses %s and sends nothing', async (_name, certificate, key, code, reason) => {
    expect(await callOverTls(certificate, key)).toMatchObject({
      result: { outcome: 'network-error', code, reason },
      hits: 0,
    });
  });
});

function bodyBytesOf(result: WebServiceTestResult): Buffer | null {
  if (!('response' in result) || result.response === null) return null;
  return result.response.bodyEncoding === 'base64'
    ? Buffer.from(result.response.body, 'base64')
    : Buffer.from(result.response.body);
}
