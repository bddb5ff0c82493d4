import type { IncomingMessage, ServerResponse } from 'node:http';

export type NextFunction = (error?: unknown) => void;
export type Middleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: NextFunction,
) => void;

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** Server-side routes by path, then method. New endpoints (the WebService proxy, demo APIs) go here. */
const routes: Record<string, Record<string, RouteHandler>> = {
  '/api/health': { GET: (_request, response) => sendJson(response, 200, { ok: true }) },
};

/** The request's path without query, with repeated slashes collapsed (`//api/x` is `/api/x`). */
export function requestPath(url: string | undefined): string {
  const path = (url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  return path.replace(/\/{2,}/g, '/') || '/';
}

/**
 * The app's own server-side routes as one connect-style middleware, mounted the same way by the
 * `npm start` server, Vite's dev server and `vite preview`.
 */
export function createApiMiddleware(): Middleware {
  return (request, response, next) => {
    const path = requestPath(request.url);
    const methods = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (methods) {
      // HEAD is GET without the body; Node leaves the body out by itself.
      const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
      const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
      if (!handler) {
        response.setHeader('Allow', [...Object.keys(methods), 'HEAD'].join(', '));
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
