import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { parseFlowFile } from '../src/domain/parseFlowFile';
import { expect, test } from './support/test';

const handWrittenFlow = {
  schemaVersion: 1,
  name: 'Hand-written greeting',
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    { id: 'hello', type: 'message', position: { x: 0, y: 120 }, data: { text: 'Hello!' } },
    {
      id: 'ask',
      type: 'question',
      position: { x: 0, y: 240 },
      data: { prompt: 'Your name?', variable: 'firstname' },
    },
    { id: 'end', type: 'end', position: { x: 0, y: 360 } },
  ],
  edges: [
    { id: 'a', source: 'start', target: 'hello' },
    { id: 'b', source: 'hello', target: 'ask' },
    { id: 'c', source: 'ask', target: 'end' },
  ],
};

async function importText(page: Page, name: string, text: string) {
  await page.getByLabel('Import flow').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

test('a hand-written file opens as a new flow, with defaults for left-out fields', async ({
  flowbench,
  page,
}) => {
  await importText(page, 'greeting.flow.json', JSON.stringify(handWrittenFlow));
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'Hand-written greeting',
  );
  await expect(flowbench.nodes()).toHaveCount(4);
  await expect(flowbench.node('ask')).toContainText('Text: Your name?');
  await expect(flowbench.problems).toContainText('No problems found.');
  await expect(flowbench.flows.getByRole('listitem')).toHaveCount(2);
});

const badFiles = [
  {
    title: 'not JSON',
    text: '{"schemaVersion": 1, "nodes": [',
    message: /not valid JSON/,
  },
  {
    title: 'an unknown module kind',
    text: JSON.stringify({
      ...handWrittenFlow,
      nodes: [...handWrittenFlow.nodes, { id: 'x', type: 'carousel', position: { x: 0, y: 0 } }],
    }),
    message: /nodes\[4\] \(id "x"\)\.type: Unknown module kind "carousel"/,
  },
  {
    title: 'an edge to a missing node',
    text: JSON.stringify({
      ...handWrittenFlow,
      edges: [...handWrittenFlow.edges, { id: 'd', source: 'ask', target: 'nowhere' }],
    }),
    message: /edges\[3\] \(id "d"\)\.target: .*"nowhere", which does not exist/,
  },
  {
    title: 'duplicate node ids',
    text: JSON.stringify({
      ...handWrittenFlow,
      nodes: [...handWrittenFlow.nodes, { id: 'hello', type: 'end', position: { x: 0, y: 0 } }],
    }),
    message: /Duplicate node id "hello"/,
  },
  {
    title: 'a malformed position and a broken edge (both reported)',
    text: JSON.stringify({
      ...handWrittenFlow,
      nodes: [...handWrittenFlow.nodes, { id: 'odd', type: 'end', position: { x: 0 } }],
      edges: [...handWrittenFlow.edges, { id: 'd', source: 'ask', target: 'nowhere' }],
    }),
    message: /nodes\[4\] \(id "odd"\)\.position\.y[\s\S]*edges\[3\] \(id "d"\)\.target/,
  },
  {
    title: 'an unknown schemaVersion',
    text: JSON.stringify({ ...handWrittenFlow, schemaVersion: 7 }),
    message: /Unsupported schemaVersion 7; this Flowbench reads schemaVersion 1/,
  },
];

for (const bad of badFiles) {
  test(`a file with ${bad.title} is refused with a message and the open flow stays`, async ({
    flowbench,
    page,
  }) => {
    await flowbench.selectNode('welcome');
    await flowbench.inspector.getByLabel('Text').fill('Unsaved-looking edit');
    await importText(page, 'broken.flow.json', bad.text);

    const alert = page.getByRole('alert').filter({ hasText: "Couldn't import broken.flow.json" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(bad.message);
    await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
      'NPS survey with CRM lookup',
    );
    // The alert takes room from the canvas, which draws only the modules in view: fit them all.
    await page.getByRole('button', { name: 'fit view' }).click();
    await expect(flowbench.nodes()).toHaveCount(9);
    await expect(flowbench.node('welcome')).toContainText('Unsaved-looking edit');
    await expect(flowbench.flows.getByRole('listitem')).toHaveCount(1);
  });
}

test('export downloads <name>.flow.json and importing it gives the same flow', async ({
  flowbench,
  page,
}) => {
  await flowbench.selectNode('crm-lookup');
  await flowbench.inspector.getByLabel('Authorization header').fill('Bearer demo');
  await flowbench.waitUntilSaved();

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export flow' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('NPS survey with CRM lookup.flow.json');
  const exportedText = await readFile(await download.path(), 'utf8');
  const exported = parseFlowFile(exportedText);
  if (!exported.ok) throw new Error('The exported file does not parse');
  expect(exported.flow).toMatchObject({ schemaVersion: 1, name: 'NPS survey with CRM lookup' });
  expect(exported.flow.nodes).toHaveLength(9);

  await importText(page, download.suggestedFilename(), exportedText);
  await expect(flowbench.flows.getByRole('listitem')).toHaveCount(2);
  await expect(flowbench.nodes()).toHaveCount(9);
  await expect(flowbench.node('crm-lookup')).toBeVisible();
  await flowbench.waitUntilSaved();

  const againPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export flow' }).click();
  const again = parseFlowFile(await readFile(await (await againPromise).path(), 'utf8'));
  if (!again.ok) throw new Error('The second export does not parse');
  // Same document; id and name differ, because the original is still in the list.
  expect(again.flow.id).not.toBe(exported.flow.id);
  expect(again.flow.name).toBe('NPS survey with CRM lookup 2');
  expect({ ...again.flow, id: '', name: '' }).toEqual({ ...exported.flow, id: '', name: '' });
});

test('a flow without Start can get one from the palette', async ({ flowbench, page }) => {
  const withoutStart = {
    ...handWrittenFlow,
    nodes: handWrittenFlow.nodes.filter((node) => node.type !== 'start'),
    edges: handWrittenFlow.edges.filter((edge) => edge.source !== 'start'),
  };
  await importText(page, 'headless.flow.json', JSON.stringify(withoutStart));
  await expect(flowbench.problems).toContainText('The flow has no Start module');

  await flowbench.page.getByRole('button', { name: 'Add Start', exact: true }).click();
  const startId = await flowbench.selectedNodeId();
  await flowbench.connect(startId, 'hello');
  await expect(flowbench.problems).toContainText('No problems found.');
  await expect(page.getByRole('button', { name: 'Add Start', exact: true })).toHaveCount(0);
});

test('dropping a flow file on the canvas imports it', async ({ flowbench, page }) => {
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.flow.json', { type: 'application/json' }));
    return transfer;
  }, JSON.stringify(handWrittenFlow));
  await flowbench.canvas.dispatchEvent('dragover', { dataTransfer });
  await flowbench.canvas.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'Hand-written greeting',
  );
  await expect(flowbench.nodes()).toHaveCount(4);
});
