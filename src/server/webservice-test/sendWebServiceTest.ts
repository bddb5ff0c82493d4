import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { Transform } from 'node:stream';
import { rootCertificates, TLSSocket } from 'node:tls';
import { classifyResponseBody } from '../../domain/webservice/classifyResponseBody';
import { isSuccessStatus } from '../../domain/webservice/webServiceContract';
import {
  maxResponseBodyBytes,
  type ParsedWebServiceTestRequest,
  type WebServiceTestResponse,
  type WebServiceTestResult,
} from '../../domain/webservice/webServiceTestApi';
import {
  createContentDecoder,
  type ContentDecoder,
  type ContentEncoding,
} from './createContentDecoder';
import { decodeResponseText, isTooCostlyAsText } from './decodeResponseText';
import { describeNetworkError } from './describeNetworkError';
import { envelopeHeaders } from './envelopeHeaders';
import {
  checkTargetUrl,
  createTargetLookup,
  TargetRefusedError,
  type ResolveHostName,
  type TargetPolicy,
} from './targetPolicy';

export interface SendWebServiceTestOptions {
  policy: TargetPolicy;
  /** How host names become addresses; the system's DNS unless a test maps names itself. */
  resolveHostName?: ResolveHostName;
  /** Aborting destroys the outgoing request at once; the promise then settles with `ECANCELED`. */
  signal?: AbortSignal;
  /** CA certificates (PEM) trusted besides the system's; tests sign their servers with one. */
  extraCaCertificates?: readonly string[];
  /**
   * Connections kept open between calls. Only for calls judged by one policy and one resolver:
   * a kept connection was checked by the lookup when it was opened, not again when reused.
   * Without, every call opens a fresh connection (DNS, connect and the lookup every time).
   */
  connections?: UpstreamConnections;
}

export interface UpstreamConnections {
  http: HttpAgent;
  https: HttpsAgent;
}

/** An idle connection is closed after this long: a burst of calls reuses it, none lingers. */
const idleConnectionMs = 1000;

export function createUpstreamConnections(): UpstreamConnections {
  const options = { keepAlive: true, timeout: idleConnectionMs, scheduling: 'lifo' } as const;
  return { http: new HttpAgent(options), https: new HttpsAgent(options) };
}

type Phase = 'connecting' | 'waiting-for-response' | 'reading-body';

/**
 * Sends the platform's POST to the author's URL, as the WebService module would, and describes
 * what came back (or did not) as one result. Never rejects: every failure is a result.
 */
export function sendWebServiceTest(
  request: ParsedWebServiceTestRequest,
  options: SendWebServiceTestOptions,
): Promise<WebServiceTestResult> {
  const target = checkTargetUrl(request.url, options.policy);
  if (!target.allowed) return Promise.resolve({ outcome: 'rejected', reason: target.reason });
  if (options.signal?.aborted) return Promise.resolve(cancelledResult(0));
  return new Promise((resolve) => exchange(target.url, request, options, resolve));
}

function exchange(
  url: URL,
  request: ParsedWebServiceTestRequest,
  options: SendWebServiceTestOptions,
  resolve: (result: WebServiceTestResult) => void,
): void {
  const isHttps = url.protocol === 'https:';
  // Sent as text: Node writes the head and a text body in one piece, without a Buffer copy.
  const body = request.body;
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body, 'utf8'),
    'Accept-Encoding': 'gzip, deflate, br',
  };
  if (request.authorization !== '') headers.Authorization = request.authorization;

  const startedAt = performance.now();
  const elapsedMs = () => Math.round((performance.now() - startedAt) * 10) / 10;
  let upstream: ClientRequest;
  try {
    upstream = (isHttps ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      headers,
      agent: (isHttps ? options.connections?.https : options.connections?.http) ?? false,
      lookup: createTargetLookup(options.policy, options.resolveHostName),
      ...(options.extraCaCertificates
        ? { ca: [...rootCertificates, ...options.extraCaCertificates] }
        : {}),
    });
  } catch (error) {
    resolve({ outcome: 'rejected', reason: unsendableReason(error) });
    return;
  }

  let phase: Phase = 'connecting';
  let firstByteMs: number | null = null;
  let head: ResponseHead | null = null;
  let contentType: string | undefined;
  let decoding: { encoding: ContentEncoding; stream: Transform } | null = null;
  let decodingFailure: string | null = null;
  const chunks: Buffer[] = [];
  let storedBytes = 0;
  let sizeBytes = 0;
  let truncated = false;
  let incoming: IncomingMessage | null = null;
  let settled = false;

  const settle = (result: WebServiceTestResult) => {
    if (settled) return;
    settled = true;
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', cancel);
    upstream.destroy();
    decoding?.stream.destroy();
    resolve(result);
  };
  const timings = () => ({ totalMs: elapsedMs(), firstByteMs });
  const readBody = (): ReadBody => {
    const bytes = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
    return { bytes, ...decodeResponseText(bytes, contentType, truncated) };
  };
  /** `keepText`: the body is JSON the platform accepts, so it travels as text whatever it costs. */
  const responseOf = (
    responseHead: ResponseHead,
    { bytes, text, charset }: ReadBody,
    keepText: boolean,
  ): WebServiceTestResponse => {
    const asBase64 = !keepText && isTooCostlyAsText(text, bytes.length);
    const decoded = {
      ...(decoding ? { encoding: decoding.encoding } : {}),
      ...(charset !== null && !asBase64 ? { charset } : {}),
    };
    return {
      ...responseHead,
      body: asBase64 ? bytes.toString('base64') : text,
      sizeBytes,
      truncated,
      ...(asBase64 ? { bodyEncoding: 'base64' } : {}),
      ...(Object.keys(decoded).length > 0 ? { decoded } : {}),
    };
  };
  const responseSoFar = (): WebServiceTestResponse | null =>
    head && responseOf(head, readBody(), false);
  const failWith = (error: unknown) => {
    // Bytes after a complete answer (more than its Content-Length) are not part of it: the
    // parser's complaint about them must not hide the answer, whose 'end' is on its way.
    if (incoming?.complete === true) return;
    // A kept connection the upstream closed while it was idle fails at once, before any
    // answer: the call goes again on a fresh connection (the upstream never saw it).
    if (upstream.reusedSocket && head === null && !settled && isConnectionReset(error)) {
      settled = true;
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', cancel);
      upstream.destroy();
      exchange(url, request, { ...options, connections: undefined }, resolve);
      return;
    }
    if (error instanceof TargetRefusedError) {
      settle({ outcome: 'rejected', reason: error.message });
      return;
    }
    const described = describeNetworkError(error, url.host);
    const reason =
      head !== null && described.code === 'ECONNRESET'
        ? 'The server closed the connection before the body was complete.'
        : described.reason;
    settle({ outcome: 'network-error', timings: timings(), code: described.code, reason });
  };
  const finishBody = () => {
    if (head === null) return;
    const body = readBody();
    const totals = timings();
    if (!isSuccessStatus(head.status)) {
      settle({ outcome: 'http-error', timings: totals, response: responseOf(head, body, false) });
      return;
    }
    if (decodingFailure !== null) {
      const response = responseOf(head, body, false);
      settle({
        outcome: 'invalid-response',
        timings: totals,
        response,
        reason: decodingFailure,
        bodyKind: 'undecodable',
      });
      return;
    }
    const verdict = classifyResponseBody(body.text, truncated);
    const response = responseOf(head, body, verdict.acceptable);
    settle(
      verdict.acceptable
        ? { outcome: 'ok', timings: totals, response, bodyKind: verdict.kind }
        : {
            outcome: 'invalid-response',
            timings: totals,
            response,
            reason: verdict.reason,
            bodyKind: verdict.kind,
          },
    );
  };
  /** An answer that is not final (1xx), reported as it stands: the exchange cannot go on. */
  const finishInterim = (interim: ResponseHead) => {
    firstByteMs = elapsedMs();
    head = interim;
    finishBody();
  };
  /** Keeps decoded bytes up to the cap; beyond it the body is cut off and the exchange ends. */
  const keep = (chunk: Buffer) => {
    const room = maxResponseBodyBytes - storedBytes;
    if (chunk.length <= room) {
      chunks.push(chunk);
      storedBytes += chunk.length;
      return;
    }
    chunks.push(chunk.subarray(0, room));
    storedBytes += room;
    truncated = true;
    finishBody();
  };
  const startDecoding = (decoder: ContentDecoder, firstChunk: Buffer): Transform => {
    const stream = decoder.streamFor(firstChunk);
    decoding = { encoding: decoder.encoding, stream };
    stream.on('data', keep);
    stream.on('end', finishBody);
    stream.on('error', (error: Error) => {
      if (!truncated) {
        decodingFailure = `The body is ${decoder.encoding}-compressed, but it could not be decompressed (${error.message}).`;
      }
      finishBody();
    });
    return stream;
  };
  const cancel = () => settle(cancelledResult(elapsedMs()));

  const deadline = setTimeout(() => {
    settle({
      outcome: 'timeout',
      timings: timings(),
      timeoutMs: request.timeoutMs,
      phase,
      response: responseSoFar(),
    });
  }, request.timeoutMs);
  options.signal?.addEventListener('abort', cancel, { once: true });

  upstream.on('socket', (socket) => {
    if (upstream.reusedSocket) {
      phase = 'waiting-for-response';
      return;
    }
    socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
      if (phase === 'connecting') phase = 'waiting-for-response';
    });
  });
  upstream.on('error', failWith);
  // 102, 103 and the like are reported at once: waiting for a final answer that may never come
  // would end as a timeout after the whole deadline, which says nothing about the cause.
  upstream.on('information', (information) => {
    if (information.statusCode === 100) return;
    finishInterim(headOf(information.statusCode, information.statusMessage, information.headers));
  });
  // 101 Switching Protocols with an Upgrade header: Node hands over the socket, which we close.
  upstream.on('upgrade', (response: IncomingMessage, socket: Socket) => {
    socket.destroy();
    finishInterim(headOf(response.statusCode, response.statusMessage, response.headers));
  });
  upstream.on('response', (response: IncomingMessage) => {
    firstByteMs = elapsedMs();
    phase = 'reading-body';
    incoming = response;
    head = headOf(response.statusCode, response.statusMessage, response.headers);
    if (head.status < 200) {
      finishBody();
      return;
    }
    contentType = response.headers['content-type'];
    const decoder = createContentDecoder(response.headers['content-encoding']);
    response.on('data', (chunk: Buffer) => {
      if (settled) return;
      sizeBytes += chunk.length;
      if (decoder === null) {
        keep(chunk);
        return;
      }
      if (truncated) return;
      // The cap holds for the compressed bytes too: what arrives beyond it is not decoded.
      const room = maxResponseBodyBytes - (sizeBytes - chunk.length);
      const stream = decoding?.stream ?? startDecoding(decoder, chunk);
      if (chunk.length < room) {
        stream.write(chunk);
        return;
      }
      truncated = true;
      stream.end(chunk.subarray(0, room));
    });
    response.on('end', () => {
      if (settled || truncated) return;
      if (decoding) decoding.stream.end();
      else finishBody();
    });
    response.on('error', failWith);
    response.on('close', () => {
      if (!response.complete) failWith(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    });
  });
  upstream.end(body, 'utf8');
}

type ResponseHead = Pick<WebServiceTestResponse, 'status' | 'statusText' | 'headers'>;

interface ReadBody {
  /** The body as received, after any Content-Encoding was undone. */
  bytes: Buffer;
  text: string;
  charset: string | null;
}

function headOf(
  statusCode: number | undefined,
  statusMessage: string | undefined,
  headers: IncomingHttpHeaders,
): ResponseHead {
  return {
    status: statusCode ?? 0,
    statusText: statusMessage ?? '',
    headers: envelopeHeaders(headers),
  };
}

function isConnectionReset(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

function cancelledResult(totalMs: number): WebServiceTestResult {
  return {
    outcome: 'network-error',
    timings: { totalMs, firstByteMs: null },
    code: 'ECANCELED',
    reason: 'The test was cancelled.',
  };
}

function unsendableReason(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'ERR_INVALID_CHAR') {
    return 'The Authorization value cannot be sent as an HTTP header (it contains a line break or a character outside Latin-1).';
  }
  return `The request could not be sent: ${error instanceof Error ? error.message : String(error)}`;
}
