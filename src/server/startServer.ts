import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { createApiMiddleware } from './createApiMiddleware';
import type { CallsInFlightCaps } from './webservice-test/createCallsInFlightLimit';
import type { TargetPolicy } from './webservice-test/targetPolicy';

export interface StartServerOptions {
  host: string;
  port: number;
  /** The built browser app (`dist/client`). */
  clientDir: string;
  /** Host names the app is opened under besides the loopback names (see `createApiMiddleware`). */
  extraHostNames?: readonly string[];
  /** Which targets the WebService test may call; local mode by default. */
  targetPolicy?: TargetPolicy;
  callsInFlightCaps?: CallsInFlightCaps;
}

const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
};

/** The production server: the API routes, then the built app with an SPA fallback. */
export async function startServer({
  host,
  port,
  clientDir,
  extraHostNames = [],
  targetPolicy,
  callsInFlightCaps,
}: StartServerOptions): Promise<Server> {
  if (!existsSync(join(clientDir, 'index.html'))) {
    throw new Error(
      `No built app in ${clientDir}; run "npm run build" first (npm start does both)`,
    );
  }
  const api = createApiMiddleware({ extraHostNames, targetPolicy, callsInFlightCaps });
  // The build writes each file also as .br and .gz; a browser that accepts one gets it.
  const serveClient = sirv(clientDir, { single: true, etag: true, brotli: true, gzip: true });
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
    api(request, response, () => serveClient(request, response));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function serverUrl(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') return String(address);
  const { address: host, port, family }: AddressInfo = address;
  return `http://${family === 'IPv6' ? `[${host}]` : host}:${port}`;
}
