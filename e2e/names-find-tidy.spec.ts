import type { Locator, Page } from '@playwright/test';
import { createDemoFlow } from '../src/domain/createFlows';
import { expect, test } from './support/test';

async function importText(page: Page, name: string, text: string) {
  await page.getByLabel('Import flow').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

const at = { x: 0, y: 0 };

/** A flow whose modules all sit at 0,0, as a careless generator would write it. */
const pileOfModules = {
  schemaVersion: 1,
  name: 'Piled up',
  nodes: [
    { id: 'start', type: 'start', position: at },
    { id: 'ask', type: 'question', position: at, data: { prompt: 'Tier?', variable: 'tier' } },
    {
      id: 'branch',
      type: 'condition',
      position: at,
      data: { rules: [{ id: 'gold', variable: 'tier', operator: 'equals', value: 'gold' }] },
    },
    { id: 'gold-thanks', type: 'message', position: at, data: { text: 'Gold!' } },
    { id: 'other-thanks', type: 'message', position: at, data: { text: 'Thanks!' } },
    { id: 'end', type: 'end', position: at },
  ],
  edges: [
    { id: 'a', source: 'start', target: 'ask' },
    { id: 'b', source: 'ask', target: 'branch' },
    { id: 'c', source: 'branch', sourceHandle: 'gold', target: 'gold-thanks' },
    { id: 'd', source: 'branch', sourceHandle: 'else', target: 'other-thanks' },
    { id: 'e', source: 'gold-thanks', target: 'end' },
    { id: 'f', source: 'other-thanks', target: 'end' },
  ],
};

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(node: Locator): Promise<Box> {
  const box = await node.boundingBox();
  if (!box) throw new Error('A module is not on screen');
  return box;
}

async function boxesOf(nodes: Locator): Promise<Box[]> {
  const boxes: Box[] = [];
  for (const node of await nodes.all()) {
    const box = await node.boundingBox();
    if (!box) throw new Error('A module is not on screen');
    boxes.push(box);
  }
  return boxes;
}

function overlappingPairs(boxes: readonly Box[]): number {
  let pairs = 0;
  boxes.forEach((box, index) => {
    for (const other of boxes.slice(index + 1)) {
      const apart =
        other.x >= box.x + box.width ||
        box.x >= other.x + other.width ||
        other.y >= box.y + box.height ||
        box.y >= other.y + other.height;
      if (!apart) pairs += 1;
    }
  });
  return pairs;
}

test('a module named in the inspector goes by that name in problems and on the canvas', async ({
  flowbench,
  page,
}) => {
  await flowbench.addByClick('Message');
  const messageId = await flowbench.selectedNodeId();
  const nameField = flowbench.inspector.getByRole('textbox', { name: 'Name', exact: true });
  await expect(nameField).toHaveAttribute('placeholder', `Message ${messageId}`);
  await expect(flowbench.problems).toContainText(`Message ${messageId}`);

  await nameField.fill('Goodbye note');

  await expect(flowbench.problems).toContainText('Goodbye note');
  await expect(flowbench.problems).not.toContainText(`Message ${messageId}`);
  await flowbench.waitUntilSaved();
  await page.reload();
  await flowbench.selectNode(messageId);
  await expect(flowbench.inspector.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(
    'Goodbye note',
  );
  // The canvas node shows the name as its title (the lead's node component).
  await expect(flowbench.node(messageId)).toContainText('Goodbye note');
});

test('Find module selects the module that sets a variable and brings it into view', async ({
  flowbench,
  page,
}) => {
  const findBox = page.getByRole('searchbox', { name: 'Find module' });
  const target = page.locator('.react-flow__node[data-id="ask-nps"]');
  // Pan the flow out of sight first, so only Find module can bring it back.
  const pane = page.locator('.react-flow__pane');
  const paneBox = await pane.boundingBox();
  if (!paneBox) throw new Error('The canvas is not on screen');
  await page.mouse.move(paneBox.x + 20, paneBox.y + 20);
  await page.mouse.down();
  await page.mouse.move(paneBox.x + 20, paneBox.y + paneBox.height - 5, { steps: 5 });
  await page.mouse.move(paneBox.x + 20, paneBox.y + paneBox.height + 900, { steps: 5 });
  await page.mouse.up();
  await expect(target).not.toBeInViewport();

  await pane.click({ position: { x: 10, y: 10 } });
  await flowbench.pressShortcut('f');
  await expect(findBox).toBeFocused();
  await page.keyboard.type('NPS_score');
  await expect(page.getByRole('banner')).toContainText('1 match');
  await page.keyboard.press('Enter');

  await expect(target).toHaveClass(/selected/);
  await expect(target).toBeInViewport();
  await expect(flowbench.inspector.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(
    'Ask NPS',
  );

  await findBox.press('Escape');
  await expect(findBox).toHaveValue('');
});

test('Tidy up untangles modules that were all at 0,0, and one Undo puts them back', async ({
  flowbench,
  page,
}) => {
  await importText(page, 'piled.flow.json', JSON.stringify(pileOfModules));
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Piled up');
  await expect(flowbench.nodes()).toHaveCount(6);
  const notice = page.getByRole('status').filter({ hasText: 'lie on top of each other' });
  await expect(notice.getByRole('button', { name: 'Tidy up' })).toBeVisible();
  expect(overlappingPairs(await boxesOf(flowbench.nodes()))).toBeGreaterThan(0);

  await page
    .getByRole('toolbar', { name: 'Flow actions' })
    .getByRole('button', { name: 'Tidy up' })
    .click();

  await expect.poll(async () => overlappingPairs(await boxesOf(flowbench.nodes()))).toBe(0);
  // The condition's rule branch sits left of its else branch, both below the condition.
  const gold = await boxOf(flowbench.node('gold-thanks'));
  const other = await boxOf(flowbench.node('other-thanks'));
  expect(gold.x + gold.width).toBeLessThanOrEqual(other.x);
  expect(gold.y).toBeGreaterThan((await boxOf(flowbench.node('branch'))).y);

  await page.getByRole('button', { name: 'Undo', exact: true }).click();

  await expect
    .poll(async () => {
      const boxes = await boxesOf(flowbench.nodes());
      return new Set(boxes.map((box) => `${Math.round(box.x)},${Math.round(box.y)}`)).size;
    })
    .toBe(1);
});

test('the Tidy up of the import notice lays the flow out', async ({ flowbench, page }) => {
  await importText(page, 'piled.flow.json', JSON.stringify(pileOfModules));
  const notice = page.getByRole('status').filter({ hasText: 'lie on top of each other' });

  await notice.getByRole('button', { name: 'Tidy up' }).click();

  await expect(notice).toHaveCount(0);
  await expect.poll(async () => overlappingPairs(await boxesOf(flowbench.nodes()))).toBe(0);
});

test('a file React Flow wrote with toObject() imports, its view fields left behind', async ({
  flowbench,
  page,
}) => {
  const written = {
    schemaVersion: 1,
    name: 'Written by React Flow',
    viewport: { x: 12, y: 34, zoom: 1.5 },
    nodes: [
      {
        id: 'start',
        type: 'start',
        position: { x: 0, y: 0 },
        data: {},
        measured: { width: 240, height: 64 },
        width: 240,
        height: 64,
        selected: false,
        dragging: false,
      },
      {
        id: 'hello',
        type: 'message',
        position: { x: 0, y: 150 },
        data: { text: 'Hello!' },
        measured: { width: 240, height: 90 },
        selected: true,
        positionAbsolute: { x: 0, y: 150 },
      },
      { id: 'end', type: 'end', position: { x: 0, y: 300 }, data: {}, selected: false },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: null, target: 'hello', targetHandle: null },
      {
        id: 'e2',
        source: 'hello',
        sourceHandle: null,
        target: 'end',
        targetHandle: null,
        selected: false,
        animated: false,
      },
    ],
  };

  await importText(page, 'react-flow.json', JSON.stringify(written));

  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'Written by React Flow',
  );
  await expect(flowbench.nodes()).toHaveCount(3);
  await expect(flowbench.edges()).toHaveCount(2);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(flowbench.problems).toContainText('No problems found.');
  // `selected: true` in the file is view state and is not taken over.
  await expect(flowbench.selectedNode()).toHaveCount(0);
});

test("React Flow's bare toObject() output, without schemaVersion, imports too", async ({
  flowbench,
  page,
}) => {
  const bare = {
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {}, selected: false },
      { id: 'bye', type: 'end', position: { x: 0, y: 150 }, data: {}, measured: { width: 240 } },
    ],
    edges: [{ id: 'e1', source: 'start', sourceHandle: null, target: 'bye', targetHandle: null }],
    viewport: { x: 0, y: 0, zoom: 1 },
  };

  await importText(page, 'to-object.json', JSON.stringify(bare));

  await expect(flowbench.nodes()).toHaveCount(2);
  await expect(flowbench.edges()).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(/^Untitled flow/);
});

test('an imported flow named like one in the list gets the next free number', async ({
  flowbench,
  page,
}) => {
  const demoText = JSON.stringify(createDemoFlow('http://127.0.0.1:4173'));

  await importText(page, 'demo.flow.json', demoText);
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'NPS survey with CRM lookup 2',
  );
  await importText(page, 'demo.flow.json', demoText);
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'NPS survey with CRM lookup 3',
  );
  await expect(flowbench.flowButton('NPS survey with CRM lookup')).toBeVisible();
  await expect(flowbench.flowButton('NPS survey with CRM lookup 2')).toBeVisible();
  await expect(flowbench.flowButton('NPS survey with CRM lookup 3')).toBeVisible();
});
