import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test as base } from './support/test';

/**
 * The built server started as for a customer demo: shared mode (on 127.0.0.1, so nothing leaves
 * this machine), its own port, the same build the other specs use.
 */
interface SharedServer {
  url: string;
  output: string[];
}

const distDir = process.env.E2E_DIST ?? 'dist';

const test = base.extend<object, { sharedServer: SharedServer }>({
  sharedServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the object pattern here.
    async ({}, use) => {
      const child: ChildProcess = spawn('node', [`${distDir}/server/main.js`], {
        env: { ...process.env, HOST: '127.0.0.1', PORT: '0', FLOWBENCH_MODE: 'shared' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const output: string[] = [];
      const url = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`The shared server exited with ${code}`)));
        child.stdout?.on('data', (chunk: Buffer) => {
          output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          const running = output
            .map((line) => /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1])
            .find((found) => found !== undefined);
          if (running) resolve(running);
        });
      });
      await use({ url, output });
      child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ sharedServer }, use) => use(sharedServer.url),
});

test('a shared server says so at start and still answers its demo CRM lookup', async ({
  sharedServer,
  flowbench,
  testBench,
}) => {
  expect(sharedServer.output.join('\n')).toMatch(/shared mode/);
  expect(sharedServer.output.join('\n')).toMatch(/loopback, private.* are refused/);

  await flowbench.selectNode('crm-lookup');
  await testBench.send();

  await expect(testBench.result).toHaveAttribute('data-outcome', 'ok');
  await expect(testBench.returnedRow('customer_tier').getByRole('cell')).toHaveText([
    'gold',
    'new',
  ]);
});

test('a shared server refuses an endpoint on this machine without sending anything', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  const url = upstream.url('/hook');
  await flowbench.selectNode('crm-lookup');
  const urlField = flowbench.inspector.getByRole('textbox', { name: 'URL', exact: true });
  await urlField.fill(url);
  await expect(
    flowbench.page.getByRole('region', { name: 'WebService test' }).getByText(`POST ${url}`),
  ).toBeVisible();
  await testBench.send();

  await expect(testBench.result).toHaveAttribute('data-outcome', 'rejected');
  await expect(testBench.result).toContainText('this machine (loopback)');
  await expect(testBench.result).toContainText('FLOWBENCH_ALLOW_TARGETS');
  expect(upstream.requestsTo('/hook')).toHaveLength(0);
});
