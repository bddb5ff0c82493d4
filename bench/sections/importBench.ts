import { waitForSaved } from './canvasPage';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createLargeFlow } from '../createLargeFlow';
import type { BenchRow } from '../harness/report';
import { median } from '../harness/stats';
import { chromiumArgs } from './canvasBench';
import {
  addBaselineFileInput,
  finishImportRecording,
  startImportRecording,
  type ImportRecording,
} from './importPage';

const viewport = { width: 1440, height: 900 };
/** Each import is measured this many times, each in a fresh browser profile; the median counts. */
const runs = 3;
/** Recording goes on this long after the import finished: a task it left behind counts too. */
const settleMs = 1000;
const timeoutMs = 600_000;
/** What issue 9 asks: no main-thread task over 200 ms while a large file is imported. */
const longestTaskTarget = 200;

export interface ImportBenchOptions {
  chromiumPath: string | undefined;
  flowbenchUrl: string;
  moduleCount: number;
  /** Where the generated file is written: chosen by path, the browser reads it from disk. */
  resultsDir: string;
  log: (line: string) => void;
}

/**
 * A generated flow imported through `Import flow` in headless Chromium, from choosing the file
 * until the flow is drawn and stored; the baseline reads and parses the same file on the main
 * thread of the same page, the least an import does.
 */
export async function runImportBench(options: ImportBenchOptions): Promise<BenchRow[]> {
  const { moduleCount, log } = options;
  const flow = createLargeFlow(moduleCount);
  // By path: Playwright then hands the browser the path, while a buffer would be decoded from
  // base64 by a script in the page, a long task of the bench's own in the middle of the import.
  const file = join(options.resultsDir, `import-${moduleCount}.flow.json`);
  writeFileSync(file, JSON.stringify(flow));
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: chromiumArgs,
  });
  try {
    const flowbench: ImportRecording[] = [];
    const baseline: ImportRecording[] = [];
    for (let run = 1; run <= runs; run += 1) {
      log(`import: ${moduleCount} modules, run ${run} of ${runs}`);
      const recordings = await measureImport(browser, options.flowbenchUrl, flow.name, file);
      baseline.push(recordings.baseline);
      flowbench.push(recordings.flowbench);
      log(`import: ${describe(recordings.flowbench)}; baseline ${describe(recordings.baseline)}`);
    }
    return importRows(moduleCount, flowbench, baseline);
  } finally {
    await browser.close();
  }
}

function describe(recording: ImportRecording): string {
  const parse = recording.parseMs === null ? '' : `, JSON.parse ${recording.parseMs.toFixed(0)} ms`;
  return (
    `${recording.totalMs.toFixed(0)} ms in all, longest task ${recording.longestTaskMs.toFixed(0)} ms ` +
    `(${recording.longTaskCount} over 50 ms), longest frame gap ${recording.longestFrameGapMs.toFixed(0)} ms${parse}`
  );
}

async function measureImport(
  browser: Browser,
  appUrl: string,
  flowName: string,
  file: string,
): Promise<{ flowbench: ImportRecording; baseline: ImportRecording }> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await page.goto(appUrl);
    // The first start stores the demo flow and opens it; importing before that would race it.
    await page.locator('.react-flow__node').first().waitFor();
    await waitForSaved(page, 60_000);

    const baselineInput = await addBaselineFileInput(page);
    await startImportRecording(page);
    await page.locator(baselineInput).setInputFiles(file);
    const baseline = await finishImportRecording(page, 'baseline-parsed', { timeoutMs, settleMs });

    await startImportRecording(page);
    await page.getByLabel('Import flow').setInputFiles(file);
    const flowbench = await finishImportRecording(page, { flowName }, { timeoutMs, settleMs });
    return { flowbench, baseline };
  } finally {
    await context.close();
  }
}

function importRows(
  count: number,
  flowbench: readonly ImportRecording[],
  baseline: readonly ImportRecording[],
): BenchRow[] {
  const section = `import ${count.toLocaleString('en-US')}`;
  const medianOf = (recordings: readonly ImportRecording[], pick: (r: ImportRecording) => number) =>
    median(recordings.map(pick));
  const spread = (pick: (r: ImportRecording) => number) =>
    `runs: ${flowbench.map((recording) => pick(recording).toFixed(0)).join(', ')} ms`;
  return [
    {
      section,
      figure: 'longest main-thread task, choosing the file → drawn and stored',
      unit: 'ms',
      better: 'lower',
      flowbench: medianOf(flowbench, (r) => r.longestTaskMs),
      // The task that parses holds the page at least that long (Chromium does not always
      // report it as a long task).
      baseline: medianOf(baseline, (r) => Math.max(r.longestTaskMs, r.parseMs ?? 0)),
      target: { value: longestTaskTarget },
      note: `${spread((r) => r.longestTaskMs)}; baseline: JSON.parse of the file on the main thread`,
    },
    {
      section,
      figure: 'longest gap between frames (requestAnimationFrame), same span',
      unit: 'ms',
      better: 'lower',
      flowbench: medianOf(flowbench, (r) => r.longestFrameGapMs),
      baseline: medianOf(baseline, (r) => r.longestFrameGapMs),
      target: null,
      note: spread((r) => r.longestFrameGapMs),
    },
    {
      section,
      figure: 'total, choosing the file → drawn and stored',
      unit: 'ms',
      better: 'lower',
      flowbench: medianOf(flowbench, (r) => r.totalMs),
      baseline: medianOf(baseline, (r) => r.totalMs),
      target: null,
      note: spread((r) => r.totalMs),
    },
    {
      section,
      figure: 'progress shown (Importing flow), runs of all',
      unit: '',
      better: 'higher',
      flowbench: flowbench.filter((r) => r.progressShown).length / flowbench.length,
      baseline: null,
      target: { value: 1 },
    },
  ];
}
