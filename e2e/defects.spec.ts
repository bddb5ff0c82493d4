import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';

const mistypedUrl = 'htp:/127.0.0.1:49101';
const urlProblem = 'URL is not a valid http(s) address';

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('Not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The canvas element of a module (React Flow's wrapper, which carries the position). */
function flowNode(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

test('a mistyped URL stays, is a problem, and blocks sending to the old URL', async ({
  flowbench,
  page,
  testBench,
  upstream,
}) => {
  await flowbench.selectNode('crm-lookup');
  const urlField = flowbench.inspector.getByRole('textbox', { name: 'URL', exact: true });
  await urlField.fill(upstream.url('/hook'));
  await expect(testBench.sendButton).toBeEnabled();

  await urlField.fill(mistypedUrl);
  await expect(flowbench.inspector.getByText('Enter a full http:// or https:// URL')).toBeVisible();

  // Leaving the field by clicking the empty canvas deselects the module; then back to it.
  await flowbench.canvas.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(flowbench.inspector.getByRole('textbox', { name: 'URL' })).toHaveCount(0);
  await flowbench.selectNode('crm-lookup');
  await expect(urlField).toHaveValue(mistypedUrl);
  await expect(urlField).toHaveAttribute('aria-invalid', 'true');
  await expect(flowbench.inspector.getByText('Enter a full http:// or https:// URL')).toBeVisible();

  await expect(testBench.region.getByText(/URL is invalid/)).toBeVisible();
  await expect(testBench.region.getByText(`POST ${upstream.url('/hook')}`)).toHaveCount(0);
  await expect(testBench.sendButton).toBeDisabled();
  await testBench.sendButton.click({ force: true });

  await expect(flowbench.node('crm-lookup').locator('.problem-badge')).toHaveAttribute(
    'title',
    new RegExp(urlProblem.replace(/[()]/g, '\\$&')),
  );
  await page
    .getByRole('banner')
    .getByRole('button', { name: /Problems/ })
    .click();
  await expect(page.getByText(urlProblem)).toBeVisible();
  expect(upstream.requestsTo('/hook')).toHaveLength(0);

  await flowbench.selectNode('crm-lookup');
  await page.getByRole('tab', { name: 'Test bench' }).click();
  await urlField.fill(upstream.url('/hook'));
  await expect(testBench.region.getByText(/URL is invalid/)).toHaveCount(0);
  await expect(page.getByText(urlProblem)).toHaveCount(0);
  await testBench.send();
  expect(upstream.requestsTo('/hook')).toHaveLength(1);
});

test('a reload right after a drag keeps the move', async ({ flowbench, page }) => {
  const node = flowNode(page, 'welcome');
  const before = await node.getAttribute('style');
  const from = await centreOf(flowbench.node('welcome'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 160, from.y + 40, { steps: 8 });
  await page.mouse.up();
  const moved = await node.getAttribute('style');
  expect(moved).not.toBe(before);

  // A pending write would rightly ask before leaving; leave anyway.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();

  await expect(flowbench.node('welcome')).toBeVisible();
  const transformAfter = /translate\([^)]*\)/.exec((await node.getAttribute('style')) ?? '');
  const transformMoved = /translate\([^)]*\)/.exec(moved ?? '');
  expect(transformAfter?.[0]).toBe(transformMoved?.[0]);
});

test('keyboard focus on a module is visible', async ({ flowbench, page }) => {
  await flowbench.selectNode('welcome');
  await page.keyboard.press('Tab');
  const focused = page.locator('.react-flow__node:focus-visible');
  await expect(focused).toHaveCount(1);
  const ring = await focused.evaluate((element) => {
    const style = getComputedStyle(element);
    return { outline: style.outlineStyle, shadow: style.boxShadow };
  });
  expect(ring.outline !== 'none' || ring.shadow !== 'none').toBe(true);
});

test('click-to-add continues below the selected module, connected to it', async ({
  flowbench,
  page,
}) => {
  await flowbench.addByClick('Message');
  const first = await flowbench.selectedNodeId();
  const edgesBefore = await flowbench.edges().count();

  await flowbench.addByClick('Question');
  const second = await flowbench.selectedNodeId();
  expect(second).not.toBe(first);

  await expect(flowbench.edges()).toHaveCount(edgesBefore + 1);
  await expect(page.getByRole('group', { name: `Edge from ${first} to ${second}` })).toHaveCount(1);
  const firstBox = await flowNode(page, first).boundingBox();
  const secondBox = await flowNode(page, second).boundingBox();
  if (!firstBox || !secondBox) throw new Error('Nodes are not on screen');
  expect(secondBox.y).toBeGreaterThan(firstBox.y + firstBox.height);
  expect(
    Math.abs(secondBox.x + secondBox.width / 2 - (firstBox.x + firstBox.width / 2)),
  ).toBeLessThan(2);

  for (const other of await page.locator('.react-flow__node').all()) {
    if ((await other.getAttribute('data-id')) === second) continue;
    const box = await other.boundingBox();
    if (!box) continue;
    const overlaps =
      box.x < secondBox.x + secondBox.width &&
      secondBox.x < box.x + box.width &&
      box.y < secondBox.y + secondBox.height &&
      secondBox.y < box.y + box.height;
    expect(overlaps, `new module overlaps ${await other.getAttribute('data-id')}`).toBe(false);
  }

  // Adding and connecting is one step.
  await flowbench.pressShortcut('z');
  await expect(flowbench.edges()).toHaveCount(edgesBefore);
  await expect(flowNode(page, second)).toHaveCount(0);
});

test('Ctrl/Cmd+A selects every module and connection', async ({ flowbench, page }) => {
  await flowbench.selectNode('welcome');
  await flowbench.pressShortcut('a');

  const nodeCount = await page.locator('.react-flow__node').count();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(nodeCount);
  const edgeCount = await flowbench.edges().count();
  await expect(page.locator('.react-flow__edge.selected')).toHaveCount(edgeCount);
  await expect(flowbench.inspector.getByText(`${nodeCount} modules selected`)).toBeVisible();
});

test('a dropped module lands centred on the pointer', async ({ flowbench, page }) => {
  const canvasBox = await flowbench.canvas.boundingBox();
  if (!canvasBox) throw new Error('Canvas is not on screen');
  const target = { x: 120, y: canvasBox.height - 120 };
  const nodesBefore = await flowbench.nodes('message').count();

  await flowbench.dragFromPalette('Message', target);

  await expect(flowbench.nodes('message')).toHaveCount(nodesBefore + 1);
  const dropped = await flowbench.selectedNodeId();
  const centre = await centreOf(flowNode(page, dropped));
  expect(Math.abs(centre.x - (canvasBox.x + target.x))).toBeLessThan(4);
  expect(Math.abs(centre.y - (canvasBox.y + target.y))).toBeLessThan(4);
});

test('a flow with a mistyped field is not exported with the old value in its place', async ({
  flowbench,
  page,
}) => {
  await flowbench.selectNode('crm-lookup');
  await flowbench.inspector.getByRole('textbox', { name: 'URL', exact: true }).fill(mistypedUrl);
  let downloaded = false;
  page.on('download', () => {
    downloaded = true;
  });
  await page.getByRole('button', { name: 'Export flow' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Export failed' })).toContainText(
    'text that is not valid',
  );
  expect(downloaded).toBe(false);
});
