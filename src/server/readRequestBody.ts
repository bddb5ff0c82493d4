import type { IncomingMessage } from 'node:http';

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
