import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { webServiceTestTokenHeader } from '../../domain/webservice/webServiceTestApi';

/** Why a request is not from the Flowbench page, as the 4xx status and a sentence. */
export interface Refusal {
  status: number;
  error: string;
}

/** The loopback names a local Flowbench answers to, besides any configured ones. */
export const loopbackHostNames: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Refuses a `Host` header this server does not serve, so a page on another site cannot reach the
 * proxy through DNS rebinding. A served host is one of `hostNames` with the port the request
 * arrived on (without a port only when that is 80).
 */
export function refuseForeignHost(
  request: IncomingMessage,
  hostNames: readonly string[],
): Refusal | null {
  const host = request.headers.host?.toLowerCase();
  const port = request.socket.localPort;
  const served = hostNames.some((name) => {
    const lowerName = name.toLowerCase();
    return host === `${lowerName}:${port}` || (port === 80 && host === lowerName);
  });
  if (served) return null;
  return {
    status: 403,
    error: `This server does not answer to the host name ${host ?? '(none)'}; open Flowbench at http://127.0.0.1:${port} instead.`,
  };
}

/** Refuses what did not come from a page of this very origin (after `refuseForeignHost`). */
export function refuseForeignOrigin(request: IncomingMessage): Refusal | null {
  const origin = request.headers.origin;
  if (origin === undefined || origin === '') {
    return {
      status: 403,
      error: 'The request has no Origin header; only the Flowbench page may use the test route.',
    };
  }
  if (origin.toLowerCase() !== `http://${request.headers.host?.toLowerCase()}`) {
    return {
      status: 403,
      error: `Requests from ${origin} are not allowed; only the Flowbench page may use the test route.`,
    };
  }
  return null;
}

/** Refuses a missing or wrong per-start token, compared in constant time. */
export function refuseWrongToken(request: IncomingMessage, token: string): Refusal | null {
  const sent = request.headers[webServiceTestTokenHeader];
  if (typeof sent !== 'string' || sent === '') {
    return {
      status: 403,
      error: `The request lacks the ${webServiceTestTokenHeader} header; reload Flowbench.`,
    };
  }
  const expected = Buffer.from(token);
  const received = Buffer.from(sent);
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return {
      status: 403,
      error: 'The session token is wrong; reload Flowbench (the server may have been restarted).',
    };
  }
  return null;
}

/** Refuses any body type but JSON (which a plain HTML form cannot send). */
export function refuseNonJson(request: IncomingMessage): Refusal | null {
  const mediaType = request.headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return null;
  return { status: 415, error: 'The test route only accepts Content-Type: application/json.' };
}

/**
 * Refuses fetches the browser marks as coming from another site. Browsers that send no
 * `Sec-Fetch-Site` are left to the same-origin policy, which keeps other sites from reading
 * the answer.
 */
export function refuseCrossSiteFetch(request: IncomingMessage): Refusal | null {
  const site = request.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return null;
  return { status: 403, error: 'The session token is only handed to the Flowbench page itself.' };
}
