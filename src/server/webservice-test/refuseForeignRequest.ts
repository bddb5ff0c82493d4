import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { webServiceTestTokenHeader } from '../../domain/webservice/webServiceTestApi';
import type { SessionTokens } from './createSessionTokens';

/** Why a request is not from the Flowbench page, as the 4xx status and a sentence. */
export interface Refusal {
  status: number;
  error: string;
}

/** The loopback names every Flowbench answers to, for clients on this machine only. */
export const loopbackHostNames: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** The address a request's connection comes from; replaceable in tests. */
export type ClientAddressOf = (request: IncomingMessage) => string | undefined;

export const clientAddressOfSocket: ClientAddressOf = (request) => request.socket.remoteAddress;

/**
 * Refuses a `Host` header this server does not serve, so a page on another site cannot reach the
 * proxy through DNS rebinding. A served host, on the port the request arrived on (without a
 * port only when that is 80), is a loopback name, one of `hostNames` or the IP address the
 * connection arrived on. A loopback host is served only to a client on loopback: a client
 * elsewhere that claims `Host: 127.0.0.1` is not the local page.
 */
export function refuseForeignHost(
  request: IncomingMessage,
  hostNames: readonly string[],
  clientAddress: string | undefined,
): Refusal | null {
  const host = request.headers.host?.toLowerCase();
  const port = request.socket.localPort;
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host ?? '');
  const name = match?.[1] ?? '';
  const portMatches = match?.[2] === undefined ? port === 80 : Number(match[2]) === port;
  const isLoopbackHost = loopbackHostNames.includes(name) || isLoopbackAddress(name);
  const isKnown =
    loopbackHostNames.includes(name) ||
    hostNames.some((known) => known.toLowerCase() === name) ||
    isSameAddress(name, request.socket.localAddress);
  const served = portMatches && isKnown && (!isLoopbackHost || isLoopbackAddress(clientAddress));
  if (served) return null;
  if (isLoopbackHost && isKnown && portMatches) {
    return {
      status: 403,
      error: `${name} is this server's name for its own machine only; open Flowbench by the server's network name or address instead.`,
    };
  }
  return {
    status: 403,
    error: `This server does not answer to the host name ${host ?? '(none)'}; open Flowbench at http://127.0.0.1:${port} (on its own machine) or by the address it was started with instead.`,
  };
}

function parsedAddress(text: string | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = text?.replace(/^\[(.*)\]$/, '$1') ?? '';
  if (!isIP(bare)) return null;
  return ipaddr.process(bare);
}

function isSameAddress(hostName: string, localAddress: string | undefined): boolean {
  const named = parsedAddress(hostName);
  const local = parsedAddress(localAddress);
  return named !== null && local !== null && named.toString() === local.toString();
}

function isLoopbackAddress(address: string | undefined): boolean {
  return parsedAddress(address)?.range() === 'loopback';
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

/** Refuses a missing token, or one this server start did not issue. */
export function refuseWrongToken(request: IncomingMessage, tokens: SessionTokens): Refusal | null {
  const sent = request.headers[webServiceTestTokenHeader];
  if (typeof sent !== 'string' || sent === '') {
    return {
      status: 403,
      error: `The request lacks the ${webServiceTestTokenHeader} header; reload Flowbench.`,
    };
  }
  if (!tokens.isGenuine(sent)) {
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
