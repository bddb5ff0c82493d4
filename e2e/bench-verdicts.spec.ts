import { gzipSync } from 'node:zlib';
import type { FlowbenchPage } from './support/FlowbenchPage';
import { expect, test } from './support/test';

/** Selects the demo's WebService node and points it at the test's upstream. */
async function pointCrmLookupAt(flowbench: FlowbenchPage, url: string) {
  await flowbench.selectNode('crm-lookup');
  const urlField = flowbench.inspector.getByRole('textbox', { name: 'URL', exact: true });
  await urlField.fill(url);
  await expect(
    flowbench.page.getByRole('region', { name: 'WebService test' }).getByText(`POST ${url}`),
  ).toBeVisible();
}

test('an answer after the platform’s 20 s is headed too slow and sets nothing', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  test.slow();
  upstream.reply('/hook', {
    delayMs: 20_500,
    body: { data: { variables: { customer_tier: 'gold', coupon_code: 'LATE' } } },
  });
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await flowbench.inspector
    .getByRole('textbox', { name: 'Expected variables' })
    .fill('customer_tier, discount');
  await testBench.setTimeoutMs(25_000);
  await testBench.sendButton.click();

  // While it waits, the bar fills towards this test's 25 s with the platform's 20 s marked.
  await expect(testBench.waitingBar).toBeVisible();
  await expect(testBench.waitingBar).toHaveAttribute('aria-valuemax', '25000');
  await expect(testBench.region.getByText('20 s: the platform gives up')).toBeVisible();

  await expect(testBench.sendButton).toBeEnabled({ timeout: 30_000 });
  await expect(testBench.waitingBar).toBeHidden();
  await expect(testBench.result).toHaveAttribute('data-outcome', 'ok');
  await expect(testBench.result).toHaveAttribute('data-verdict', 'too-slow');
  const headline = testBench.result.getByRole('heading', {
    name: 'Result: Too slow: the platform gives up at 20 s',
  });
  await expect(headline).toBeVisible();
  await expect(testBench.result.getByRole('heading', { name: 'Result: OK' })).toBeHidden();
  await expect(testBench.latencyFigure).not.toContainText('Responds within a few seconds');

  // What came back is shown, but at runtime none of it is set: the expected ones are missing.
  await expect(testBench.returnedRow('coupon_code')).toContainText('not set at runtime');
  await expect(testBench.returnedRow('customer_tier')).toContainText('not set at runtime');
  await expect(testBench.returnedRow('customer_tier')).toContainText('missing');
  await expect(testBench.returnedRow('discount')).toHaveAttribute('data-change', 'missing');
  await expect(
    testBench.warnings.locator('[data-kind="slower-than-platform-timeout"]'),
  ).toBeVisible();
  // The history names the run the same way, not as OK.
  await expect(testBench.historyRuns().first()).toContainText('Too slow');
});

test('a failed call is never praised for answering quickly', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  upstream.reply('/hook', { status: 500, body: 'database is down' });
  const url = upstream.url('/hook');
  await pointCrmLookupAt(flowbench, url);
  await testBench.send();

  await expect(testBench.result).toHaveAttribute('data-outcome', 'http-error');
  await expect(testBench.result).not.toContainText('Responds within a few seconds');
  await expect(testBench.latencyFigure).toContainText('but with an error');

  // The same endpoint, gone: a network error has no latency verdict at all.
  await upstream.close();
  await testBench.send();
  await expect(testBench.result).toHaveAttribute('data-outcome', 'network-error');
  await expect(testBench.result).not.toContainText('Responds within a few seconds');
  await expect(testBench.latencyFigure).toBeHidden();
});

test('while a call waits, a bar fills towards the timeout; Cancel ends it', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  upstream.reply('/hook', { delayMs: 10_000 });
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await testBench.setTimeoutMs(8_000);
  await testBench.sendButton.click();

  await expect(testBench.waitingBar).toBeVisible();
  await expect(testBench.waitingBar).toHaveAttribute('aria-valuemin', '0');
  await expect(testBench.waitingBar).toHaveAttribute('aria-valuemax', '8000');
  await expect
    .poll(async () => Number(await testBench.waitingBar.getAttribute('aria-valuenow')))
    .toBeGreaterThan(0);
  // A deadline within the platform's 20 s has no platform mark.
  await expect(testBench.region.getByText('20 s: the platform gives up')).toBeHidden();
  await expect.poll(() => upstream.requestsTo('/hook').length).toBe(1);

  await testBench.cancelButton.click();
  await expect(testBench.waitingBar).toBeHidden();
  await expect(testBench.region.getByRole('status')).toHaveText(
    'Cancelled: the request to the endpoint was stopped.',
  );
});

test('raw JSON of another shape is sent with plain sentences naming each difference', async ({
  flowbench,
  testBench,
  upstream,
  page,
}) => {
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await testBench.region.getByRole('button', { name: 'Edit raw JSON' }).click();
  await testBench.fillRawBody('{"variables":{"nps_score":10}}');

  const note = testBench.region.getByText('Valid JSON, but not what the platform sends');
  await expect(note).toContainText(
    'variables.nps_score is a number; the platform sends every value as a string.',
  );
  await expect(note).toContainText('The body has no "params".');
  await expect(note).not.toContainText('Invalid input');
  await expect(testBench.sendButton).toBeEnabled();

  // Typed key by key into the editor: the broken JSON blocks sending and says why.
  await testBench.rawBody.press('ControlOrMeta+End');
  await page.keyboard.type(',');
  await expect(testBench.region.getByRole('alert')).toHaveText(/^Not valid JSON/);
  await expect(testBench.rawBody).toHaveAttribute('aria-invalid', 'true');
  await expect(testBench.sendButton).toBeDisabled();
  await page.keyboard.press('Backspace');
  await expect(testBench.sendButton).toBeEnabled();
  await testBench.send();
  expect(upstream.requestsTo('/hook')[0]?.body).toBe('{"variables":{"nps_score":10}}');
});

test('the response body is shown as read-only, pretty-printed JSON', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  upstream.reply('/hook', { body: { data: { variables: { customer_tier: 'gold' } } } });
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  await testBench.send();

  const body = testBench.responseBody.getByRole('textbox', { name: 'Response body' });
  await expect(body).toHaveAttribute('aria-readonly', 'true');
  expect(await testBench.responseBodyText()).toBe(
    JSON.stringify({ data: { variables: { customer_tier: 'gold' } } }, null, 2),
  );
  // Typing does not change what the endpoint answered.
  await body.press('End');
  await body.pressSequentially('x');
  expect(await testBench.responseBodyText()).not.toContain('x');
});

test('variable names wrap after underscores only; a long sample value can be read whole', async ({
  flowbench,
  testBench,
}) => {
  await flowbench.selectNode('crm-lookup');
  const name = testBench
    .sentRow('consent_double_opt_in_sms')
    .getByRole('rowheader', { name: 'consent_double_opt_in_sms', exact: true });
  // Every line of the name ends at an underscore or at the end of the name.
  const lines = await name.locator('code').evaluate((code) => {
    const byTop = new Map<number, string>();
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (let offset = 0; offset < (text.textContent ?? '').length; offset++) {
        const range = document.createRange();
        range.setStart(text, offset);
        range.setEnd(text, offset + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        byTop.set(top, (byTop.get(top) ?? '') + range.toString());
      }
    }
    return [...byTop.values()];
  });
  expect(lines.join('')).toBe('consent_double_opt_in_sms');
  for (const line of lines.slice(0, -1)) expect(line).toMatch(/_$/);

  const long = 'a sample value far longer than the column it sits in, '.repeat(3).trim();
  await testBench.sampleValue('nps_score').fill(long);
  await expect(testBench.sampleValue('nps_score')).toHaveValue(long);
  await expect(testBench.sampleValue('nps_score')).toHaveAttribute('title', long);
});

test('a compressed answer in another charset is read right and the result says how', async ({
  flowbench,
  testBench,
  upstream,
}) => {
  const json = JSON.stringify({ data: { variables: { city: 'Köln' } } });
  upstream.reply('/latin', {
    headers: {
      'Content-Type': 'application/json; charset=iso-8859-1',
      'Content-Encoding': 'gzip',
    },
    body: gzipSync(Buffer.from(json, 'latin1')),
  });
  await pointCrmLookupAt(flowbench, upstream.url('/latin'));
  await testBench.send();
  await expect(testBench.returnedVariables.getByRole('row', { name: /city/ })).toContainText(
    'Köln',
  );
  await expect(testBench.responseBody).toContainText('Decompressed from gzip');
  // The Encoding Standard reads ISO-8859-1 as its superset windows-1252, as browsers do.
  await expect(testBench.responseBody).toContainText('Decoded from the windows-1252 charset');
});
