import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the bench's bare React Flow page into bench/results (never into the app's dist). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../results/baseline', import.meta.url)),
    emptyOutDir: true,
    target: 'es2023',
  },
});
