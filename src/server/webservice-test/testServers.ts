import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTcpServer, type Server as NetServer, type Socket } from 'node:net';
import {
  webServiceTestPath,
  webServiceTestResultSchema,
  webServiceTestSessionPath,
  webServiceTestSessionSchema,
  webServiceTestTokenHeader,
  type WebServiceTestResult,
} from '../../domain/webservice/webServiceTestApi';
import { createApiMiddleware, sendJson, type ApiMiddlewareOptions } from '../createApiMiddleware';

/* Real HTTP servers on 127.0.0.1 for the server tests: the author's endpoint and Flowbench. */

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Upstream {
  url: string;
  /** Requests that arrived, counted before their body was read. */
  hits: () => number;
  received: ReceivedRequest[];
  server: Server;
  close: () => Promise<void>;
}

/** An endpoint that reads each request body, records it, then lets `handle` answer. */
export async function startUpstream(
  handle: (request: IncomingMessage, response: ServerResponse, body: string) => void,
): Promise<Upstream> {
  let hits = 0;
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    hits += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      handle(request, response, body);
    });
  });
  const url = await listen(server);
  return { url, hits: () => hits, received, server, close: () => closeServer(server) };
}

export interface RawUpstream {
  url: string;
  server: NetServer;
  close: () => Promise<void>;
}

/** A TCP server on 127.0.0.1 for answers no HTTP server would give; `onRequest` gets the socket once the request's first bytes arrived. */
export async function startRawUpstream(onRequest: (socket: Socket) => void): Promise<RawUpstream> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', () => onRequest(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Not a TCP server');
  const close = () => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${address.port}/`, server, close };
}

/**
 * Resolves once `server` holds no open connection, i.e. the proxy closed every socket it opened;
 * rejects when some are still open after `withinMs`.
 */
export async function allConnectionsClosed(server: NetServer, withinMs = 2000): Promise<void> {
  const giveUpAt = Date.now() + withinMs;
  for (;;) {
    const open = await new Promise<number>((resolve, reject) =>
      server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    );
    if (open === 0) return;
    if (Date.now() > giveUpAt) throw new Error(`${open} connection(s) still open`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Not a TCP server');
  return `http://127.0.0.1:${address.port}`;
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = createServer();
  const url = await listen(server);
  await closeServer(server);
  return Number(new URL(url).port);
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as received, e.g. still compressed. */
  bytes: Buffer;
}

/** One HTTP request with exactly the given headers (Host and Origin included). */
export function sendRaw(
  url: string,
  options: { method?: string; headers?: OutgoingHttpHeaders; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: bytes.toString('utf8'),
            bytes,
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

export interface Flowbench {
  url: string;
  /** `127.0.0.1:<port>`, what a browser on this page sends as Host. */
  host: string;
  token: string;
  /** The headers the Flowbench page itself sends to the test route. */
  pageHeaders: () => Record<string, string>;
  /** Posts to the test route as the page does, and parses the result envelope. */
  test: (request: unknown) => Promise<WebServiceTestResult>;
  /** The same, with the size of the envelope as it travelled. */
  testWithSize: (
    request: unknown,
  ) => Promise<{ result: WebServiceTestResult; envelopeBytes: number }>;
  close: () => Promise<void>;
}

/** A real server mounting the API middleware, with the session token already fetched. */
export async function startFlowbench(options: ApiMiddlewareOptions = {}): Promise<Flowbench> {
  const api = createApiMiddleware(options);
  const server = createServer((request, response) =>
    api(request, response, () => sendJson(response, 404, { error: 'not an API route' })),
  );
  const url = await listen(server);
  const host = new URL(url).host;
  const session = await sendRaw(`${url}${webServiceTestSessionPath}`, {});
  const { token } = webServiceTestSessionSchema.parse(JSON.parse(session.text));
  const pageHeaders = () => ({
    'Content-Type': 'application/json',
    Origin: `http://${host}`,
    [webServiceTestTokenHeader]: token,
  });
  const testWithSize = async (request: unknown) => {
    const response = await sendRaw(`${url}${webServiceTestPath}`, {
      method: 'POST',
      headers: pageHeaders(),
      body: JSON.stringify(request),
    });
    if (response.status !== 200) throw new Error(`${response.status}: ${response.text}`);
    const result = webServiceTestResultSchema.parse(JSON.parse(response.text));
    return { result, envelopeBytes: Buffer.byteLength(response.text) };
  };
  const test = async (request: unknown) => (await testWithSize(request)).result;
  return {
    url,
    host,
    token,
    pageHeaders,
    test,
    testWithSize,
    close: () => closeServer(server),
  };
}
