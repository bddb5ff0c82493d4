import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { createLargeFlow } from '../createLargeFlow';
import type { BenchRow } from '../harness/report';
import { chromiumArgs } from './canvasBench';
import { openAndTimePaint } from './canvasPage';

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

/**
 * The scripts a page fetched up to the frame that first shows its flow (resource timing), as
 * gzip KB of those files in `clientDir`: what a person waits for, whatever `index.html` names.
 */
async function scriptsBeforePaintKiB(
  browser: Browser,
  url: string,
  clientDir: string,
): Promise<{ kiB: number; files: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const paintedAtMs = await openAndTimePaint(page, url);
    const paths = await page.evaluate(
      (painted) =>
        performance
          .getEntriesByType('resource')
          .filter(
            (entry) => entry instanceof PerformanceResourceTiming && entry.responseEnd <= painted,
          )
          .map((entry) => new URL(entry.name).pathname)
          .filter((path) => path.endsWith('.js')),
      paintedAtMs,
    );
    const files = [...new Set(paths)].map((path) => join(clientDir, path));
    return { kiB: files.reduce((total, file) => total + gzipKiB(file), 0), files: files.length };
  } finally {
    await context.close();
  }
}

export interface BundleBenchOptions {
  clientDir: string;
  baselineDir: string;
  /** Where the app's build and the bare React Flow page are served, for what loads before paint. */
  flowbenchUrl: string;
  baselineUrl: string;
  chromiumPath: string | undefined;
}

/** The app's build against the bare React Flow page's (React + React Flow alone). */
export async function runBundleBench(options: BundleBenchOptions): Promise<BenchRow[]> {
  const app = measureBundle(options.clientDir);
  const bare = measureBundle(options.baselineDir);
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
  // Flowbench opens its demo flow on a first visit; the bare page shows a flow of that size.
  const demoSize = 9;
  writeFileSync(
    join(options.baselineDir, `flow-${demoSize}.json`),
    JSON.stringify(createLargeFlow(demoSize)),
  );
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: chromiumArgs,
  });
  let beforePaint: { app: { kiB: number; files: number }; bare: { kiB: number; files: number } };
  try {
    beforePaint = {
      app: await scriptsBeforePaintKiB(browser, options.flowbenchUrl, options.clientDir),
      bare: await scriptsBeforePaintKiB(
        browser,
        `${options.baselineUrl}/?modules=${demoSize}`,
        options.baselineDir,
      ),
    };
  } finally {
    await browser.close();
  }
  return [
    row('initial JavaScript, gzip', app.initialJsKiB, bare.initialJsKiB, 160),
    row('initial CSS, gzip', app.initialCssKiB, bare.initialCssKiB, 10),
    {
      ...row(
        'JavaScript loaded before the flow is painted, gzip',
        beforePaint.app.kiB,
        beforePaint.bare.kiB,
        null,
      ),
      note: `${beforePaint.app.files} files (resource timing up to the first frame showing the flow)`,
    },
    {
      ...row('all JavaScript, gzip', app.allJsKiB, bare.allJsKiB, null),
      note: `${app.chunks} chunks`,
    },
  ];
}
