import type { Page } from 'playwright-core';
import { median, percentile, sleep } from '../harness/stats';

/*
 * One inspector keystroke, end to end: the main thread's busy time (Chromium's own TaskDuration,
 * read through the DevTools protocol) from the key press until the page has drawn the change,
 * minus the same window without a key. Store, problems, every panel that listens, React Flow
 * and the browser's style, layout and paint all count; the autosave after typing stops does not
 * (it waits 300 ms, longer than the window).
 */

export interface KeystrokeFigures {
  /** Busy ms per keystroke, median and p95, after subtracting an idle window's busy time. */
  medianMs: number;
  p95Ms: number;
  keystrokes: number;
  /** Which field of which kind of module was typed into. */
  field: string;
}

const keystrokes = 24;
/** After the two frames that show the change; shorter than the autosave's 300 ms delay. */
const windowPauseMs = 60;

interface EditableField {
  nodeClass: string;
  label: string;
  field: string;
  /** Typed into `Find module` (Enter centres the first match) when none is on screen. */
  findQuery?: string;
}

/** The prompt of a question on screen, else the text of a message, typed into one key at a time. */
export const textFields: readonly EditableField[] = [
  { nodeClass: 'react-flow__node-question', label: 'Prompt', field: 'a question’s Prompt' },
  { nodeClass: 'react-flow__node-message', label: 'Text', field: 'a message’s Text' },
];

/** A WebService's URL: its tools (test bench, personal data sent) follow every keystroke. */
export const webServiceUrlField: readonly EditableField[] = [
  {
    nodeClass: 'react-flow__node-web-service',
    label: 'URL',
    field: 'a WebService’s URL',
    findQuery: 'http',
  },
];

export async function measureInspectorKeystrokes(
  page: Page,
  fields: readonly EditableField[] = textFields,
): Promise<KeystrokeFigures> {
  const chosen = await selectEditableModule(page, fields);
  const input = page.getByRole('region', { name: 'Inspector' }).getByLabel(chosen.label).first();
  await input.waitFor({ timeout: 60_000 });
  await input.click();
  await page.keyboard.press('End');
  await settleFrames(page);
  await sleep(400);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const busyMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
  };
  const window = async (act: () => Promise<void>) => {
    const before = await busyMs();
    await act();
    await settleFrames(page);
    await sleep(windowPauseMs);
    return (await busyMs()) - before;
  };
  const idle: number[] = [];
  const typed: number[] = [];
  for (let index = 0; index < keystrokes; index += 1) {
    idle.push(await window(async () => {}));
    typed.push(await window(() => page.keyboard.type(String.fromCharCode(97 + (index % 26)))));
  }
  await cdp.send('Performance.disable');
  await cdp.detach();
  const idleMs = median(idle);
  const perKey = typed.map((ms) => Math.max(0, ms - idleMs));
  return {
    medianMs: median(perKey),
    p95Ms: percentile(perKey, 0.95),
    keystrokes,
    field: chosen.field,
  };
}

/** Clicks the on-screen module nearest the canvas centre whose kind has a text field. */
async function selectEditableModule(page: Page, fields: readonly EditableField[]) {
  for (const candidate of fields) {
    if (candidate.findQuery !== undefined) {
      const find = page.getByLabel('Find module');
      await find.fill(candidate.findQuery);
      await find.press('Enter');
      await find.press('Escape');
      await settleFrames(page);
      await sleep(300);
    }
    const point = await page.evaluate((nodeClass) => {
      const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!canvas) return null;
      const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
      let best: { x: number; y: number; distance: number } | null = null;
      for (const element of document.querySelectorAll(`.react-flow__node.${nodeClass}`)) {
        const rect = element.getBoundingClientRect();
        const x = rect.x + Math.min(40, rect.width / 2);
        const y = rect.y + Math.min(16, rect.height / 2);
        const inside =
          x > canvas.x + 20 &&
          x < canvas.x + canvas.width - 20 &&
          y > canvas.y + 20 &&
          y < canvas.y + canvas.height - 20;
        const distance = Math.hypot(x - centre.x, y - centre.y);
        if (inside && rect.width > 0 && (best === null || distance < best.distance)) {
          best = { x, y, distance };
        }
      }
      return best;
    }, candidate.nodeClass);
    if (point !== null) {
      await page.mouse.click(point.x, point.y);
      return candidate;
    }
  }
  throw new Error(`No module on screen to type into (${fields.map((f) => f.field).join(', ')})`);
}

function settleFrames(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}
