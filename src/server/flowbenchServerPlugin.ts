import type { Plugin } from 'vite';
import { createApiMiddleware } from './createApiMiddleware';

/** Mounts the app's server-side routes in Vite's dev server and in `vite preview`. */
export function flowbenchServerPlugin(): Plugin {
  return {
    name: 'flowbench-server-routes',
    configureServer(server) {
      const { host, allowedHosts } = server.config.server;
      server.middlewares.use(
        createApiMiddleware({ extraHostNames: hostNamesOf(host, allowedHosts) }),
      );
    },
    configurePreviewServer(server) {
      const { host, allowedHosts } = server.config.preview;
      server.middlewares.use(
        createApiMiddleware({ extraHostNames: hostNamesOf(host, allowedHosts) }),
      );
    },
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
