import type { Plugin } from 'vite';
import { createApiMiddleware } from './createApiMiddleware';

/** Mounts the app's server-side routes in Vite's dev server and in `vite preview`. */
export function flowbenchServerPlugin(): Plugin {
  return {
    name: 'flowbench-server-routes',
    configureServer(server) {
      server.middlewares.use(createApiMiddleware());
    },
    configurePreviewServer(server) {
      server.middlewares.use(createApiMiddleware());
    },
  };
}
