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

/** Server-side routes by method and path. New endpoints (the WebService proxy, demo APIs) go here. */
const routes: Record<string, RouteHandler> = {
  'GET /api/health': (_request, response) => sendJson(response, 200, { ok: true }),
};

/**
 * The app's own server-side routes as one connect-style middleware, mounted the same way by the
 * `npm start` server, Vite's dev server and `vite preview`.
 */
export function createApiMiddleware(): Middleware {
  return (request, response, next) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handler = routes[`${request.method ?? 'GET'} ${path}`];
    if (handler) {
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
