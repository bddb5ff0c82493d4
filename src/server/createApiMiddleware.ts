import type { IncomingMessage, ServerResponse } from 'node:http';
import { createDemoRoutes } from './demo/createDemoRoutes';
import type { RouteTable } from './RouteTable';
import { sendJson } from './sendJson';
import type { CallsInFlightCaps } from './webservice-test/createCallsInFlightLimit';
import { createWebServiceTestRoutes } from './webservice-test/createWebServiceTestRoutes';
import type { ClientAddressOf } from './webservice-test/refuseForeignRequest';
import {
  localTargetPolicy,
  type ResolveHostName,
  type TargetPolicy,
} from './webservice-test/targetPolicy';

export { sendJson } from './sendJson';

export type NextFunction = (error?: unknown) => void;
export type Middleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: NextFunction,
) => void;

export interface ApiMiddlewareOptions {
  /**
   * Host names the page may be opened under besides `127.0.0.1`, `localhost` and `[::1]`
   * (the WebService test route refuses any other `Host`).
   */
  extraHostNames?: readonly string[];
  /** Which URLs the WebService test may call; local mode by default. */
  targetPolicy?: TargetPolicy;
  /** How the WebService test resolves host names; the system's DNS by default. */
  resolveHostName?: ResolveHostName;
  /** Calls in flight per server, page session and (shared mode) client; 50, 10, 10 by default. */
  callsInFlightCaps?: CallsInFlightCaps;
  /** Where a request's connection comes from (tests pose as other machines with it). */
  clientAddressOf?: ClientAddressOf;
}

/** The request's path without query, with repeated slashes collapsed (`//api/x` is `/api/x`). */
export function requestPath(url: string | undefined): string {
  const path = (url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  return path.replace(/\/{2,}/g, '/') || '/';
}

/**
 * The app's own server-side routes as one connect-style middleware, mounted the same way by the
 * `npm start` server, Vite's dev server and `vite preview`. Each call makes a new secret for
 * the WebService test route's session tokens.
 */
export function createApiMiddleware(options: ApiMiddlewareOptions = {}): Middleware {
  const routes: RouteTable = {
    '/api/health': { GET: (_request, response) => sendJson(response, 200, { ok: true }) },
    ...createWebServiceTestRoutes({
      extraHostNames: options.extraHostNames ?? [],
      policy: options.targetPolicy ?? localTargetPolicy,
      resolveHostName: options.resolveHostName,
      callsInFlightCaps: options.callsInFlightCaps,
      clientAddressOf: options.clientAddressOf,
    }),
    ...createDemoRoutes(),
  };
  return (request, response, next) => {
    const path = requestPath(request.url);
    const methods = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (methods) {
      // HEAD is GET without the body; Node leaves the body out by itself.
      const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
      const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
      if (!handler) {
        const allowed = Object.keys(methods);
        if (allowed.includes('GET')) allowed.push('HEAD');
        response.setHeader('Allow', allowed.join(', '));
        sendJson(response, 405, { error: `${request.method} is not allowed on ${path}` });
        return;
      }
      Promise.resolve(handler(request, response)).catch((error: unknown) => {
        console.error(`${request.method} ${path} failed:`, error);
        if (!response.headersSent) sendJson(response, 500, { error: 'Internal server error' });
        else response.destroy();
      });
      return;
    }
    if (path.startsWith('/api/')) {
      sendJson(response, 404, { error: `No route ${request.method} ${path}` });
      return;
    }
    next();
  };
}
