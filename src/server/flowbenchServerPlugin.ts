import type { Plugin } from 'vite';
import { createApiMiddleware, type ApiMiddlewareOptions } from './createApiMiddleware';
import { readServerSettings } from './readServerSettings';

/** Mounts the app's server-side routes in Vite's dev server and in `vite preview`. */
export function flowbenchServerPlugin(): Plugin {
  return {
    name: 'flowbench-server-routes',
    configureServer(server) {
      const { host, allowedHosts } = server.config.server;
      server.middlewares.use(createApiMiddleware(apiOptionsForVite(host, allowedHosts)));
    },
    configurePreviewServer(server) {
      const { host, allowedHosts } = server.config.preview;
      server.middlewares.use(createApiMiddleware(apiOptionsForVite(host, allowedHosts)));
    },
  };
}

/**
 * The same mode, allow-list and caps as `npm start` (`readServerSettings`): Vite bound to a
 * network address (`--host`) is a shared server, so its proxy refuses this machine's loopback
 * and private network unless `FLOWBENCH_ALLOW_TARGETS` admits them.
 */
export function apiOptionsForVite(
  host: string | boolean | undefined,
  allowedHosts: string[] | true | undefined,
  environment: Record<string, string | undefined> = process.env,
): ApiMiddlewareOptions {
  const bindHost = host === true ? '0.0.0.0' : typeof host === 'string' ? host : '127.0.0.1';
  const read = readServerSettings({ ...environment, HOST: bindHost, PORT: '0' });
  if (!read.ok) throw new Error(read.error);
  return {
    extraHostNames: hostNamesOf(host, allowedHosts),
    targetPolicy: read.settings.targetPolicy,
    callsInFlightCaps: read.settings.callsInFlightCaps,
  };
}

/**
 * The names Vite is configured to serve besides loopback: its `host` when that is a name, and
 * its exact `allowedHosts` (entries starting with a dot mean subdomains and are left out).
 */
function hostNamesOf(
  host: string | boolean | undefined,
  allowedHosts: string[] | true | undefined,
): string[] {
  const names = Array.isArray(allowedHosts)
    ? allowedHosts.filter((name) => !name.startsWith('.'))
    : [];
  if (typeof host === 'string' && !['0.0.0.0', '::'].includes(host)) names.push(host);
  return names;
}
