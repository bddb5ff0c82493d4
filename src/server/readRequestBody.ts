import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './sendJson';

export type RequestBodyRead =
  | { kind: 'body'; text: string }
  /** Over the limit; reading stopped, so answer with `Connection: close`. */
  | { kind: 'too-large' }
  /** The client went away before the body was complete. */
  | { kind: 'closed' };

/**
 * Reads a request body as UTF-8 text, refusing more than `limitBytes`: by `Content-Length`
 * before reading anything, and by counting while streaming (chunked bodies have no length).
 */
export function readRequestBody(
  request: IncomingMessage,
  limitBytes: number,
): Promise<RequestBodyRead> {
  const declaredLength = Number(request.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > limitBytes) {
    return Promise.resolve({ kind: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    const finish = (read: RequestBodyRead) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      receivedBytes += chunk.length;
      if (receivedBytes > limitBytes) {
        request.pause();
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'body', text: Buffer.concat(chunks).toString('utf8') });
    const onClose = () => finish({ kind: 'closed' });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onClose);
    // Errors (a reset connection) are followed by 'close'; listening keeps them from being unhandled.
    request.on('error', () => undefined);
  });
}

/**
 * Reads a JSON request body for a route, answering the refusals itself: 413 (with
 * `Connection: close`) over `limitBytes`, 400 with `notJsonMessage` for text that is not JSON.
 * `answered` means the route has nothing more to do (also when the client went away).
 */
export async function readJsonRequestBody(
  request: IncomingMessage,
  response: ServerResponse,
  limitBytes: number,
  notJsonMessage: string,
): Promise<{ answered: false; json: unknown } | { answered: true }> {
  const read = await readRequestBody(request, limitBytes);
  if (read.kind === 'closed') return { answered: true };
  if (read.kind === 'too-large') {
    response.setHeader('Connection', 'close');
    sendJson(response, 413, { error: `The request is larger than ${limitBytes / 1024} KiB.` });
    return { answered: true };
  }
  try {
    return { answered: false, json: JSON.parse(read.text) };
  } catch {
    sendJson(response, 400, { error: notJsonMessage });
    return { answered: true };
  }
}
