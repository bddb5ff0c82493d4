import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { z } from 'zod';
import type { FlowbenchPage } from './support/FlowbenchPage';
import { expect, test } from './support/test';
import type { UpstreamServer } from './support/upstreamServer';

/** The platform's request body, as the upstream must receive it: every variable a string. */
const platformBodySchema = z.strictObject({
  process_definition_id: z.string().min(1),
  process_instance_id: z.string().min(1),
  params: z.record(z.string(), z.string()),
  variables: z.record(z.string(), z.string()),
});

const parsePlatformBody = (text: string) => platformBodySchema.parse(JSON.parse(text));

/** Selects the demo's WebService node and points it at the test's upstream. */
async function pointCrmLookupAt(flowbench: FlowbenchPage, url: string) {
  await flowbench.selectNode('crm-lookup');
  const urlField = flowbench.inspector.getByRole('textbox', { name: 'URL', exact: true });
  await urlField.fill(url);
  await expect(urlField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(
    flowbench.page.getByRole('region', { name: 'WebService test' }).getByText(`POST ${url}`),
  ).toBeVisible();
}

/** Waits for the toolbar's save status (the test bench has status messages of its own). */
async function waitUntilFlowSaved(page: Page) {
  await expect(page.getByRole('banner').getByRole('status')).toHaveText('All changes saved');
}

/** The open flow's id, read from the file "Export flow" downloads. */
async function exportedFlowId(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export flow' }).click();
  const path = await (await download).path();
  const flow = z.object({ id: z.string() }).parse(JSON.parse(await readFile(path, 'utf8')));
  return flow.id;
}

/** Polls until the upstream has received `count` requests on /hook. */
async function expectRequests(upstream: UpstreamServer, count: number) {
  await expect.poll(() => upstream.requestsTo('/hook').length, { timeout: 5_000 }).toBe(count);
}

test('the demo CRM lookup answers a gold customer', async ({ flowbench, testBench }) => {
  await flowbench.selectNode('crm-lookup');
  await expect(testBench.region).toBeVisible();
  await testBench.send();

  await expect(testBench.result).toHaveAttribute('data-outcome', 'ok');
  await expect(testBench.result.getByRole('heading', { name: 'Result: OK' })).toBeVisible();
  await expect(testBench.fact('Status')).toHaveText('200 OK');
  await expect(testBench.fact('Latency')).toHaveText(/^\d+ ms$/);
  await expect(testBench.latencyFigure.getByRole('img')).toHaveAccessibleName(
    /^\d+ ms of the platform's 20 s timeout$/,
  );
  await expect(testBench.latencyFigure).toContainText('Responds within a few seconds');

  const tier = testBench.returnedRow('customer_tier');
  await expect(tier).toHaveAttribute('data-change', 'new');
  await expect(tier.getByRole('cell')).toHaveText(['gold', 'new']);
  // The sample customer is John Smith: the CRM gives back the same names.
  await expect(testBench.returnedRow('firstname').getByRole('cell')).toHaveText([
    'John',
    'unchanged',
  ]);
  await expect(testBench.returnedRow('lastname')).toHaveAttribute('data-change', 'unchanged');
  await expect(testBench.warnings).toBeHidden();
});

test('the variables table says where each variable comes from', async ({
  flowbench,
  testBench,
}) => {
  await flowbench.selectNode('crm-lookup');
  await expect(testBench.variablesSent).toContainText(
    'Variables when the chat reaches this module',
  );

  // Cells: Send, Scope, Certainty, Set by, Sample value (the row header is the name).
  await expect(testBench.sentRow('email').getByRole('cell')).toHaveText([
    '',
    'customer',
    'definitely',
    'Ask for email',
    '',
  ]);
  await expect(testBench.sampleValue('email')).toHaveValue('john.smith@example.org');
  await expect(testBench.sendCheckbox('email')).toBeChecked();

  await expect(testBench.sentRow('nps_score').getByRole('cell')).toHaveText([
    '',
    'this flow',
    'definitely',
    'Ask NPS',
    '',
  ]);
  await expect(testBench.sampleValue('nps_score')).toHaveValue('10');

  await expect(testBench.sentRow('phone').getByRole('cell')).toHaveText([
    '',
    'customer',
    'possibly',
    'customer profile',
    '',
  ]);
});

test('the upstream receives exactly the body shown, with the edits and the header', async ({
  flowbench,
  testBench,
  upstream,
  page,
}) => {
  const flowId = await exportedFlowId(page);
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await testBench.sampleValue('nps_score').fill('7');
  await expect(
    testBench.region.getByRole('button', { name: 'Reset nps_score to its sample' }),
  ).toBeVisible();
  // click + expect rather than uncheck(): the box flips a tick after the click (see the caret
  // test below), which uncheck() reports as "did not change its state".
  await testBench.sendCheckbox('phone').uncheck();
  await flowbench.inspector
    .getByRole('textbox', { name: 'Authorization header' })
    .fill('Bearer secret-token');
  await waitUntilFlowSaved(page);

  await expect(testBench.requestBody).toContainText('"nps_score": "7"');
  await expect(testBench.requestBody).not.toContainText('"phone"');
  const shown = await testBench.requestBodyText();
  await testBench.send();
  await expect(testBench.result).toHaveAttribute('data-outcome', 'ok');

  await expectRequests(upstream, 1);
  const [first] = upstream.requestsTo('/hook');
  expect(first?.method).toBe('POST');
  expect(first?.body).toBe(shown);
  expect(first?.headers.authorization).toBe('Bearer secret-token');
  expect(first?.headers['content-type']).toBe('application/json');

  const sent = parsePlatformBody(first?.body ?? '');
  expect(sent.process_definition_id).toBe(flowId);
  expect(sent.variables.nps_score).toBe('7');
  expect(sent.variables.email).toBe('john.smith@example.org');
  expect(sent.variables).not.toHaveProperty('phone');

  // Every send is a new chat: a new process_instance_id, the same flow.
  await expect(testBench.requestBody).not.toHaveText(shown);
  const shownAgain = await testBench.requestBodyText();
  expect(shownAgain).not.toBe(shown);
  await testBench.send();
  await expectRequests(upstream, 2);
  const second = upstream.requestsTo('/hook')[1];
  expect(second?.body).toBe(shownAgain);
  const sentAgain = parsePlatformBody(second?.body ?? '');
  expect(sentAgain.process_instance_id).not.toBe(sent.process_instance_id);
  expect(sentAgain.process_definition_id).toBe(flowId);
});

test('a slow endpoint is cut off by the test deadline', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  upstream.reply('/hook', { delayMs: 2_000, body: { data: { variables: { late: 'yes' } } } });
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await testBench.setTimeoutMs(300);
  await testBench.send();

  await expect(testBench.result).toHaveAttribute('data-outcome', 'timeout');
  await expect(testBench.result.getByRole('heading', { name: 'Result: Timeout' })).toBeVisible();
  await expect(testBench.result).toContainText(
    'No complete answer within 300 ms (while waiting for the response).',
  );
  await expect(testBench.latencyFigure.locator('figcaption')).toContainText(
    "Cut off by this test's 300 ms deadline",
  );
  await expect(testBench.returnedVariables).toBeHidden();
  expect(upstream.requestsTo('/hook')).toHaveLength(1);
});

test('an HTTP error shows its status and body', async ({ flowbench, testBench, upstream }) => {
  upstream.reply('/hook', { status: 500, body: 'database is down' });
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await testBench.send();

  await expect(testBench.result).toHaveAttribute('data-outcome', 'http-error');
  await expect(testBench.result.getByRole('heading', { name: 'Result: HTTP error' })).toBeVisible();
  await expect(testBench.fact('Status')).toHaveText('500 Internal Server Error');
  await expect(testBench.result).toContainText(
    'The endpoint answered 500: the flow goes on without new variables.',
  );
  await expect.poll(() => testBench.responseBodyText()).toBe('database is down');
});

test('contract warnings: variables at the top level, values that are not strings, missing ones', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  upstream.reply('/hook', { body: { variables: { x: '1' } } });
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await flowbench.inspector
    .getByRole('textbox', { name: 'Expected variables' })
    .fill('score, tags, customer_tier');
  await testBench.send();

  await expect(testBench.result).toHaveAttribute('data-outcome', 'invalid-response');
  await expect(
    testBench.result.getByRole('heading', { name: 'Result: Invalid response' }),
  ).toBeVisible();
  await expect(testBench.warnings.getByRole('listitem')).toHaveCount(1);
  await expect(testBench.warnings.getByRole('listitem')).toHaveAttribute(
    'data-kind',
    'variables-at-top-level',
  );
  // Nothing is set, so every expected variable is missing.
  await expect(testBench.returnedVariables.locator('tbody tr[data-change="missing"]')).toHaveCount(
    3,
  );

  upstream.reply('/hook', { body: { data: { variables: { score: 7, tags: ['a', 'b'] } } } });
  await testBench.send();

  await expect(testBench.result).toHaveAttribute('data-outcome', 'ok');
  const warnings = testBench.warnings.getByRole('listitem');
  await expect(warnings).toHaveCount(2);
  await expect(warnings.nth(0)).toHaveAttribute('data-kind', 'non-string-value');
  await expect(warnings.nth(0)).toContainText('score is a number, not a string');
  await expect(warnings.nth(1)).toHaveAttribute('data-kind', 'non-string-value');
  await expect(warnings.nth(1)).toContainText('tags is a list, not a string');
  await expect(testBench.returnedRow('score').getByRole('cell')).toHaveText(['7', 'new']);
  await expect(testBench.returnedRow('tags').getByRole('cell')).toHaveText(['["a","b"]', 'new']);
  await expect(testBench.returnedRow('customer_tier')).toHaveAttribute('data-change', 'missing');
  await expect(testBench.returnedRow('customer_tier').getByRole('cell')).toHaveText([
    '—',
    'missing',
  ]);
});

test('cancel stops the request to the endpoint', async ({ flowbench, testBench, upstream }) => {
  upstream.reply('/hook', { delayMs: 5_000 });
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await testBench.sendButton.click();
  // The status also shows the elapsed seconds ("Waiting for the endpoint… 0.4 s").
  await expect(testBench.region.getByRole('status')).toHaveText(/^Waiting for the endpoint…/);
  await expect(testBench.sendButton).toBeDisabled();
  await expectRequests(upstream, 1);

  await testBench.cancelButton.click();
  await expect(testBench.region.getByRole('status')).toHaveText(
    'Cancelled: the request to the endpoint was stopped.',
  );
  await expect(testBench.cancelButton).toBeHidden();
  await expect(testBench.sendButton).toBeEnabled();
  await expect
    .poll(() => upstream.requestsTo('/hook')[0]?.closedBeforeResponse, { timeout: 2_000 })
    .toBe(true);
  expect(upstream.requestsTo('/hook')[0]?.answered).toBe(false);
  // A cancelled run has no result and is not kept.
  await expect(testBench.result).toBeHidden();
  await expect(testBench.history).toBeHidden();
});

// The inputs are controlled by the test-bench store; an update on a later tick would put the
// caret at the end after every key ("ab" typed at the start of "10" gave "a10b").
test('typing in the middle of a sample value or the raw JSON keeps the caret', async ({
  flowbench,
  testBench,
  page,
}) => {
  await flowbench.selectNode('crm-lookup');
  const sample = testBench.sampleValue('nps_score');
  await sample.click();
  await page.keyboard.press('Home');
  await page.keyboard.type('ab');
  await expect(sample).toHaveValue('ab10');

  await testBench.region.getByRole('button', { name: 'Edit raw JSON' }).click();
  await testBench.fillRawBody('{"a":"b"}');
  await testBench.rawBody.press('ControlOrMeta+Home');
  await testBench.rawBody.press('ArrowRight');
  await page.keyboard.type('  ');
  await expect.poll(() => testBench.rawBodyText()).toBe('{  "a":"b"}');
});

test('raw JSON is checked as typed and sent exactly', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  const composed = await testBench.requestBodyText();
  await testBench.region.getByRole('button', { name: 'Edit raw JSON' }).click();
  // The raw editor starts from the composed body.
  await expect.poll(() => testBench.rawBodyText()).toBe(composed);
  await testBench.fillRawBody('{"hello": ');
  await expect(testBench.region.getByRole('alert')).toHaveText(/^Not valid JSON/);
  await expect(testBench.sendButton).toBeDisabled();

  await testBench.fillRawBody('{"hello":"world"}');
  await expect(testBench.region.getByRole('alert')).toBeHidden();
  await expect(testBench.sendButton).toBeEnabled();
  await testBench.send();

  await expectRequests(upstream, 1);
  expect(upstream.requestsTo('/hook')[0]?.body).toBe('{"hello":"world"}');

  await testBench.region.getByRole('button', { name: 'Back to composed body' }).click();
  await expect(testBench.requestBody).toContainText('"process_definition_id"');
});

test('test values and history survive a reload; a past run can be shown and re-sent', async ({
  flowbench,
  testBench,
  upstream,
  page,
}) => {
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await testBench.sampleValue('nps_score').fill('3');
  await testBench.setTimeoutMs(1500);
  await testBench.send();
  await expect(testBench.historyRuns()).toHaveCount(1);
  await waitUntilFlowSaved(page);

  await page.reload();
  await flowbench.selectNode('crm-lookup');
  await expect(testBench.sampleValue('nps_score')).toHaveValue('3');
  await expect(testBench.timeoutField).toHaveValue('1500');
  await expect(testBench.historyRuns()).toHaveCount(1);
  await expect(testBench.history.getByRole('img')).toHaveAccessibleName(
    /^Latency of the last 1 runs, slowest \d+ ms, against the 20 s timeout$/,
  );
  // The latest run is shown again after the reload.
  await expect(testBench.result.getByRole('heading', { name: 'Result: OK' })).toBeVisible();

  await testBench.history.getByRole('button', { name: /^Re-send run from / }).click();
  await expect(testBench.historyRuns()).toHaveCount(2);
  await expectRequests(upstream, 2);
  const [first, second] = upstream.requestsTo('/hook').map((request) => request.body);
  const resent = parsePlatformBody(second ?? '');
  expect(resent.variables.nps_score).toBe('3');
  expect(resent.process_instance_id).not.toBe(parsePlatformBody(first ?? '').process_instance_id);

  // Showing the older run puts its time in the heading.
  await testBench
    .historyRuns()
    .nth(1)
    .getByRole('button', { name: /^Show run from / })
    .click();
  await expect(testBench.result.getByRole('heading')).toHaveText(/^Result from .+: OK$/);
  await expect(testBench.historyRuns().nth(1)).toHaveAttribute('aria-current', 'true');
});

test('the request queue note appears when the queue is on', async ({ flowbench, testBench }) => {
  await flowbench.selectNode('crm-lookup');
  const queueNote = testBench.region.getByRole('note').filter({ hasText: 'request queue' });
  const queueCheckbox = flowbench.inspector.getByRole('checkbox', { name: 'Use request queue' });
  await expect(queueNote).toBeHidden();
  await queueCheckbox.check();
  await expect(queueNote).toContainText('its response cannot set variables');
  await queueCheckbox.uncheck();
  await expect(queueNote).toBeHidden();
});

test('Copy as cURL puts the same POST on the clipboard', async ({
  flowbench,
  testBench,
  upstream,
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const url = upstream.url('/hook');
  await pointCrmLookupAt(flowbench, url);
  const shown = await testBench.requestBodyText();
  await testBench.send();

  await testBench.result.getByText('Request as cURL').click();
  await testBench.result.getByRole('button', { name: 'Copy as cURL' }).click();
  await expect(testBench.result.getByText('Copied the cURL command.')).toBeVisible();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(clipboard.startsWith(`curl -X POST '${url}'`)).toBe(true);
  expect(clipboard).toContain(`--data-raw '${shown}'`);
  await expect(testBench.result.getByRole('region', { name: 'cURL command' })).toHaveText(
    clipboard,
  );
});

test('a cloud metadata address is refused without sending anything', async ({
  flowbench,
  testBench,
}) => {
  await pointCrmLookupAt(flowbench, 'http://169.254.169.254/latest/meta-data/');
  await testBench.send();

  await expect(testBench.result).toHaveAttribute('data-outcome', 'rejected');
  await expect(testBench.result.getByRole('heading', { name: 'Result: Rejected' })).toBeVisible();
  await expect(testBench.result).toContainText('Not sent:');
  await expect(testBench.result).toContainText('169.254.169.254');
  await expect(testBench.returnedVariables).toBeHidden();
});

test('a closed port is a network error in plain words', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  // The test's own server, closed: nothing listens on its port any more.
  const url = upstream.url('/hook');
  await upstream.close();
  await pointCrmLookupAt(flowbench, url);
  await testBench.send();

  await expect(testBench.result).toHaveAttribute('data-outcome', 'network-error');
  await expect(testBench.result).toContainText('Connection refused');
  await expect(testBench.result).toContainText('ECONNREFUSED');
});

test('a demo endpoint of another Flowbench server can be pointed at this one', async ({
  flowbench,
  testBench,
}) => {
  // As if the demo flow had been created while the app ran on another port.
  await pointCrmLookupAt(flowbench, 'http://127.0.0.1:1/demo/crm-lookup');
  const note = testBench.region.getByRole('note').filter({ hasText: 'another server' });
  await expect(note).toContainText('127.0.0.1:1');

  await note.getByRole('button', { name: "Use this server's demo endpoint" }).click();

  const here = new URL(flowbench.page.url()).origin;
  await expect(flowbench.inspector.getByRole('textbox', { name: 'URL', exact: true })).toHaveValue(
    `${here}/demo/crm-lookup`,
  );
  await expect(note).toBeHidden();
  await testBench.send();
  await expect(testBench.returnedRow('customer_tier')).toContainText('gold');
});

test('an invalid timeout blocks sending instead of sending another one', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await testBench.timeoutField.fill('70000');

  await expect(testBench.region.getByText('At most 60000 ms (60 s)')).toBeVisible();
  await expect(testBench.sendButton).toBeDisabled();

  await testBench.timeoutField.fill('5000');
  await expect(testBench.sendButton).toBeEnabled();
});

test('a call under way survives leaving the module: back on it, it still waits and can be cancelled', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await testBench.send();
  await expect(testBench.result.getByRole('heading', { name: 'Result: OK' })).toBeVisible();

  // Long enough never to end by itself on a slow machine: the test cancels it.
  upstream.reply('/hook', { delayMs: 15_000 });
  await testBench.sendButton.click();
  const waiting = testBench.region
    .getByRole('status')
    .filter({ hasText: 'Waiting for the endpoint' });
  await expect(waiting).toBeVisible();
  // The earlier result stays readable, marked as the previous one.
  await expect(testBench.result.getByRole('heading', { name: /^Previous result/ })).toBeVisible();

  await flowbench.selectNode('ask-email');
  await expect(testBench.region).toBeHidden();
  await flowbench.selectNode('crm-lookup');

  await expect(waiting).toBeVisible();
  await expect(testBench.sendButton).toBeDisabled();
  await testBench.cancelButton.click();
  await expect(testBench.cancelButton).toBeHidden();
  await expect(
    testBench.region.getByText('Cancelled: the request to the endpoint was stopped.'),
  ).toBeVisible();
  await expect(testBench.result.getByRole('heading', { name: /^Previous result/ })).toBeVisible();
  await expect
    .poll(() => upstream.requestsTo('/hook')[1]?.closedBeforeResponse, { timeout: 2_000 })
    .toBe(true);
  await expect(testBench.historyRuns()).toHaveCount(1);
});

test('sending and cancelling by keyboard keeps the focus in the send bar', async ({
  flowbench,
  testBench,
  upstream,
  page,
}) => {
  upstream.reply('/hook', { delayMs: 5_000 });
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));

  await testBench.sendButton.focus();
  await page.keyboard.press('Enter');
  await expect(testBench.cancelButton).toBeFocused();
  // Cancel only once the call has reached the endpoint, so there is a request to see closed.
  await expectRequests(upstream, 1);

  await page.keyboard.press('Enter');
  await expect(testBench.sendButton).toBeFocused();
  await expect
    .poll(() => upstream.requestsTo('/hook')[0]?.closedBeforeResponse, { timeout: 2_000 })
    .toBe(true);
});

test('a browser that believes it is offline still tests: the app only talks to its own server', async ({
  flowbench,
  testBench,
  page,
}) => {
  // What the browser does when Wi-Fi goes away; 127.0.0.1 is still there.
  await page.evaluate(() => window.dispatchEvent(new Event('offline')));
  await flowbench.selectNode('crm-lookup');
  await testBench.send();

  await expect(testBench.returnedRow('customer_tier')).toContainText('gold');
});

test('a flow with hundreds of variables lists the first hundred and finds the rest by name', async ({
  flowbench,
  testBench,
  page,
}) => {
  const questionCount = 250;
  const questions = Array.from({ length: questionCount }, (_, index) => ({
    id: `q${index}`,
    type: 'question',
    position: { x: (index % 25) * 300, y: 200 * (Math.floor(index / 25) + 1) },
    data: { prompt: `Question ${index}?`, variable: `answer_${index}`, inputType: 'number' },
  }));
  const ids = ['start', ...questions.map((question) => question.id), 'ws'];
  const flow = {
    schemaVersion: 1,
    name: 'Many answers',
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 } },
      ...questions,
      {
        id: 'ws',
        type: 'web-service',
        position: { x: 0, y: 200 * (questionCount / 25 + 2) },
        data: { url: 'http://127.0.0.1:1/hook' },
      },
    ],
    edges: ids.slice(1).map((target, index) => ({
      id: `e${index}`,
      source: ids[index],
      target,
    })),
  };
  await page.getByLabel('Import flow').setInputFiles({
    name: 'many.flow.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(flow)),
  });
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Many answers');

  // 252 modules open as the zoomed-out overview picture: Find module selects the WebService and
  // brings it into view.
  const findBox = page.getByRole('searchbox', { name: 'Find module' });
  await findBox.fill('127.0.0.1:1/hook');
  await expect(page.getByRole('banner')).toContainText('1 match');
  await findBox.press('Enter');
  await expect(flowbench.node('ws')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="ws"]')).toHaveClass(/selected/);
  const filter = testBench.region.getByRole('searchbox', { name: 'Filter variables' });
  await expect(filter).toBeVisible();
  // 100 rows of variables plus the header row.
  await expect(testBench.variablesSent.getByRole('row')).toHaveCount(101);
  // Every variable is sent, listed or not.
  await expect(testBench.requestBody).toContainText('"answer_249": "42"');

  await filter.fill('answer_249');
  await expect(testBench.sampleValue('answer_249')).toHaveValue('42');
  await expect(testBench.variablesSent.getByRole('row')).toHaveCount(2);
});
