import { z } from 'zod';
import {
  maxTestRequestBytes,
  webServiceTestPath,
  webServiceTestRequestSchema,
  webServiceTestSessionPath,
  webServiceTestTokenHeader,
} from '../../domain/webservice/webServiceTestApi';
import { readJsonRequestBody } from '../readRequestBody';
import type { RouteTable } from '../RouteTable';
import { sendJson } from '../sendJson';
import {
  clientAddressOfSocket,
  refuseCrossSiteFetch,
  refuseForeignHost,
  refuseForeignOrigin,
  refuseNonJson,
  refuseWrongToken,
  type ClientAddressOf,
  type Refusal,
} from './refuseForeignRequest';
import {
  clientAddressGroupOf,
  createCallsInFlightLimit,
  type CallsInFlightCaps,
} from './createCallsInFlightLimit';
import { createSessionTokens } from './createSessionTokens';
import { createUpstreamConnections, sendWebServiceTest } from './sendWebServiceTest';
import { admitOwnDemoEndpoints, type ResolveHostName, type TargetPolicy } from './targetPolicy';

export interface WebServiceTestRoutesOptions {
  /** Host names the page may be opened under besides the loopback names. */
  extraHostNames: readonly string[];
  policy: TargetPolicy;
  resolveHostName?: ResolveHostName;
  /** Calls in flight per server, page session and (shared mode) client; 50, 10, 10 by default. */
  callsInFlightCaps?: CallsInFlightCaps;
  /** Where a request's connection comes from; its socket's remote address by default. */
  clientAddressOf?: ClientAddressOf;
}

/**
 * `GET /api/session` hands each page session its own token; `POST /api/webservice-test` requires it
 * (with this server's Host and Origin), sends the author's request and answers with one result.
 */
export function createWebServiceTestRoutes(options: WebServiceTestRoutesOptions): RouteTable {
  const tokens = createSessionTokens();
  const callsInFlight = createCallsInFlightLimit(options.callsInFlightCaps);
  const hostNames = options.extraHostNames;
  const clientAddressOf = options.clientAddressOf ?? clientAddressOfSocket;
  const connections = createUpstreamConnections();

  return {
    [webServiceTestSessionPath]: {
      GET: (request, response) => {
        const refusal =
          refuseForeignHost(request, hostNames, clientAddressOf(request)) ??
          refuseCrossSiteFetch(request);
        if (refusal) sendJson(response, refusal.status, { error: refusal.error });
        else sendJson(response, 200, { token: tokens.issue() });
      },
    },
    [webServiceTestPath]: {
      POST: async (request, response) => {
        const clientAddress = clientAddressOf(request);
        const refusal: Refusal | null =
          refuseForeignHost(request, hostNames, clientAddress) ??
          refuseForeignOrigin(request) ??
          refuseWrongToken(request, tokens) ??
          refuseNonJson(request);
        if (refusal) {
          sendJson(response, refusal.status, { error: refusal.error });
          return;
        }
        const body = await readJsonRequestBody(
          request,
          response,
          maxTestRequestBytes,
          'The request body is not JSON.',
        );
        if (body.answered) return;
        const parsed = webServiceTestRequestSchema.safeParse(body.json);
        if (!parsed.success) {
          sendJson(response, 400, { error: z.prettifyError(parsed.error) });
          return;
        }
        // Tokens cost nothing to fetch, so on a shared server the client's address is capped too.
        const slot = callsInFlight.acquire({
          session: String(request.headers[webServiceTestTokenHeader]),
          address:
            options.policy.mode === 'shared' ? clientAddressGroupOf(clientAddress) : undefined,
        });
        if (!slot.granted) {
          sendJson(response, 429, { error: slot.reason });
          return;
        }
        // The browser aborting its fetch closes the response before we answer: stop the call.
        const cancelled = new AbortController();
        response.on('close', () => {
          if (!response.writableFinished) cancelled.abort();
        });
        const policy = admitOwnDemoEndpoints(options.policy, parsed.data.url, {
          address: request.socket.localAddress,
          port: request.socket.localPort,
        });
        const result = await sendWebServiceTest(parsed.data, {
          policy,
          resolveHostName: options.resolveHostName,
          signal: cancelled.signal,
          // A call to this server's own demo is judged by a wider policy: it gets its own connection.
          connections: policy === options.policy ? connections : undefined,
        }).finally(slot.release);
        if (cancelled.signal.aborted || response.destroyed) return;
        sendJson(response, 200, result);
      },
    },
  };
}
