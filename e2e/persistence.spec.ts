import { expect, test } from './support/test';

test('a reload restores exactly what was there', async ({ flowbench, page }) => {
  await flowbench.selectNode('welcome');
  await flowbench.inspector.getByLabel('Text').fill('Hello {{firstname}}, welcome back.');
  await flowbench.addByClick('Condition');
  const conditionId = await flowbench.selectedNodeId();
  await flowbench.inspector.getByRole('button', { name: 'Add rule' }).click();
  await flowbench.inspector.getByLabel('Rule 1 variable').fill('nps_score');
  await flowbench.inspector.getByLabel('Rule 1 value').fill('10');
  await flowbench.connect('thanks-other', conditionId);
  await page.getByRole('textbox', { name: 'Flow name' }).fill('Renamed survey');
  await flowbench.waitUntilSaved();

  await page.reload();
  await expect(flowbench.node('welcome')).toContainText('Hello {{firstname}}, welcome back.');
  await expect(flowbench.node(conditionId)).toContainText('nps_score equals 10');
  await expect(flowbench.nodes()).toHaveCount(10);
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Renamed survey');
  await expect(flowbench.flowButton('Renamed survey')).toBeVisible();
});

test('flows can be created, renamed, duplicated, opened and deleted', async ({
  flowbench,
  page,
}) => {
  await flowbench.flows.getByRole('button', { name: 'New flow' }).click();
  await expect(flowbench.nodes()).toHaveCount(1);
  await expect(flowbench.nodes('start')).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Untitled flow');
  await flowbench.addByClick('End');
  await flowbench.connect('start', await flowbench.selectedNodeId());
  await expect(flowbench.problems).toContainText('No problems found.');

  await flowbench.flows.getByRole('button', { name: 'Rename Untitled flow' }).click();
  await flowbench.flows.getByLabel('New name for Untitled flow').fill('Short flow');
  await flowbench.flows.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Short flow');

  await flowbench.flows
    .getByRole('button', { name: 'Duplicate NPS survey with CRM lookup' })
    .click();
  const copy = flowbench.flowButton('NPS survey with CRM lookup (copy)');
  await expect(copy).toBeVisible();
  await copy.click();
  await expect(flowbench.nodes()).toHaveCount(9);
  await expect(copy).toHaveAttribute('aria-current', 'page');

  await flowbench.flowButton('Short flow').click();
  await expect(flowbench.nodes()).toHaveCount(2);

  await flowbench.flows.getByRole('button', { name: 'Delete Short flow' }).click();
  await flowbench.flows.getByRole('button', { name: 'Delete for good' }).click();
  await expect(flowbench.flowButton('Short flow')).toHaveCount(0);
  // The open flow was deleted, so another one opens in its place.
  await expect(flowbench.nodes()).toHaveCount(9);

  await page.reload();
  await expect(flowbench.flows.getByRole('listitem')).toHaveCount(2);
});

test('switching flows keeps the edits of the flow left behind', async ({ flowbench }) => {
  await flowbench.selectNode('welcome');
  await flowbench.inspector.getByLabel('Text').fill('Edited just before switching');
  await flowbench.flows.getByRole('button', { name: 'New flow' }).click();
  await expect(flowbench.nodes()).toHaveCount(1);
  await flowbench.flowButton('NPS survey with CRM lookup').click();
  await expect(flowbench.node('welcome')).toContainText('Edited just before switching');
});

test('a failed save is shown, retried, and nothing is lost', async ({ flowbench, page }) => {
  // Fault injection: make IndexedDB writes throw, as a full disk or a revoked permission would.
  await page.evaluate(() => {
    Reflect.set(window, 'flowbenchOriginalPut', Reflect.get(IDBObjectStore.prototype, 'put'));
    Reflect.set(IDBObjectStore.prototype, 'put', function failingPut() {
      throw new DOMException('The disk is full', 'QuotaExceededError');
    });
  });
  await flowbench.selectNode('welcome');
  await flowbench.inspector.getByLabel('Text').fill('Written while the disk was full');

  const banner = page.getByRole('alert').filter({ hasText: 'Your changes could not be saved' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('The disk is full');
  await expect(flowbench.saveStatus).toHaveText('Not saved');

  await page.evaluate(() => {
    const saved: unknown = Reflect.get(window, 'flowbenchOriginalPut');
    if (typeof saved === 'function') Reflect.set(IDBObjectStore.prototype, 'put', saved);
  });
  await banner.getByRole('button', { name: 'Retry now' }).click();
  await expect(banner).toHaveCount(0);
  await flowbench.waitUntilSaved();

  await page.reload();
  await expect(flowbench.node('welcome')).toContainText('Written while the disk was full');
});
