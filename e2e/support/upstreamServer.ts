import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the upstream answers on one path. */
export interface UpstreamReply {
  status?: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as it is; anything else is sent as JSON. */
  body?: unknown;
  /** Wait this long before sending the status line and headers. */
  delayMs?: number;
}

/** One request the upstream received, as it arrived. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The client closed the connection before the response was complete. */
  closedBeforeResponse: boolean;
  /** The response was written to the end. */
  answered: boolean;
}

/**
 * A real HTTP endpoint on 127.0.0.1 for the app's server to call: replies are configured per
 * path (default `{ "data": { "variables": {} } }`), every request is recorded.
 */
export class UpstreamServer {
  readonly requests: RecordedRequest[] = [];
  private readonly replies = new Map<string, UpstreamReply>();
  private readonly server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://upstream').pathname;
      const record: RecordedRequest = {
        method: request.method ?? '',
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        closedBeforeResponse: false,
        answered: false,
      };
      this.requests.push(record);
      const reply = this.replies.get(path) ?? { body: { data: { variables: {} } } };
      const timer = setTimeout(() => {
        answer(response, reply);
        record.answered = true;
      }, reply.delayMs ?? 0);
      response.on('close', () => {
        if (!response.writableFinished) {
          record.closedBeforeResponse = true;
          clearTimeout(timer);
        }
      });
    });
  });

  private constructor() {}

  static async start(): Promise<UpstreamServer> {
    const upstream = new UpstreamServer();
    await new Promise<void>((resolve, reject) => {
      upstream.server.once('error', reject);
      upstream.server.listen(0, '127.0.0.1', () => resolve());
    });
    return upstream;
  }

  /** The absolute URL of `path` on this server. */
  url(path = '/hook'): string {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('Not listening');
    const { port }: AddressInfo = address;
    return `http://127.0.0.1:${port}${path}`;
  }

  /** Sets what `path` answers from now on. */
  reply(path: string, reply: UpstreamReply): void {
    this.replies.set(path, reply);
  }

  /** Requests received on `path`, oldest first. */
  requestsTo(path = '/hook'): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function answer(response: ServerResponse, reply: UpstreamReply): void {
  if (Buffer.isBuffer(reply.body)) {
    response.writeHead(reply.status ?? 200, { ...reply.headers });
    response.end(reply.body);
    return;
  }
  const isJson = reply.body !== undefined && typeof reply.body !== 'string';
  const text =
    typeof reply.body === 'string' ? reply.body : isJson ? JSON.stringify(reply.body) : '';
  response.writeHead(reply.status ?? 200, {
    'Content-Type': isJson ? 'application/json' : 'text/plain; charset=utf-8',
    ...reply.headers,
  });
  response.end(text);
}
