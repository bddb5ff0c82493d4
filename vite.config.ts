import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';
import { flowbenchServerPlugin } from './src/server/flowbenchServerPlugin';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    react(),
    flowbenchServerPlugin(),
    // Each static file also as .br and .gz beside it, which the server sends to a browser that
    // accepts them: about a quarter of the bytes over a network, compressed once at build time.
    !isSsrBuild && compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 }),
  ],
  // The server is one file: Node loads it at start without resolving zod's hundred modules
  // (that alone took longer than the rest of the start).
  ssr: { noExternal: true },
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // The server bundle needs none of the browser's static files.
    copyPublicDir: !isSsrBuild,
    // One editor bundle (React, React Flow, zod) is expected; it is cached after the first load.
    chunkSizeWarningLimit: 1024,
    // zod with its configuration in one chunk: whichever chunk builds a schema first imports it,
    // so `jitless` is set before any schema exists (an eval probe would break the page's CSP).
    rolldownOptions: isSsrBuild
      ? {}
      : {
          output: {
            codeSplitting: {
              groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|src[\\/]configureZod/ }],
            },
          },
        },
  },
  // Vite's default CORS answers other localhost origins; the app's routes need none.
  server: { host: '127.0.0.1', port: 5173, cors: false },
  preview: { host: '127.0.0.1', port: 4173, cors: false },
  test: {
    include: ['src/**/*.test.ts', 'examples/**/*.test.ts'],
    environment: 'node',
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
}));
