import { expect, test } from './support/test';

test('the editor and the panels it fetches later run under the page’s CSP without a violation', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await page.goto('/');
  await expect(page.locator('.module-node').first()).toBeVisible();
  // The chat preview, a WebService's tools and the privacy report come in chunks of their own.
  await page.getByRole('tab', { name: 'Preview' }).click();
  await expect(page.getByRole('button', { name: 'Start preview' })).toBeVisible();
  await page.getByTestId('node-crm-lookup').click();
  await page.getByRole('tab', { name: 'Test bench' }).click();
  await expect(page.getByRole('button', { name: 'Send test request' })).toBeVisible();
  await page.getByRole('button', { name: 'Privacy report' }).click();
  await expect(page.getByRole('heading', { name: 'Privacy report' })).toBeVisible();

  const violations = await page.evaluate((): unknown => Reflect.get(window, 'cspViolations'));
  expect(violations).toEqual([]);
});

test('when the editor’s code cannot be fetched, the page says so instead of staying blank', async ({
  page,
}) => {
  await page.route(/\/assets\/BrowserEditor-[^/]*\.js$/, (route) => route.abort());
  await page.goto('/');

  await expect(page.getByRole('alert')).toContainText('Flowbench could not load the editor.');
});

test('the page’s scripts and styles arrive compressed', async ({ page }) => {
  const arrived: { url: string; encoding: string | null; bytes: number }[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet' && type !== 'document') return;
    arrived.push({ url: response.url(), encoding: null, bytes: 0 });
    const entry = arrived.at(-1)!;
    void Promise.all([response.headerValue('content-encoding'), response.body()]).then(
      ([encoding, body]) => Object.assign(entry, { encoding, bytes: body.length }),
    );
  });
  await page.goto('/');
  await expect(page.locator('.module-node').first()).toBeVisible();

  // Files under 1 KB are not worth compressing and are sent as they are.
  await expect
    .poll(() => arrived.filter(({ bytes }) => bytes > 1024).length)
    .toBeGreaterThanOrEqual(3);
  const large = arrived.filter(({ bytes }) => bytes > 1024);
  expect(large.filter(({ encoding }) => encoding !== 'br' && encoding !== 'gzip')).toEqual([]);
});
