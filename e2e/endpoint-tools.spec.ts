import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Download, Page } from '@playwright/test';
import { freePort } from '../src/server/webservice-test/testServers';
import { expect, test } from './support/test';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

async function unzipDownload(download: Download): Promise<Record<string, string>> {
  const path = await download.path();
  const entries = unzipSync(new Uint8Array(await readFile(path)));
  return Object.fromEntries(
    Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)]),
  );
}

async function importFlow(page: Page, flow: object) {
  await page.getByLabel('Import flow').setInputFiles({
    name: 'endpoints.flow.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(flow)),
  });
}

/** start → one WebService module per entry, in a line. */
function flowOfWebServices(name: string, modules: { id: string; name: string; data: object }[]) {
  const nodes = [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    ...modules.map((module, index) => ({
      ...module,
      type: 'web-service',
      position: { x: 0, y: 150 * (index + 1) },
    })),
  ];
  return {
    schemaVersion: 1,
    name,
    nodes,
    edges: nodes.slice(1).map((node, index) => ({
      id: `e${index}`,
      source: nodes[index]?.id,
      target: node.id,
    })),
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test('Generate endpoint shows each target’s files, copies one and downloads them as a zip', async ({
  flowbench,
  page,
}) => {
  await flowbench.selectNode('crm-lookup');
  await page.getByRole('button', { name: 'Generate endpoint' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate endpoint' });
  await expect(dialog).toBeVisible();
  for (const path of [
    'index.js',
    'webServiceCall.js',
    'webServiceCall.test.js',
    'package.json',
    'README.md',
  ]) {
    await expect(dialog.getByRole('region', { name: path, exact: true })).toBeVisible();
  }
  await expect(
    dialog.getByRole('region', { name: 'index.js' }).getByText("functions.http('crmLookup'"),
  ).toBeVisible();

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByRole('button', { name: 'Copy package.json' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied package.json.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toMatchObject({
    dependencies: { '@google-cloud/functions-framework': expect.any(String) },
  });

  await dialog.getByRole('radio', { name: 'Azure Functions (Node.js)' }).check();
  await expect(dialog.getByRole('region', { name: 'src/functions/crmLookup.js' })).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'host.json' })).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'index.js', exact: true })).toHaveCount(0);

  await dialog.getByRole('radio', { name: 'AWS Lambda (Node.js)' }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download zip' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('crm-lookup-aws-lambda.zip');
  const files = await unzipDownload(download);
  expect(Object.keys(files).sort()).toEqual(
    [
      'README.md',
      'index.js',
      'local.js',
      'package.json',
      'webServiceCall.js',
      'webServiceCall.test.js',
    ].map((path) => `crm-lookup-aws-lambda/${path}`),
  );
  expect(files['crm-lookup-aws-lambda/index.js']).toContain('export const handler = async (event)');
  expect(files['crm-lookup-aws-lambda/webServiceCall.js']).toContain(
    "export const expectedVariables = ['firstname', 'lastname', 'customer_tier'];",
  );

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test.describe('the generated Google Cloud Function, run locally', () => {
  let directory = '';
  let child: ChildProcess | null = null;

  test.afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill();
      await exited;
    }
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  test('answers the module’s test request: OK, no contract warnings, every expected variable', async ({
    flowbench,
    page,
    testBench,
  }) => {
    const port = await freePort();
    const token = 'e2e-generated-token';
    await flowbench.selectNode('crm-lookup');
    await flowbench.inspector
      .getByRole('textbox', { name: 'URL' })
      .fill(`http://127.0.0.1:${port}/`);
    await flowbench.inspector
      .getByRole('textbox', { name: 'Authorization header' })
      .fill(`Bearer ${token}`);

    await page.getByRole('button', { name: 'Generate endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate endpoint' });
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download zip' }).click();
    const files = await unzipDownload(await downloading);
    expect(Object.values(files).join('\n')).not.toContain(token);
    await dialog.getByRole('button', { name: 'Close' }).click();

    directory = await mkdtemp(join(tmpdir(), 'flowbench-e2e-endpoint-'));
    for (const [path, content] of Object.entries(files)) {
      const target = join(directory, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    const project = join(directory, 'crm-lookup-google-cloud-functions');
    // The project's own dependencies stand in for `npm install`: nothing from the network.
    await symlink(join(repoRoot, 'node_modules'), join(project, 'node_modules'), 'dir');
    let output = '';
    child = spawn(
      join(repoRoot, 'node_modules/.bin/functions-framework'),
      ['--target=crmLookup', `--source=${project}`, `--port=${port}`],
      { env: { ...process.env, WEBSERVICE_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect
      .poll(() => canConnect(port), { message: `functions-framework: ${output}`, timeout: 15_000 })
      .toBe(true);

    await testBench.send();
    await expect(testBench.result.getByRole('heading')).toContainText('OK');
    await expect(testBench.warnings).toHaveCount(0);
    await expect(testBench.returnedRow('customer_tier')).toContainText('TODO: customer_tier');
    await expect(testBench.returnedRow('firstname')).toContainText('John');
    await expect(testBench.returnedRow('lastname')).toContainText('Smith');

    // Without the token the function refuses, as the platform would see it.
    await flowbench.inspector.getByRole('textbox', { name: 'Authorization header' }).fill('');
    await testBench.send();
    await expect(testBench.result.getByRole('heading')).toContainText('HTTP error');
    await expect(testBench.fact('Status')).toContainText('403');
  });
});

test.describe('Check all endpoints', () => {
  test('on the demo flow: one row, OK, nothing missing, and the row opens its bench', async ({
    flowbench,
    page,
    testBench,
  }) => {
    await page.getByRole('button', { name: 'Check all endpoints' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check all endpoints' });
    const table = dialog.getByRole('table', { name: 'Endpoint checks' });
    await expect(dialog.getByRole('status')).toHaveText('1 of 1 done');
    const row = table.getByRole('row').filter({ hasText: 'CRM lookup' });
    await expect(row.getByRole('cell').nth(0)).toHaveText(new URL(page.url()).host);
    await expect(row.getByRole('cell').nth(1)).toHaveText('OK');
    await expect(row.getByRole('cell').nth(2)).toContainText('ms');
    await expect(row.getByRole('cell').nth(3)).toHaveText('none');
    await expect(row.getByRole('cell').nth(4)).toHaveText('none');

    await row.getByRole('button', { name: 'CRM lookup' }).click();
    await expect(dialog).toBeHidden();
    await expect(flowbench.selectedNode()).toHaveAttribute('data-testid', 'node-crm-lookup');
    await expect(testBench.result.getByRole('heading')).toContainText('OK');
    await expect(testBench.historyRuns()).toHaveCount(1);
  });

  test('on a flow with failing endpoints: each failure named, request queue marked', async ({
    flowbench,
    page,
    upstream,
  }) => {
    await expect(flowbench.canvas).toBeVisible();
    upstream.reply('/broken', { status: 500, body: '<html>Internal error</html>' });
    upstream.reply('/queued', { body: { data: { variables: { ticket: 'T-1' } } } });
    upstream.reply('/numbers', { body: { data: { variables: { score: 7 } } } });
    const refusedPort = await freePort();
    await importFlow(
      page,
      flowOfWebServices('Failing endpoints', [
        {
          id: 'broken',
          name: 'Broken CRM',
          data: { url: upstream.url('/broken'), expectedVariables: ['customer_tier'] },
        },
        {
          id: 'refused',
          name: 'Nobody home',
          data: { url: `http://127.0.0.1:${refusedPort}/hook` },
        },
        {
          id: 'queued',
          name: 'Queued ticket',
          data: {
            url: upstream.url('/queued'),
            useRequestQueue: true,
            expectedVariables: ['ticket'],
          },
        },
        {
          id: 'numbers',
          name: 'Score service',
          data: { url: upstream.url('/numbers'), expectedVariables: ['score', 'rank'] },
        },
        { id: 'draft', name: 'Draft call', data: {} },
      ]),
    );
    await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Failing endpoints');
    await page.getByRole('button', { name: 'Check all endpoints' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check all endpoints' });
    await expect(dialog.getByRole('status')).toHaveText('5 of 5 done');
    const table = dialog.getByRole('table', { name: 'Endpoint checks' });
    const cells = (module: string) =>
      table.getByRole('row').filter({ hasText: module }).getByRole('cell');

    await expect(cells('Broken CRM').nth(1)).toHaveText('HTTP error 500');
    await expect(cells('Broken CRM').nth(3)).toHaveText('customer_tier');
    await expect(cells('Nobody home').nth(1)).toContainText('Network error');
    await expect(cells('Nobody home').nth(2)).toHaveText('–');
    await expect(cells('Queued ticket').nth(1)).toHaveText('OK');
    await expect(
      table.getByRole('row').filter({ hasText: 'Queued ticket' }).getByText('request queue'),
    ).toBeVisible();
    await expect(cells('Score service').nth(1)).toHaveText('OK');
    await expect(cells('Score service').nth(3)).toHaveText('rank');
    await expect(cells('Score service').nth(4)).toContainText('score is a number, not a string');
    await expect(cells('Draft call').nth(0)).toHaveText('No URL');
    await expect(cells('Draft call').nth(1)).toHaveText('Not sent: The module has no URL.');
  });

  test('Cancel stops the calls under way and those not yet sent', async ({
    flowbench,
    page,
    upstream,
  }) => {
    await expect(flowbench.canvas).toBeVisible();
    upstream.reply('/slow', { delayMs: 15_000 });
    await importFlow(
      page,
      flowOfWebServices(
        'Slow endpoints',
        ['one', 'two', 'three', 'four', 'five'].map((id) => ({
          id,
          name: `Slow ${id}`,
          data: { url: upstream.url('/slow') },
        })),
      ),
    );
    await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Slow endpoints');
    await page.getByRole('button', { name: 'Check all endpoints' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check all endpoints' });
    await expect(dialog.getByRole('status')).toHaveText('Checking… 0 of 5 done');
    // A few at a time: three calls reach the endpoint, the other two wait their turn.
    await expect.poll(() => upstream.requestsTo('/slow').length).toBe(3);
    await expect(dialog.getByRole('progressbar', { name: 'Endpoints checked' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await expect(dialog.getByRole('status')).toHaveText('5 of 5 done');
    const outcomes = dialog
      .getByRole('table', { name: 'Endpoint checks' })
      .locator('tbody tr td:nth-of-type(2)');
    await expect(outcomes).toHaveText(Array.from({ length: 5 }, () => 'Cancelled'));
    await expect
      .poll(() => upstream.requestsTo('/slow').every((request) => request.closedBeforeResponse))
      .toBe(true);
    expect(upstream.requestsTo('/slow')).toHaveLength(3);
    await expect(dialog.getByRole('button', { name: 'Check again' })).toBeVisible();
  });
});
