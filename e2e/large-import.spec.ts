import { createLargeFlow } from '../bench/createLargeFlow';
import { expect, test } from './support/test';

declare global {
  interface Window {
    /** Exposed by the first test: tells it what the import banner shows. */
    reportImportBanner(text: string): Promise<void>;
    /** Set by the second test: sends the file it held back to the reader worker after all. */
    sendHeldFile?: () => void;
  }
}

/** Modules of the file that is imported to the end (the canceled one is larger). */
const largeModuleCount = 2_000;

function flowFile(moduleCount: number, name: string) {
  return {
    name: 'large.flow.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...createLargeFlow(moduleCount), name })),
  };
}

test('a large file imports with its progress shown and ends open and stored', async ({
  flowbench,
  page,
}) => {
  test.setTimeout(120_000);
  const progress = page.getByRole('progressbar', { name: 'Importing flow' });
  // On a fast machine 2,000 modules import within a few frames, too quickly for polling to be
  // sure of seeing the banner; the page reports every text the banner showed instead.
  const bannerTexts: string[] = [];
  await page.exposeFunction('reportImportBanner', (text: string) => bannerTexts.push(text));
  await page.evaluate(() => {
    new MutationObserver(() => {
      const banner = document.querySelector('progress[aria-label="Importing flow"]')?.parentElement;
      if (banner?.textContent) void window.reportImportBanner(banner.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  await page.getByLabel('Import flow').setInputFiles(flowFile(largeModuleCount, 'Large flow'));

  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Large flow', {
    timeout: 60_000,
  });
  await expect(progress).toHaveCount(0);
  expect(bannerTexts.some((text) => text.includes('Importing large.flow.json'))).toBe(true);
  // Fitted, it is far too small to read: it opens as the overview picture, no module drawn.
  await expect(page.getByTestId('flow-overview')).toBeVisible();
  await expect(page.locator('.react-flow__node:visible')).toHaveCount(0);
  await expect(flowbench.flows.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await flowbench.waitUntilSaved();

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Large flow', {
    timeout: 60_000,
  });
  await expect(flowbench.flows.getByRole('listitem')).toHaveCount(2);
});

test('while a large file is read the page stays usable, and cancelling leaves the open flow', async ({
  flowbench,
  page,
}) => {
  test.setTimeout(120_000);
  const progress = page.getByRole('progressbar', { name: 'Importing flow' });
  // A fast machine reads even 50,000 modules before the test could click Cancel: the file is
  // held back from the reader worker, so the import waits at its first step until cancelled,
  // and is sent after the cancel.
  // (How long the main thread is busy while a file is really read is measured by the bench.)
  await page.evaluate(() => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its worker below.
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, ...args: [unknown]) {
      const message = args[0];
      if (typeof message === 'object' && message !== null && 'file' in message) {
        window.sendHeldFile = () => Reflect.apply(post, this, args);
        return;
      }
      Reflect.apply(post, this, args);
    };
  });

  await page.getByLabel('Import flow').setInputFiles(flowFile(50_000, 'Fifty thousand'));
  await expect(progress).toBeVisible();
  await expect(page.getByText('Importing large.flow.json')).toBeVisible();
  await expect(page.getByText('Reading the file…')).toBeVisible();
  await flowbench.selectNode('welcome');
  await flowbench.inspector.getByLabel('Text').fill('Edited while importing');
  await page.getByRole('button', { name: 'Cancel import' }).click();
  // Were the reader still listened to, the file would now replace the open flow.
  await page.evaluate(() => window.sendHeldFile?.());

  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'NPS survey with CRM lookup',
  );
  await expect(flowbench.node('welcome')).toContainText('Edited while importing');
  await expect(flowbench.flows.getByRole('listitem')).toHaveCount(1);
  await flowbench.waitUntilSaved();
  await expect(flowbench.flows.getByRole('listitem')).toHaveCount(1);
});
