import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  webServiceTestPath,
  webServiceTestResultSchema,
  webServiceTestSessionPath,
  webServiceTestSessionSchema,
  webServiceTestTokenHeader,
} from '../domain/webservice/webServiceTestApi';
import { serverUrl, startServer } from './startServer';
import { localTargetPolicy } from './webservice-test/targetPolicy';
import { sendRaw, startUpstream } from './webservice-test/testServers';

describe('the production server', () => {
  let server: Server;
  let url: string;
  let clientDir: string;

  beforeAll(async () => {
    clientDir = await mkdtemp(join(tmpdir(), 'flowbench-client-'));
    await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>Flowbench</title>');
    await mkdir(join(clientDir, 'assets'));
    await writeFile(join(clientDir, 'assets', 'app.js'), 'console.log("app")');
    // As the build leaves them: each file also compressed beside it.
    await writeFile(
      join(clientDir, 'assets', 'app.js.br'),
      brotliCompressSync('console.log("app")'),
    );
    await writeFile(join(clientDir, 'assets', 'app.js.gz'), gzipSync('console.log("app")'));
    server = await startServer({ host: '127.0.0.1', port: 0, clientDir });
    url = serverUrl(server);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('listens on 127.0.0.1 by the given host', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers the health route with JSON', async () => {
    const response = await fetch(`${url}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ ok: true });
  });

  it('serves the built app and falls back to index.html for app paths', async () => {
    const asset = await fetch(`${url}/assets/app.js`);
    expect(await asset.text()).toBe('console.log("app")');
    const deepLink = await fetch(`${url}/some/page`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<title>Flowbench</title>');
  });

  it('sends a file compressed as the browser accepts, brotli first, and plain otherwise', async () => {
    const asset = (acceptEncoding?: string) =>
      sendRaw(`${url}/assets/app.js`, {
        headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {},
      });

    const brotli = await asset('gzip, deflate, br, zstd');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toContain('javascript');
    expect(brotli.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(brotli.bytes).toString()).toBe('console.log("app")');

    const gzip = await asset('gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.bytes).toString()).toBe('console.log("app")');

    const plain = await asset();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe('console.log("app")');
  });

  it('answers unknown API routes with a JSON 404, not the app', async () => {
    const response = await fetch(`${url}/api/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'No route GET /api/nope' });
  });

  it('answers HEAD like GET, and other methods on a known route with 405 and Allow', async () => {
    const head = await fetch(`${url}/api/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${url}/api/health`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('collapses repeated slashes, so //api/health is the API and not the app', async () => {
    const response = await fetch(`${url}//api//health?x=1`);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('forbids framing and sniffing, and limits where the page may connect', async () => {
    const response = await fetch(`${url}/`);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('reports a taken port as an error instead of crashing', async () => {
    const port = Number(new URL(url).port);
    await expect(startServer({ host: '127.0.0.1', port, clientDir })).rejects.toThrow(/EADDRINUSE/);
  });

  it('in shared mode refuses a loopback target without calling it, and its demo still answers', async () => {
    const target = await startUpstream((_request, response) => response.end('{}'));
    const shared = await startServer({
      host: '127.0.0.1',
      port: 0,
      clientDir,
      targetPolicy: { ...localTargetPolicy, mode: 'shared' },
    });
    try {
      const sharedUrl = serverUrl(shared);
      const session = await sendRaw(`${sharedUrl}${webServiceTestSessionPath}`, {});
      const { token } = webServiceTestSessionSchema.parse(JSON.parse(session.text));
      const test = async (url: string, body: string) => {
        const response = await sendRaw(`${sharedUrl}${webServiceTestPath}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Origin: sharedUrl,
            [webServiceTestTokenHeader]: token,
          },
          body: JSON.stringify({ url, body, timeoutMs: 2000 }),
        });
        return webServiceTestResultSchema.parse(JSON.parse(response.text));
      };
      expect(await test(target.url, '{}')).toMatchObject({ outcome: 'rejected' });
      expect(target.hits()).toBe(0);
      const demo = await test(
        `${sharedUrl}/demo/crm-lookup`,
        JSON.stringify({ variables: { email: 'john.smith@example.org' } }),
      );
      expect(demo).toMatchObject({ outcome: 'ok', response: { status: 200 } });
    } finally {
      await new Promise<void>((resolve) => shared.close(() => resolve()));
      await target.close();
    }
  });

  it('says to build first when there is no built app', async () => {
    const emptyDir = await mkdtemp(join(tmpdir(), 'flowbench-empty-'));
    await expect(startServer({ host: '127.0.0.1', port: 0, clientDir: emptyDir })).rejects.toThrow(
      /run "npm run build" first/,
    );
  });
});
