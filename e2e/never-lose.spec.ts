import type { Page } from '@playwright/test';
import { FlowbenchPage } from './support/FlowbenchPage';
import { WebServiceTestBench } from './support/WebServiceTestBench';
import { expect, test } from './support/test';

/** A second tab of the same browser (one context: one IndexedDB) on the same flow. */
async function openSecondTab(page: Page, options: { broadcast: boolean }) {
  const second = await page.context().newPage();
  if (!options.broadcast) {
    // A tab that is never told: only the revision check can keep it from overwriting.
    await second.addInitScript(() => Reflect.deleteProperty(window, 'BroadcastChannel'));
  }
  const flowbench = new FlowbenchPage(second);
  await flowbench.open();
  return flowbench;
}

function flowNameField(flowbench: FlowbenchPage) {
  return flowbench.page.getByRole('banner').getByRole('textbox', { name: 'Flow name' });
}

async function renameAndAddMessage(flowbench: FlowbenchPage, name: string) {
  await flowNameField(flowbench).fill(name);
  await flowNameField(flowbench).press('Tab');
  await flowbench.addByClick('Message');
  await flowbench.waitUntilSaved();
}

test('a tab with nothing unsaved follows the other tab, and both tabs keep their work', async ({
  flowbench: tabA,
  page,
}) => {
  const tabB = await openSecondTab(page, { broadcast: true });
  const modulesAtStart = await tabA.nodes().count();
  const messagesAtStart = await tabA.nodes('message').count();
  const endsAtStart = await tabA.nodes('end').count();

  await renameAndAddMessage(tabA, 'Renamed in tab A');

  await expect(flowNameField(tabB)).toHaveValue('Renamed in tab A');
  await expect(tabB.nodes()).toHaveCount(modulesAtStart + 1);
  await tabB.addByClick('End');
  await tabB.waitUntilSaved();

  for (const tab of [tabA, tabB]) {
    await tab.page.reload();
    await expect(flowNameField(tab)).toHaveValue('Renamed in tab A');
    await expect(tab.nodes()).toHaveCount(modulesAtStart + 2);
    await expect(tab.nodes('message')).toHaveCount(messagesAtStart + 1);
    await expect(tab.nodes('end')).toHaveCount(endsAtStart + 1);
  }
  await tabB.page.close();
});

test('a stale tab that was not told never overwrites newer work and offers Reload flow', async ({
  flowbench: tabA,
  page,
}) => {
  const tabB = await openSecondTab(page, { broadcast: false });
  const modulesAtStart = await tabA.nodes().count();
  const endsAtStart = await tabA.nodes('end').count();

  await renameAndAddMessage(tabA, 'Renamed in tab A');
  await tabB.addByClick('End');

  const banner = tabB.page
    .getByRole('alert')
    .filter({ hasText: 'This flow was changed in another tab' });
  await expect(banner).toBeVisible();
  await expect(tabB.saveStatus).toHaveText('Not saved: changed in another tab');

  await tabA.page.reload();
  await expect(flowNameField(tabA)).toHaveValue('Renamed in tab A');
  await expect(tabA.nodes()).toHaveCount(modulesAtStart + 1);
  await expect(tabA.nodes('end')).toHaveCount(endsAtStart);

  await banner.getByRole('button', { name: 'Reload flow' }).click();
  await expect(banner).toHaveCount(0);
  await expect(flowNameField(tabB)).toHaveValue('Renamed in tab A');
  await expect(tabB.nodes()).toHaveCount(modulesAtStart + 1);
  await expect(tabB.saveStatus).toHaveText('All changes saved');

  // From the newer flow, tab B's edits save again.
  await tabB.addByClick('End');
  await tabB.waitUntilSaved();
  await tabA.page.reload();
  await expect(tabA.nodes()).toHaveCount(modulesAtStart + 2);
  await tabB.page.close();
});

test('a stale tab keeps its version as a copy; the other tab keeps the original', async ({
  flowbench: tabA,
  page,
}) => {
  const tabB = await openSecondTab(page, { broadcast: false });
  const originalName = await flowNameField(tabB).inputValue();
  const copyName = `${originalName} (my version)`;
  const modulesAtStart = await tabA.nodes().count();
  const messagesAtStart = await tabA.nodes('message').count();
  const endsAtStart = await tabA.nodes('end').count();

  await renameAndAddMessage(tabA, 'Renamed in tab A');
  await tabB.addByClick('End');
  const banner = tabB.page
    .getByRole('alert')
    .filter({ hasText: 'This flow was changed in another tab' });
  await banner.getByRole('button', { name: 'Keep my version as a copy' }).click();

  await expect(banner).toHaveCount(0);
  await expect(flowNameField(tabB)).toHaveValue(copyName);
  await expect(tabB.nodes('end')).toHaveCount(endsAtStart + 1);
  await expect(tabB.saveStatus).toHaveText('All changes saved');
  await expect(tabB.flowButton('Renamed in tab A')).toBeVisible();
  await expect(tabB.flowButton(copyName)).toBeVisible();

  // Autosave goes on with the copy, with no conflict.
  await tabB.addByClick('End');
  await tabB.waitUntilSaved();
  await expect(tabB.saveStatus).toHaveText('All changes saved');

  for (const tab of [tabA, tabB]) await tab.page.reload();
  await tabA.flowButton('Renamed in tab A').click();
  await expect(flowNameField(tabA)).toHaveValue('Renamed in tab A');
  await expect(tabA.nodes()).toHaveCount(modulesAtStart + 1);
  await expect(tabA.nodes('message')).toHaveCount(messagesAtStart + 1);
  await expect(tabA.nodes('end')).toHaveCount(endsAtStart);
  await tabB.flowButton(copyName).click();
  await expect(flowNameField(tabB)).toHaveValue(copyName);
  await expect(tabB.nodes()).toHaveCount(modulesAtStart + 2);
  await expect(tabB.nodes('message')).toHaveCount(messagesAtStart);
  await expect(tabB.nodes('end')).toHaveCount(endsAtStart + 2);
  await tabB.page.close();
});

test('an idle tab follows a rename made in the flow list of another tab', async ({
  flowbench: tabA,
  page,
}) => {
  const tabB = await openSecondTab(page, { broadcast: true });
  const originalName = await flowNameField(tabB).inputValue();
  await tabA.flows.getByRole('button', { name: 'New flow' }).click();
  await expect(flowNameField(tabA)).toHaveValue('Untitled flow');

  await tabA.flows.getByRole('button', { name: `Rename ${originalName}` }).click();
  await tabA.flows.getByLabel(`New name for ${originalName}`).fill('Renamed from the list');
  await tabA.flows.getByRole('button', { name: 'Save name' }).click();

  await expect(flowNameField(tabB)).toHaveValue('Renamed from the list');
  await expect(tabB.flowButton('Untitled flow')).toBeVisible();
  await tabB.page.close();
});

test('a flow deleted in another tab is not brought back; its version here can be kept as a copy', async ({
  flowbench: tabA,
  page,
}) => {
  const tabB = await openSecondTab(page, { broadcast: true });
  const originalName = await flowNameField(tabB).inputValue();
  const endsAtStart = await tabB.nodes('end').count();

  await tabA.flows.getByRole('button', { name: `Delete ${originalName}` }).click();
  await tabA.flows.getByRole('button', { name: 'Delete for good' }).click();
  await expect(tabA.flowButton(originalName)).toHaveCount(0);

  const banner = tabB.page
    .getByRole('alert')
    .filter({ hasText: 'This flow was deleted in another tab' });
  await expect(banner).toBeVisible();
  await tabB.addByClick('End');
  await expect(tabB.saveStatus).toHaveText('Not saved: deleted in another tab');
  await tabA.page.reload();
  await expect(tabA.flowButton(originalName)).toHaveCount(0);

  await banner.getByRole('button', { name: 'Keep my version as a copy' }).click();
  await expect(banner).toHaveCount(0);
  await expect(flowNameField(tabB)).toHaveValue(`${originalName} (my version)`);
  await expect(tabB.nodes('end')).toHaveCount(endsAtStart + 1);
  await expect(tabB.saveStatus).toHaveText('All changes saved');
  await tabA.page.reload();
  await expect(tabA.flowButton(`${originalName} (my version)`)).toBeVisible();
  await expect(tabA.flowButton(originalName)).toHaveCount(0);
  await tabB.page.close();
});

test('a refused test-bench write shows Not saved in the header, asks before leaving, and is retried', async ({
  flowbench,
  page,
}) => {
  const bench = new WebServiceTestBench(page);
  await flowbench.selectNode('crm-lookup');
  await expect(bench.sampleValue('email')).toBeVisible();
  // Fault injection: only test-bench writes throw, as a full disk would for them.
  await page.evaluate(() => {
    const originalPut: unknown = Reflect.get(IDBObjectStore.prototype, 'put');
    if (typeof originalPut !== 'function') throw new Error('IDBObjectStore has no put');
    Reflect.set(window, 'flowbenchOriginalPut', originalPut);
    Reflect.set(
      IDBObjectStore.prototype,
      'put',
      function failingPut(this: IDBObjectStore, ...args: unknown[]): unknown {
        if (this.name === 'testBenches') {
          throw new DOMException('The disk is full', 'QuotaExceededError');
        }
        const request: unknown = Reflect.apply(originalPut, this, args);
        return request;
      },
    );
  });

  await bench.sampleValue('email').fill('kept.in.memory@example.org');

  await expect(flowbench.saveStatus).toHaveText('Not saved');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Your changes could not be saved' }),
  ).toContainText('The disk is full');

  let leaveDialog = '';
  page.once('dialog', (dialog) => {
    leaveDialog = dialog.type();
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => leaveDialog).toBe('beforeunload');

  await page.evaluate(() => {
    const saved: unknown = Reflect.get(window, 'flowbenchOriginalPut');
    if (typeof saved === 'function') Reflect.set(IDBObjectStore.prototype, 'put', saved);
  });
  // No new edit: the retry with backoff writes the change by itself.
  await flowbench.waitUntilSaved();
  await page.reload();
  await flowbench.selectNode('crm-lookup');
  await expect(bench.sampleValue('email')).toHaveValue('kept.in.memory@example.org');
});

test('a 60,000-variable answer shows 100 rows of Returned variables and a filter', async ({
  flowbench,
  page,
  upstream,
  testBench,
}) => {
  const variables = Object.fromEntries(
    Array.from({ length: 60_000 }, (_, index) => [`v${index}`, 'x']),
  );
  upstream.reply('/hook', { body: { data: { variables } } });
  await flowbench.selectNode('crm-lookup');
  const urlField = flowbench.inspector.getByRole('textbox', { name: 'URL', exact: true });
  await urlField.fill(upstream.url('/hook'));
  await expect(testBench.region.getByText(`POST ${upstream.url('/hook')}`)).toBeVisible();

  await testBench.send();

  const rows = testBench.returnedVariables.locator('tbody tr');
  await expect(rows).toHaveCount(100);
  const filter = testBench.result.getByRole('searchbox', { name: 'Filter returned variables' });
  // 60,000 returned and the 3 the module expects (firstname, …) listed as missing.
  await expect(testBench.result).toContainText('Showing 100 of 60,003 matching variables.');
  await filter.fill('v5999');
  await expect(rows).toHaveCount(11);
  await expect(testBench.returnedRow('v59999')).toContainText('new');

  await page.reload();
  await flowbench.selectNode('crm-lookup');
  await expect(testBench.returnedVariables.locator('tbody tr')).toHaveCount(100);
});

test("a stale tab's test-bench edit keeps the other tab's edit of another field", async ({
  flowbench: tabA,
}) => {
  await tabA.selectNode('crm-lookup');
  // Tab B is never told, so it edits on top of what it read before tab A's edit.
  const tabB = await openSecondTab(tabA.page, { broadcast: false });
  await tabB.selectNode('crm-lookup');
  const benchA = new WebServiceTestBench(tabA.page);
  const benchB = new WebServiceTestBench(tabB.page);
  await expect(benchB.timeoutField).toHaveValue('20000');

  await benchA.timeoutField.fill('5000');
  await tabA.waitUntilSaved();
  const sampleB = benchB.region.getByRole('textbox', { name: 'Sample value of nps_score' });
  await sampleB.fill('7');
  await tabB.waitUntilSaved();

  for (const tab of [tabA, tabB]) {
    await tab.page.reload();
    await expect(tab.nodes().first()).toBeVisible();
    await tab.selectNode('crm-lookup');
    const bench = new WebServiceTestBench(tab.page);
    await expect(bench.timeoutField).toHaveValue('5000');
    await expect(
      bench.region.getByRole('textbox', { name: 'Sample value of nps_score' }),
    ).toHaveValue('7');
  }
});
