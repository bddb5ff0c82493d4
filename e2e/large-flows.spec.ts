import type { Page } from '@playwright/test';
import { expect, test } from './support/test';

const moduleCount = 400;

/** Start, then questions n1… in rows of 20 (260 × 160 apart), each leading to the next, then End. */
function largeFlow() {
  const questions = Array.from({ length: moduleCount - 2 }, (_, index) => ({
    id: `n${index + 1}`,
    type: 'question',
    position: { x: ((index + 1) % 20) * 260, y: Math.floor((index + 1) / 20) * 160 },
    data: { prompt: `Question ${index + 1}?`, variable: `answer_${index + 1}` },
  }));
  const ids = ['start', ...questions.map((question) => question.id), 'end'];
  return {
    schemaVersion: 1,
    name: 'Large flow',
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 } },
      ...questions,
      { id: 'end', type: 'end', position: { x: 0, y: 160 * 21 } },
    ],
    edges: ids.slice(1).map((target, index) => ({ id: `e${index}`, source: ids[index], target })),
  };
}

async function importLargeFlow(page: Page) {
  await page.getByLabel('Import flow').setInputFiles({
    name: 'large.flow.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(largeFlow())),
  });
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Large flow');
}

/** Find module's way to a module: it selects it and centres it at a readable zoom. */
async function showModule(page: Page, text: string) {
  const findBox = page.getByRole('searchbox', { name: 'Find module' });
  await findBox.fill(text);
  await expect(page.getByRole('banner')).toContainText('1 match');
  await findBox.press('Enter');
}

/** What the `?bench` probe saw since it was last reset: renders and the nodes rendered. */
async function nodeRenders(page: Page): Promise<{ renders: number; nodeIds: string[] }> {
  return page.evaluate(() => ({
    renders: window.__flowbenchNodeRenders?.renders ?? 0,
    nodeIds: [...(window.__flowbenchNodeRenders?.renderedNodeIds ?? [])],
  }));
}

test('a large flow opens as one overview picture, and a click on a module there selects it', async ({
  flowbench,
  page,
}) => {
  await importLargeFlow(page);

  // Fitted, 400 modules are far too small to read: drawn as boxes, not as node elements.
  await expect(page.getByTestId('flow-overview')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.locator('.react-flow__minimap')).toBeVisible();

  // Module n1 is drawn second in the first row, at x 260.
  const moduleN1 = await page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="flow-overview"]');
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const match = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)/.exec(
      viewport?.style.transform ?? '',
    );
    const box = canvas?.getBoundingClientRect();
    if (!match || !box) return null;
    const [x, y, zoom] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return { x: box.left + x + 360 * zoom, y: box.top + y + 30 * zoom };
  });
  if (!moduleN1) throw new Error('The overview is not on screen');
  await page.mouse.click(moduleN1.x, moduleN1.y);
  await expect(flowbench.inspector.getByText('n1', { exact: true })).toBeVisible();
  await expect(flowbench.inspector.getByRole('textbox', { name: 'Prompt' })).toHaveValue(
    'Question 1?',
  );
});

test('zoomed in, only the modules on screen are in the page, and they connect to those off it', async ({
  flowbench,
  page,
}) => {
  await expect(flowbench.nodes().first()).toBeVisible();
  await importLargeFlow(page);
  await showModule(page, 'Question 41?');

  const node = page.locator('.react-flow__node[data-id="n41"]');
  await expect(node).toBeInViewport();
  const drawn = await page.locator('.react-flow__node').count();
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(moduleCount / 4);
  // n41's predecessor may be off screen; its connection is drawn anyway.
  await expect(page.locator('.react-flow__edge[data-id]').first()).toBeVisible();
  await expect(page.locator('.react-flow__edge')).not.toHaveCount(0);
});

test('dragging one module of a large flow re-renders that module only', async ({ page }) => {
  await page.goto('/?bench');
  await expect(page.locator('.module-node').first()).toBeVisible();
  await importLargeFlow(page);
  await showModule(page, 'Question 41?');
  const node = page.locator('.react-flow__node[data-id="n41"]');
  await expect(node).toHaveClass(/selected/);
  await expect(node).toBeInViewport();
  const before = await node.boundingBox();
  if (!before) throw new Error('The module is not on screen');
  const others = await page.locator('.react-flow__node').count();
  expect(others).toBeGreaterThan(3);

  await page.evaluate(() => {
    const probe = window.__flowbenchNodeRenders;
    if (!probe) throw new Error('The page counts no renders');
    probe.renders = 0;
    probe.renderedNodeIds.clear();
  });
  await page.mouse.move(before.x + 40, before.y + 12);
  await page.mouse.down();
  await page.mouse.move(before.x + 140, before.y + 80, { steps: 20 });
  await page.mouse.up();

  const after = await node.boundingBox();
  expect(after?.x).toBeGreaterThan(before.x + 50);
  const rendered = await nodeRenders(page);
  expect(rendered.nodeIds).toEqual(['n41']);
  expect(rendered.renders).toBeGreaterThan(0);
});

/** Modules far apart: a connection from the top to the far bottom runs past the middle one. */
function spreadOutFlow() {
  return {
    schemaVersion: 1,
    name: 'Spread out',
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 } },
      {
        id: 'far-below',
        type: 'message',
        position: { x: 0, y: 8000 },
        data: { text: 'Far below' },
      },
      { id: 'middle', type: 'message', position: { x: 300, y: 4000 }, data: { text: 'Middle' } },
      { id: 'side', type: 'message', position: { x: 6000, y: 4000 }, data: { text: 'Side' } },
    ],
    edges: [{ id: 'long', source: 'start', target: 'far-below' }],
  };
}

test('moving around a flow draws what comes into view, connections from far away included', async ({
  flowbench,
  page,
}) => {
  await expect(flowbench.nodes().first()).toBeVisible();
  await page.getByLabel('Import flow').setInputFiles({
    name: 'spread.flow.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(spreadOutFlow())),
  });
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Spread out');

  await showModule(page, 'Middle');
  await expect(page.locator('.react-flow__node[data-id="middle"]')).toBeInViewport();
  // Neither end of the long connection is anywhere near; it is drawn across the view all the same.
  await expect(page.locator('.react-flow__node[data-id="start"]')).toHaveCount(0);
  await expect(page.locator('.react-flow__node[data-id="far-below"]')).toHaveCount(0);
  // A vertical line has no area to be "in viewport"; its box must cross the canvas instead.
  const canvas = await page.getByRole('region', { name: 'Canvas' }).boundingBox();
  const line = await page.locator('.react-flow__edge[data-id="long"] path').first().boundingBox();
  if (!canvas || !line) throw new Error('The canvas or the long connection is not drawn');
  expect(line.x).toBeGreaterThan(canvas.x);
  expect(line.x).toBeLessThan(canvas.x + canvas.width);
  expect(line.y).toBeLessThan(canvas.y);
  expect(line.y + line.height).toBeGreaterThan(canvas.y + canvas.height);

  await showModule(page, 'Side');
  await expect(page.locator('.react-flow__node[data-id="side"]')).toBeInViewport();
  await expect(page.locator('.react-flow__node[data-id="side"]')).toContainText('Side');
  await expect(page.locator('.react-flow__edge[data-id="long"]')).toHaveCount(0);

  // Fit View shows all of it, however little of it was drawn a moment ago.
  await page.getByRole('button', { name: 'Fit View' }).click();
  await expect(page.getByTestId('flow-overview')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
});
