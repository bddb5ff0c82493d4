import { expect, type Locator, type Page } from '@playwright/test';

/** The "WebService test" region beside the inspector, as a person reads and uses it. */
export class WebServiceTestBench {
  readonly region: Locator;
  readonly sendButton: Locator;
  readonly cancelButton: Locator;
  readonly timeoutField: Locator;
  readonly result: Locator;
  readonly returnedVariables: Locator;
  readonly warnings: Locator;
  readonly latencyFigure: Locator;
  readonly variablesSent: Locator;
  readonly requestBody: Locator;
  /** The raw JSON editor (CodeMirror's contenteditable, a textbox by role). */
  readonly rawBody: Locator;
  readonly responseBody: Locator;
  /** The bar that fills towards the timeout while a call waits. */
  readonly waitingBar: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'WebService test' });
    this.sendButton = this.region.getByRole('button', { name: 'Send test request' });
    this.cancelButton = this.region.getByRole('button', { name: 'Cancel', exact: true });
    this.timeoutField = this.region.getByRole('textbox', { name: 'Timeout (ms)' });
    this.result = this.region.getByRole('region', { name: 'Test result' });
    this.returnedVariables = this.result.getByRole('table', { name: 'Returned variables' });
    this.warnings = this.result.getByRole('region', { name: 'Contract warnings' });
    this.latencyFigure = this.result.getByRole('figure', { name: 'Latency against the timeout' });
    this.variablesSent = this.region.getByRole('table', { name: 'Variables sent' });
    this.requestBody = this.region.getByRole('region', { name: 'Request body' });
    this.rawBody = this.region.getByRole('textbox', { name: 'Raw request body' });
    this.history = this.region.getByRole('region', { name: 'Test history' });
    this.responseBody = this.result.getByRole('region', { name: 'Response body' });
    this.waitingBar = this.region.getByRole('progressbar', { name: 'Waiting for the endpoint' });
  }

  /** The row of one variable in "Variables sent". */
  sentRow(name: string): Locator {
    return this.variablesSent
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  sampleValue(name: string): Locator {
    return this.region.getByRole('textbox', { name: `Sample value of ${name}`, exact: true });
  }

  sendCheckbox(name: string): Locator {
    return this.region.getByRole('checkbox', { name: `Send ${name}`, exact: true });
  }

  /** The row of one variable in "Returned variables". */
  returnedRow(name: string): Locator {
    return this.returnedVariables
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** The value of one fact of the result (Status, Latency, Time to first byte, Size). */
  fact(term: string): Locator {
    return this.result
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** One entry per kept run, newest first. */
  historyRuns(): Locator {
    return this.history.getByRole('listitem');
  }

  /** Clicks Send and waits until the run has finished and joined the history. */
  async send() {
    const before = await this.historyRuns().count();
    await this.sendButton.click();
    await expect(this.historyRuns()).toHaveCount(before + 1);
    await expect(this.sendButton).toBeEnabled();
  }

  /** The request body exactly as shown (and sent). */
  async requestBodyText(): Promise<string> {
    const text = await this.requestBody.textContent();
    if (text === null) throw new Error('The request body region has no text');
    return text;
  }

  /** The raw JSON in the editor, exactly. */
  async rawBodyText(): Promise<string> {
    return this.codeViewText(this.rawBody);
  }

  /**
   * Replaces the raw JSON as a person would: select everything in the editor, then type.
   * (`fill` does not reach every contenteditable.)
   */
  async fillRawBody(text: string) {
    await this.rawBody.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    if (text !== '') await this.page.keyboard.insertText(text);
    await expect.poll(() => this.rawBodyText()).toBe(text);
  }

  /** The response body as the read-only code view shows it (without line numbers). */
  async responseBodyText(): Promise<string> {
    return this.codeViewText(this.responseBody.getByRole('textbox', { name: 'Response body' }));
  }

  /**
   * The whole text of a code view, copied as a person would (select all, copy): CodeMirror
   * draws only the lines near the window, so the page does not hold all of a long text.
   */
  private async codeViewText(content: Locator): Promise<string> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await content.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('ControlOrMeta+C');
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async setTimeoutMs(ms: number) {
    await this.timeoutField.fill(String(ms));
    await expect(this.timeoutField).toHaveValue(String(ms));
    await expect(this.region.getByText(`this test waits ${ms} ms`)).toBeVisible();
  }
}
