import type { IncomingMessage, ServerResponse } from 'node:http';

export type RouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
) => void | Promise<void>;

/** Handlers by path, then HTTP method. */
export type RouteTable = Record<string, Record<string, RouteHandler>>;
