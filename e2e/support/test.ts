import { test as base } from '@playwright/test';
import { FlowbenchPage } from './FlowbenchPage';

export const test = base.extend<{ flowbench: FlowbenchPage }>({
  flowbench: async ({ page }, use) => {
    const flowbench = new FlowbenchPage(page);
    await flowbench.open();
    await use(flowbench);
  },
});

export { expect } from '@playwright/test';
