import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('Element is not rendered');
  return box;
}

function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The element lies fully inside the window: nothing of it is cut off. */
async function expectWithinWindow(page: Page, locator: Locator) {
  const box = await boxOf(locator);
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('No viewport');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
}

test.describe('panels', () => {
  test('the side panels collapse and expand, and stay so after a reload', async ({
    flowbench,
    page,
  }) => {
    const palette = page.getByRole('region', { name: 'Modules' });
    await expect(palette).toBeVisible();
    await page.getByRole('button', { name: 'Collapse modules and flows' }).click();
    await expect(palette).toBeHidden();
    await expect(flowbench.flows).toBeHidden();

    await page.getByRole('button', { name: 'Collapse inspector and tools' }).click();
    await expect(flowbench.inspector).toBeHidden();
    const canvasWidth = (await boxOf(flowbench.canvas)).width;
    expect(canvasWidth).toBeGreaterThan(1440 * 0.85);

    await page.reload();
    await expect(flowbench.nodes().first()).toBeVisible();
    await expect(palette).toBeHidden();
    await expect(flowbench.inspector).toBeHidden();

    await page.getByRole('button', { name: 'Expand modules and flows' }).click();
    await page.getByRole('button', { name: 'Expand inspector and tools' }).click();
    await expect(palette).toBeVisible();
    await expect(flowbench.inspector).toBeVisible();
  });

  test('a resized panel keeps its size across a reload', async ({ flowbench, page }) => {
    const sidebar = page.getByRole('region', { name: 'Modules' });
    const before = (await boxOf(sidebar)).width;
    const separator = page.getByRole('separator').first();
    const handle = await boxOf(separator);
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 120, handle.y + handle.height / 2, { steps: 8 });
    await page.mouse.up();
    const widened = (await boxOf(sidebar)).width;
    expect(widened).toBeGreaterThan(before + 80);

    await page.reload();
    await expect(flowbench.nodes().first()).toBeVisible();
    expect(Math.abs((await boxOf(sidebar)).width - widened)).toBeLessThan(4);
  });

  test('the toolbar shows the problem count whatever is selected and opens the list', async ({
    flowbench,
    page,
  }) => {
    const problemsButton = page.getByRole('button', { name: /^Problems \d+$/ });
    await expect(problemsButton).toHaveText(/Problems\s*0/);
    await flowbench.addByClick('Question');
    await expect(problemsButton).toHaveText(/Problems\s*[1-9]/);

    await flowbench.selectNode('crm-lookup');
    await expect(page.getByRole('region', { name: 'WebService test' })).toBeVisible();
    await expect(problemsButton).toHaveText(/Problems\s*[1-9]/);
    await problemsButton.click();
    await expect(flowbench.problems).toContainText('Question output leads nowhere');
    await expect(page.getByRole('tab', { name: /Test bench/ })).toHaveAttribute(
      'aria-selected',
      'false',
    );
    await page.getByRole('tab', { name: /Test bench/ }).click();
    await expect(page.getByRole('region', { name: 'WebService test' })).toBeVisible();
  });

  test('the mini map can be hidden, stays hidden after a reload, and never covers a fitted flow', async ({
    flowbench,
    page,
  }) => {
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
    const miniMapBox = await boxOf(page.locator('.react-flow__minimap'));
    for (const node of await flowbench.nodes().all()) {
      expect(overlaps(await boxOf(node), miniMapBox)).toBe(false);
    }

    await page.getByRole('button', { name: 'Hide mini map' }).click();
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await page.reload();
    await expect(flowbench.nodes().first()).toBeVisible();
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show mini map' }).click();
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
  });

  test('a new flow opens at most at 1x zoom', async ({ flowbench, page }) => {
    await flowbench.flows.getByRole('button', { name: 'New flow' }).click();
    await expect(flowbench.nodes()).toHaveCount(1);
    const scale = await page
      .locator('.react-flow__viewport')
      .evaluate((element) => new DOMMatrixReadOnly(getComputedStyle(element).transform).a);
    expect(scale).toBeLessThanOrEqual(1);
    await expect(flowbench.nodes().first()).toBeInViewport({ ratio: 1 });
  });
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('with a WebService selected nothing is cut off or overlapping and the canvas keeps 40 %', async ({
      flowbench,
      page,
    }) => {
      await flowbench.selectNode('crm-lookup');
      const bench = page.getByRole('region', { name: 'WebService test' });
      await expect(bench).toBeVisible();

      const canvas = await boxOf(flowbench.canvas);
      expect(canvas.width).toBeGreaterThanOrEqual(viewport.width * 0.4);

      const toolbar = page.getByRole('banner');
      for (const button of await toolbar.getByRole('button').all()) {
        await expectWithinWindow(page, button);
      }
      await expectWithinWindow(page, toolbar.getByRole('status'));
      await expectWithinWindow(page, flowbench.inspector.getByRole('textbox', { name: 'URL' }));
      await expectWithinWindow(page, bench.getByRole('button', { name: 'Send test request' }));
      for (const paletteButton of await page
        .getByRole('region', { name: 'Modules' })
        .getByRole('button', { name: /^Add / })
        .all()) {
        await expectWithinWindow(page, paletteButton);
      }

      const inspector = await boxOf(page.locator('.sidebar-inspector'));
      const tools = await boxOf(page.getByRole('region', { name: 'Tools' }));
      const sidebar = await boxOf(page.getByRole('region', { name: 'Modules' }));
      expect(overlaps(canvas, tools)).toBe(false);
      expect(overlaps(canvas, sidebar)).toBe(false);
      expect(inspector.y + inspector.height).toBeLessThanOrEqual(tools.y + 1);
      expect(tools.height).toBeGreaterThan(200);

      const miniMapBox = await boxOf(page.locator('.react-flow__minimap'));
      for (const node of await flowbench.nodes().all()) {
        const nodeBox = await boxOf(node);
        expect(overlaps(nodeBox, miniMapBox)).toBe(false);
        expect(nodeBox.x).toBeGreaterThanOrEqual(canvas.x);
        expect(nodeBox.x + nodeBox.width).toBeLessThanOrEqual(canvas.x + canvas.width);
      }
    });
  });
}

test('a flow with hundreds of problems lists a page of them, with a filter', async ({
  flowbench,
  page,
}) => {
  const messages = Array.from({ length: 150 }, (_, index) => ({
    id: `m${index}`,
    type: 'message',
    position: { x: (index % 10) * 300, y: Math.floor(index / 10) * 150 + 150 },
    data: { text: `Message ${index}` },
  }));
  const file = {
    schemaVersion: 1,
    name: 'Many problems',
    nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 } }, ...messages],
    edges: [],
  };
  await page.getByLabel('Import flow').setInputFiles({
    name: 'many.flow.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Many problems');
  await page.getByRole('button', { name: /^Problems \d+$/ }).click();

  await expect(flowbench.problems.getByRole('button')).toHaveCount(100);
  await flowbench.problems.getByRole('searchbox', { name: 'Filter problems' }).fill('m149');
  await expect(flowbench.problems.getByRole('button')).toHaveCount(2);
  await expect(flowbench.problems.getByRole('button').first()).toContainText('m149');
});
