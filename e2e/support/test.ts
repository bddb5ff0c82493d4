import { test as base } from '@playwright/test';
import { ChatPreview } from './ChatPreview';
import { FlowbenchPage } from './FlowbenchPage';
import { UpstreamServer } from './upstreamServer';
import { WebServiceTestBench } from './WebServiceTestBench';

export const test = base.extend<{
  flowbench: FlowbenchPage;
  /** A real HTTP endpoint on 127.0.0.1 that the app's server calls; closed after the test. */
  upstream: UpstreamServer;
  /** The "WebService test" region of the selected WebService node. */
  testBench: WebServiceTestBench;
  /** The `Preview` tab's chat preview, with its variables, step log and presentation. */
  chatPreview: ChatPreview;
}>({
  flowbench: async ({ page }, use) => {
    const flowbench = new FlowbenchPage(page);
    await flowbench.open();
    await use(flowbench);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the object pattern here.
  upstream: async ({}, use) => {
    const upstream = await UpstreamServer.start();
    await use(upstream);
    await upstream.close();
  },
  testBench: async ({ page }, use) => {
    await use(new WebServiceTestBench(page));
  },
  // Needs the editor open, as every use of the preview does.
  chatPreview: async ({ flowbench }, use) => {
    await use(new ChatPreview(flowbench.page));
  },
});

export { expect } from '@playwright/test';
