import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLargeFlow } from '../createLargeFlow';
import type { BenchRow, Target } from '../harness/report';
import { median, sleep, type FrameStats } from '../harness/stats';
import {
  canvasBox,
  countNodeElements,
  openAndTimePaint,
  recordNodeDrag,
  recordPan,
  settle,
  zoomTo,
  type DragResult,
  waitForSaved,
} from './canvasPage';
import {
  measureInspectorKeystrokes,
  webServiceUrlField,
  type KeystrokeFigures,
} from './keystrokeBench';

/** The launch flags of playwright.config.ts: a quiet headless Chromium on a closed network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const viewport = { width: 1440, height: 900 };
/** Each flow is opened this many times; the median counts. */
const opens = 3;

interface CanvasFigures {
  openMs: number;
  nodeElements: number;
  overviewPan: FrameStats;
  editingPan: FrameStats;
  drag: DragResult;
}

/** What the issue asks of each module count (absolute figures; every row also needs ratio ≥ 1). */
const targetsByCount: Record<
  number,
  { open?: number; editingPan?: number; drag?: number; overviewPan?: number; keystroke?: number }
> = {
  1000: { open: 1000, editingPan: 55, overviewPan: 55 },
  5000: { open: 1500, editingPan: 55, drag: 55, overviewPan: 30, keystroke: 16 },
  10000: { open: 3000, overviewPan: 30 },
};

export interface CanvasBenchOptions {
  chromiumPath: string | undefined;
  flowbenchUrl: string;
  /** Where the bare React Flow page is served from, and the folder it serves. */
  baselineUrl: string;
  baselineDir: string;
  moduleCounts: readonly number[];
  log: (line: string) => void;
}

export async function runCanvasBench(options: CanvasBenchOptions): Promise<BenchRow[]> {
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: chromiumArgs,
  });
  try {
    const rows: BenchRow[] = [];
    for (const count of options.moduleCounts) {
      const flow = createLargeFlow(count);
      const flowText = JSON.stringify(flow);
      writeFileSync(join(options.baselineDir, `flow-${count}.json`), flowText);
      options.log(`canvas: ${count} modules in Flowbench`);
      const {
        figures: flowbench,
        canvasSize,
        keystrokes,
      } = await measureFlowbench(browser, options.flowbenchUrl, flow.name, flowText);
      options.log(`canvas: ${count} modules in the bare React Flow page`);
      const baseline = await measurePage(
        browser,
        `${options.baselineUrl}/?modules=${count}&width=${Math.round(canvasSize.width)}&height=${Math.round(canvasSize.height)}`,
      );
      rows.push(
        ...canvasRows(count, flowbench, baseline),
        ...keystrokes.flatMap((typed) => keystrokeRows(count, typed)),
      );
    }
    return rows;
  } finally {
    await browser.close();
  }
}

async function measureFlowbench(
  browser: Browser,
  appUrl: string,
  flowName: string,
  flowText: string,
): Promise<{
  figures: CanvasFigures;
  canvasSize: { width: number; height: number };
  keystrokes: { large: KeystrokeFigures; demo: KeystrokeFigures }[];
}> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    const url = `${appUrl}/?bench`;
    await page.goto(url);
    // The first start stores the demo flow and opens it; importing before that is done would race it.
    await page.locator('.react-flow__node').first().waitFor();
    await waitForSaved(page, 180_000);
    // The baseline of the keystroke: the same typing into the demo flow's handful of modules.
    const demoKeystrokes = await measureInspectorKeystrokes(page);
    await waitForSaved(page, 180_000);
    const demoUrlKeystrokes = await measureInspectorKeystrokes(page, webServiceUrlField);
    await waitForSaved(page, 180_000);
    await page.keyboard.press('Escape');
    // Imported the way an author does; the flow is then stored and reopens on every reload.
    await page.getByLabel('Import flow').setInputFiles({
      name: 'large.flow.json',
      mimeType: 'application/json',
      buffer: Buffer.from(flowText),
    });
    const flowNameBox = page.getByRole('textbox', { name: 'Flow name' });
    const importedBy = performance.now() + 180_000;
    // The page may be too busy importing to answer for a while.
    while ((await flowNameBox.inputValue({ timeout: 180_000 })) !== flowName) {
      if (performance.now() > importedBy) throw new Error(`${flowName} was not imported in time`);
      await sleep(100);
    }
    await waitForSaved(page, 180_000);
    const figures = await measureOpenedPage(page, url);
    if ((await flowNameBox.inputValue()) !== flowName) {
      throw new Error(`Flowbench reopened another flow than ${flowName}`);
    }
    const canvasSize = await canvasBox(page);
    const largeKeystrokes = await measureInspectorKeystrokes(page);
    const largeUrlKeystrokes = await measureInspectorKeystrokes(page, webServiceUrlField);
    return {
      figures,
      canvasSize,
      keystrokes: [
        { large: largeKeystrokes, demo: demoKeystrokes },
        { large: largeUrlKeystrokes, demo: demoUrlKeystrokes },
      ],
    };
  } finally {
    await context.close();
  }
}

async function measurePage(browser: Browser, url: string): Promise<CanvasFigures> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    return await measureOpenedPage(page, url);
  } finally {
    await context.close();
  }
}

async function measureOpenedPage(page: Page, url: string): Promise<CanvasFigures> {
  const openTimes: number[] = [];
  for (let open = 0; open < opens; open += 1) openTimes.push(await openAndTimePaint(page, url));
  await settle(page);
  const nodeElements = await countNodeElements(page);
  // Opened fitted (zoomed out as far as the flow needs, at least to the minimum zoom).
  const overviewPan = await recordPan(page);
  await zoomTo(page, 1);
  const editingPan = await recordPan(page);
  const drag = await recordNodeDrag(page);
  return { openMs: median(openTimes), nodeElements, overviewPan, editingPan, drag };
}

function canvasRows(count: number, flowbench: CanvasFigures, baseline: CanvasFigures): BenchRow[] {
  const section = `canvas ${count.toLocaleString('en-US')}`;
  const targets = targetsByCount[count] ?? {};
  const target = (value: number | undefined): Target => ({
    ...(value === undefined ? {} : { value }),
    minRatio: 1,
  });
  const frameRows = (
    name: string,
    pick: (figures: CanvasFigures) => FrameStats,
    fpsTarget: number | undefined,
  ): BenchRow[] => [
    {
      section,
      figure: `${name}, median fps`,
      unit: 'fps',
      better: 'higher',
      flowbench: pick(flowbench).medianFps,
      baseline: pick(baseline).medianFps,
      target: target(fpsTarget),
    },
    {
      section,
      figure: `${name}, p95 frame`,
      unit: 'ms',
      better: 'lower',
      flowbench: pick(flowbench).p95FrameMs,
      baseline: pick(baseline).p95FrameMs,
      target: null,
    },
  ];
  const renders = flowbench.drag.renders;
  return [
    {
      section,
      figure: 'open (navigation → painted)',
      unit: 'ms',
      better: 'lower',
      flowbench: flowbench.openMs,
      baseline: baseline.openMs,
      target: target(targets.open),
    },
    {
      section,
      figure: 'node elements in the DOM after opening',
      unit: '',
      better: 'lower',
      flowbench: flowbench.nodeElements,
      baseline: baseline.nodeElements,
      target: null,
    },
    ...frameRows('editing-zoom pan', (figures) => figures.editingPan, targets.editingPan),
    ...frameRows('drag one node', (figures) => figures.drag.frames, targets.drag),
    ...frameRows('overview pan', (figures) => figures.overviewPan, targets.overviewPan),
    {
      section,
      figure: 'modules re-rendered while dragging one',
      unit: '',
      better: 'lower',
      // No render at all means the drag did not move the module: no figure rather than 0.
      flowbench: renders && renders.total > 0 ? renders.distinctNodes : null,
      baseline: null,
      target: { value: 1 },
      note:
        renders === null
          ? 'the page has no render probe (?bench)'
          : `${renders.total} module renders in all during the drag`,
    },
  ];
}

function keystrokeRows(
  count: number,
  keystrokes: { large: KeystrokeFigures; demo: KeystrokeFigures },
): BenchRow[] {
  const section = `canvas ${count.toLocaleString('en-US')}`;
  const { large, demo } = keystrokes;
  const note = `${large.keystrokes} keys; baseline: the same field in the demo flow`;
  const target = targetsByCount[count]?.keystroke;
  return [
    {
      section,
      figure: `keystroke into ${large.field}, main thread, median`,
      unit: 'ms',
      better: 'lower',
      flowbench: large.medianMs,
      baseline: demo.medianMs,
      target: target === undefined ? null : { value: target },
      note,
    },
    {
      section,
      figure: `keystroke into ${large.field}, main thread, p95`,
      unit: 'ms',
      better: 'lower',
      flowbench: large.p95Ms,
      baseline: demo.p95Ms,
      target: null,
    },
  ];
}
