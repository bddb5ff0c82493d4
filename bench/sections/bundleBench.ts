import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from '../harness/report';

interface BundleSizes {
  /** What the page loads before it can start: the entry script, its preloads, its styles. */
  initialJsKiB: number;
  initialCssKiB: number;
  allJsKiB: number;
  chunks: number;
}

const gzipKiB = (file: string) => gzipSync(readFileSync(file)).length / 1024;

/** Gzip sizes of a Vite build, read from its index.html. */
export function measureBundle(clientDir: string): BundleSizes {
  const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
  const referenced = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((match) => join(clientDir, match[1] ?? ''));
  const scripts = [
    ...referenced(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...referenced(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const styles = referenced(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const assets = join(clientDir, 'assets');
  const allJs = existsSync(assets)
    ? readdirSync(assets)
        .filter((name) => name.endsWith('.js'))
        .map((name) => join(assets, name))
    : [];
  const sum = (files: string[]) => files.reduce((total, file) => total + gzipKiB(file), 0);
  return {
    initialJsKiB: sum(scripts),
    initialCssKiB: sum(styles),
    allJsKiB: sum(allJs),
    chunks: allJs.length,
  };
}

/** The app's build against the bare React Flow page's (React + React Flow alone). */
export function runBundleBench(clientDir: string, baselineDir: string): BenchRow[] {
  const app = measureBundle(clientDir);
  const bare = measureBundle(baselineDir);
  const row = (
    figure: string,
    flowbench: number,
    baseline: number,
    target: number | null,
  ): BenchRow => ({
    section: 'bundle',
    figure,
    unit: 'KB',
    better: 'lower',
    flowbench,
    baseline,
    target: target === null ? null : { value: target },
  });
  return [
    row('initial JavaScript, gzip', app.initialJsKiB, bare.initialJsKiB, 160),
    row('initial CSS, gzip', app.initialCssKiB, bare.initialCssKiB, 10),
    {
      ...row('all JavaScript, gzip', app.allJsKiB, bare.allJsKiB, null),
      note: `${app.chunks} chunks`,
    },
  ];
}
