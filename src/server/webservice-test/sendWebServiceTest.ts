import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TLSSocket } from 'node:tls';
import { classifyResponseBody } from '../../domain/webservice/classifyResponseBody';
import { isSuccessStatus } from '../../domain/webservice/webServiceContract';
import {
  maxResponseBodyBytes,
  type ParsedWebServiceTestRequest,
  type WebServiceTestResponse,
  type WebServiceTestResult,
} from '../../domain/webservice/webServiceTestApi';
import { describeNetworkError } from './describeNetworkError';
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
  const body = Buffer.from(request.body, 'utf8');
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': body.length,
  };
  if (request.authorization !== '') headers.Authorization = request.authorization;

  const startedAt = performance.now();
  const elapsedMs = () => Math.round((performance.now() - startedAt) * 10) / 10;
  let upstream: ClientRequest;
  try {
    upstream = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      headers,
      // A fresh connection every time: the timings include DNS and connect, and the policy's
      // lookup runs for every call.
      agent: false,
      lookup: createTargetLookup(options.policy, options.resolveHostName),
    });
  } catch (error) {
    resolve({ outcome: 'rejected', reason: unsendableReason(error) });
    return;
  }

  let phase: Phase = 'connecting';
  let firstByteMs: number | null = null;
  let head: Pick<WebServiceTestResponse, 'status' | 'statusText' | 'headers'> | null = null;
  const chunks: Buffer[] = [];
  let storedBytes = 0;
  let sizeBytes = 0;
  let truncated = false;
  let settled = false;

  const settle = (result: WebServiceTestResult) => {
    if (settled) return;
    settled = true;
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', cancel);
    upstream.destroy();
    resolve(result);
  };
  const timings = () => ({ totalMs: elapsedMs(), firstByteMs });
  const responseSoFar = (): WebServiceTestResponse | null =>
    head && {
      ...head,
      body: Buffer.concat(chunks).toString('utf8'),
      sizeBytes,
      truncated,
    };
  const failWith = (error: unknown) => {
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
    const response = responseSoFar();
    if (response === null) return;
    const totals = timings();
    if (!isSuccessStatus(response.status)) {
      settle({ outcome: 'http-error', timings: totals, response });
      return;
    }
    const verdict = classifyResponseBody(response.body, response.truncated);
    settle(
      verdict.acceptable
        ? { outcome: 'ok', timings: totals, response }
        : { outcome: 'invalid-response', timings: totals, response, reason: verdict.reason },
    );
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
    socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
      if (phase === 'connecting') phase = 'waiting-for-response';
    });
  });
  upstream.on('error', failWith);
  upstream.on('response', (response: IncomingMessage) => {
    firstByteMs = elapsedMs();
    phase = 'reading-body';
    head = {
      status: response.statusCode ?? 0,
      statusText: response.statusMessage ?? '',
      headers: flattenHeaders(response),
    };
    response.on('data', (chunk: Buffer) => {
      sizeBytes += chunk.length;
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
    });
    response.on('end', finishBody);
    response.on('error', failWith);
    response.on('close', () => {
      if (!response.complete) failWith(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    });
  });
  upstream.end(body);
}

function flattenHeaders(response: IncomingMessage): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
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
