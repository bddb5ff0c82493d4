import type { Page } from 'playwright-core';
import type { NodeRenderProbe } from '../../src/canvas/benchProbe';
import { frameStats, sleep, type FrameStats } from '../harness/stats';

/*
 * What the bench does on a canvas page, the same for Flowbench and for the bare React Flow page:
 * wait until the flow is painted, record frames while panning or dragging with the real mouse,
 * zoom with the wheel. Everything is found through React Flow's own class names.
 */

/** How long each pan or drag lasts. */
const interactionMs = 3000;

/**
 * Resolves, in the page, with `performance.now()` (ms since navigation started) at the first
 * frame that shows the flow: a module node that React Flow has measured and made visible, or the
 * zoomed-out overview layer drawing it (not the mini map, which is a canvas too and shows early).
 */
function paintedAt(): Promise<number> {
  const shown = () =>
    document.querySelector('.react-flow__node:not([style*="visibility: hidden"])') !== null ||
    document.querySelector('.react-flow [data-testid="flow-overview"]') !== null;
  return new Promise((resolve) => {
    const check = () => {
      if (!shown()) {
        requestAnimationFrame(check);
        return;
      }
      // The frame after the one in which the nodes were committed is when they are on screen.
      requestAnimationFrame(() => resolve(performance.now()));
    };
    requestAnimationFrame(check);
  });
}

/** Navigates to `url` and returns navigation → painted in ms. */
export async function openAndTimePaint(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  return page.evaluate(paintedAt);
}

/** Until the header says every change is stored (autosave has written the flow). */
export function waitForSaved(page: Page, timeoutMs: number): Promise<void> {
  return page
    .getByRole('banner')
    .getByRole('status')
    .filter({ hasText: 'All changes saved' })
    .waitFor({ timeout: timeoutMs });
}

export async function countNodeElements(page: Page): Promise<number> {
  return page.locator('.react-flow__node').count();
}

export async function canvasBox(page: Page) {
  const box = await page.locator('.react-flow').first().boundingBox();
  if (box === null) throw new Error('No React Flow canvas on the page');
  return box;
}

/** A point of the empty pane (not a node, edge or control), searched from the centre outward. */
async function panePoint(page: Page): Promise<{ x: number; y: number }> {
  const box = await canvasBox(page);
  const point = await page.evaluate((area) => {
    const centre = { x: area.x + area.width / 2, y: area.y + area.height / 2 };
    for (let radius = 0; radius < Math.max(area.width, area.height) / 2; radius += 6) {
      for (let angle = 0; angle < 360; angle += radius === 0 ? 360 : 15) {
        const x = centre.x + radius * Math.cos((angle * Math.PI) / 180);
        const y = centre.y + radius * Math.sin((angle * Math.PI) / 180);
        const inside =
          x > area.x + 80 &&
          x < area.x + area.width - 80 &&
          y > area.y + 80 &&
          y < area.y + area.height - 80;
        if (inside && document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) {
          return { x, y };
        }
      }
    }
    return null;
  }, box);
  if (point === null) throw new Error('No empty spot of the pane to pan from');
  return point;
}

/** Where to grab the module nearest to the canvas centre. */
async function nodeNearCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = await canvasBox(page);
  const point = await page.evaluate((area) => {
    const centre = { x: area.x + area.width / 2, y: area.y + area.height / 2 };
    let best: { x: number; y: number; distance: number } | null = null;
    for (const element of document.querySelectorAll('.react-flow__node')) {
      const rect = element.getBoundingClientRect();
      const x = rect.x + rect.width / 2;
      const y = rect.y + rect.height / 2;
      const distance = Math.hypot(x - centre.x, y - centre.y);
      if (rect.width > 0 && (best === null || distance < best.distance)) best = { x, y, distance };
    }
    return best && { x: best.x, y: best.y };
  }, box);
  if (point === null) throw new Error('No module on screen to drag');
  return point;
}

/**
 * Presses the left button at `from` and circles around it for `interactionMs`, one mouse move
 * per frame, recording frame times. The events are dispatched in the page: a move per frame is
 * what a real mouse delivers, and the bench's own round trips do not pace the frames.
 */
async function recordCircling(
  page: Page,
  from: { x: number; y: number },
  radius: number,
): Promise<FrameStats> {
  const times = await page.evaluate(
    ({ from, radius, duration }) =>
      new Promise<number[]>((resolve) => {
        const target = document.elementFromPoint(from.x, from.y) ?? document.body;
        const mouse = (x: number, y: number, buttons: number): MouseEventInit => ({
          bubbles: true,
          cancelable: true,
          composed: true,
          view: window,
          clientX: x,
          clientY: y,
          screenX: x,
          screenY: y,
          button: 0,
          buttons,
        });
        const pointer = (x: number, y: number, buttons: number): PointerEventInit => ({
          ...mouse(x, y, buttons),
          pointerId: 1,
          pointerType: 'mouse',
          isPrimary: true,
        });
        target.dispatchEvent(new PointerEvent('pointerdown', pointer(from.x, from.y, 1)));
        target.dispatchEvent(new MouseEvent('mousedown', mouse(from.x, from.y, 1)));
        const times: number[] = [];
        let startedAt: number | null = null;
        const frame = (time: number) => {
          startedAt ??= time;
          times.push(time);
          const elapsed = time - startedAt;
          if (elapsed >= duration) {
            // Back to the start before letting go: the view (or the node) ends where it began.
            document.dispatchEvent(new PointerEvent('pointermove', pointer(from.x, from.y, 1)));
            document.dispatchEvent(new MouseEvent('mousemove', mouse(from.x, from.y, 1)));
            document.dispatchEvent(new PointerEvent('pointerup', pointer(from.x, from.y, 0)));
            document.dispatchEvent(new MouseEvent('mouseup', mouse(from.x, from.y, 0)));
            resolve(times);
            return;
          }
          const angle = (elapsed / 1500) * 2 * Math.PI;
          const x = from.x + radius * Math.sin(angle);
          const y = from.y + radius * (1 - Math.cos(angle)) * 0.5;
          document.dispatchEvent(new PointerEvent('pointermove', pointer(x, y, 1)));
          document.dispatchEvent(new MouseEvent('mousemove', mouse(x, y, 1)));
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { from, radius, duration: interactionMs },
  );
  await settle(page);
  return frameStats(times);
}

export async function recordPan(page: Page): Promise<FrameStats> {
  return recordCircling(page, await panePoint(page), 150);
}

export interface DragResult {
  frames: FrameStats;
  /** Module renders during the drag and how many distinct modules rendered (Flowbench only). */
  renders: { total: number; distinctNodes: number } | null;
}

export async function recordNodeDrag(page: Page): Promise<DragResult> {
  const grip = await nodeNearCentre(page);
  await page.evaluate(() => {
    const probe = window.__flowbenchNodeRenders;
    if (!probe) return;
    probe.renders = 0;
    probe.renderedNodeIds.clear();
  });
  const frames = await recordCircling(page, grip, 80);
  const renders = await page.evaluate(() => {
    const probe: NodeRenderProbe | undefined = window.__flowbenchNodeRenders;
    return probe ? { total: probe.renders, distinctNodes: probe.renderedNodeIds.size } : null;
  });
  return { frames, renders };
}

function viewportScale(page: Page): Promise<number> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport');
    if (!(viewport instanceof HTMLElement)) return Number.NaN;
    return new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
  });
}

/**
 * Zooms with the mouse wheel at the canvas centre until the zoom is `scale` (React Flow zooms
 * by 2^(−deltaY × 0.002) per wheel event).
 */
export async function zoomTo(page: Page, scale: number): Promise<number> {
  // At the centre of the canvas, where a fitted flow has its middle.
  const box = await canvasBox(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  let current = await viewportScale(page);
  for (let attempt = 0; attempt < 8 && Math.abs(current / scale - 1) > 0.02; attempt += 1) {
    await page.mouse.wheel(0, Math.log2(current / scale) / 0.002);
    await settle(page);
    current = await viewportScale(page);
  }
  return current;
}

/** Lets the page finish what an interaction started: two frames and a short pause. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
  await sleep(300);
}
