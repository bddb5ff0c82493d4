import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  maxTestRequestBytes,
  webServiceTestPath,
  webServiceTestRequestSchema,
  webServiceTestSessionPath,
} from '../../domain/webservice/webServiceTestApi';
import { readJsonRequestBody } from '../readRequestBody';
import type { RouteTable } from '../RouteTable';
import { sendJson } from '../sendJson';
import {
  loopbackHostNames,
  refuseCrossSiteFetch,
  refuseForeignHost,
  refuseForeignOrigin,
  refuseNonJson,
  refuseWrongToken,
  type Refusal,
} from './refuseForeignRequest';
import { sendWebServiceTest } from './sendWebServiceTest';
import { admitOwnDemoEndpoints, type ResolveHostName, type TargetPolicy } from './targetPolicy';

export interface WebServiceTestRoutesOptions {
  /** Host names the page may be opened under besides the loopback names. */
  extraHostNames: readonly string[];
  policy: TargetPolicy;
  resolveHostName?: ResolveHostName;
}

/**
 * `GET /api/session` hands the page a per-start token; `POST /api/webservice-test` requires it
 * (with this server's Host and Origin), sends the author's request and answers with one result.
 */
export function createWebServiceTestRoutes(options: WebServiceTestRoutesOptions): RouteTable {
  const token = randomBytes(32).toString('base64url');
  const hostNames = [...loopbackHostNames, ...options.extraHostNames];

  return {
    [webServiceTestSessionPath]: {
      GET: (request, response) => {
        const refusal = refuseForeignHost(request, hostNames) ?? refuseCrossSiteFetch(request);
        if (refusal) sendJson(response, refusal.status, { error: refusal.error });
        else sendJson(response, 200, { token });
      },
    },
    [webServiceTestPath]: {
      POST: async (request, response) => {
        const refusal: Refusal | null =
          refuseForeignHost(request, hostNames) ??
          refuseForeignOrigin(request) ??
          refuseWrongToken(request, token) ??
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
        // The browser aborting its fetch closes the response before we answer: stop the call.
        const cancelled = new AbortController();
        response.on('close', () => {
          if (!response.writableFinished) cancelled.abort();
        });
        const result = await sendWebServiceTest(parsed.data, {
          policy: admitOwnDemoEndpoints(options.policy, parsed.data.url, {
            address: request.socket.localAddress,
            port: request.socket.localPort,
          }),
          resolveHostName: options.resolveHostName,
          signal: cancelled.signal,
        });
        if (cancelled.signal.aborted || response.destroyed) return;
        sendJson(response, 200, result);
      },
    },
  };
}
