import { expect, type Locator, type Page } from '@playwright/test';

/** One chat window: the conversation and the customer's answer box (panel or presentation). */
export class ChatWindow {
  readonly conversation: Locator;
  readonly answerBox: Locator;
  readonly sendButton: Locator;
  readonly quickReplies: Locator;

  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {
    this.conversation = root.getByRole('log', { name: 'Conversation' });
    this.answerBox = root.getByRole('textbox', { name: 'Your answer', exact: true });
    this.sendButton = root.getByRole('button', { name: 'Send', exact: true });
    this.quickReplies = root.getByRole('group', { name: 'Quick replies' });
  }

  /** The chat's bubbles in order, optionally only the bot's or only the customer's. */
  bubbles(from?: 'bot' | 'customer'): Locator {
    const items = this.conversation.getByRole('listitem');
    return from ? items.and(this.page.locator(`[data-from="${from}"]`)) : items;
  }

  botBubbles(): Locator {
    return this.bubbles('bot');
  }

  customerBubbles(): Locator {
    return this.bubbles('customer');
  }

  quickReply(value: string): Locator {
    return this.quickReplies.getByRole('button', { name: value, exact: true });
  }

  /** Types an answer and sends it, as a customer would. */
  async answer(text: string) {
    await this.answerBox.fill(text);
    await this.sendButton.click();
  }
}

/** The `Preview` tab of the tools panel: the chat preview, its variables and its step log. */
export class ChatPreview {
  readonly tools: Locator;
  readonly tab: Locator;
  readonly region: Locator;
  readonly chat: ChatWindow;
  readonly startButton: Locator;
  readonly restartButton: Locator;
  readonly runFromHereButton: Locator;
  readonly presentButton: Locator;
  /** Shown while a WebService call is in flight. */
  readonly typing: Locator;
  /** `The conversation ended` (plus why). */
  readonly ended: Locator;
  readonly restartedNote: Locator;
  readonly variables: Locator;
  readonly stepLog: Locator;
  readonly timeline: Locator;
  readonly presentation: Locator;
  readonly presentationChat: ChatWindow;
  /** In a selected WebService module's `Test bench`: how the preview treats its calls. */
  readonly previewUses: Locator;

  constructor(readonly page: Page) {
    this.tools = page.getByRole('region', { name: 'Tools' });
    this.tab = this.tools
      .getByRole('tablist', { name: 'Tools' })
      .getByRole('tab', { name: 'Preview', exact: true });
    this.region = page.getByRole('region', { name: 'Chat preview' });
    this.chat = new ChatWindow(page, this.region);
    this.startButton = this.region.getByRole('button', { name: 'Start preview', exact: true });
    this.restartButton = this.region.getByRole('button', { name: 'Restart', exact: true });
    this.runFromHereButton = this.region.getByRole('button', { name: 'Run from here' });
    this.presentButton = this.region.getByRole('button', { name: 'Present', exact: true });
    this.typing = this.region.getByRole('status', { name: 'Bot is typing' });
    this.ended = this.region.getByRole('status').filter({ hasText: 'The conversation ended' });
    this.restartedNote = this.region
      .getByRole('status')
      .filter({ hasText: 'The flow changed, so the preview started again.' });
    this.variables = page.getByRole('table', { name: 'Preview variables' });
    this.stepLog = page.getByRole('region', { name: 'Step log' });
    this.timeline = page.getByRole('figure', { name: 'Conversation timeline' });
    this.presentation = page.getByRole('dialog', { name: 'Chat presentation' });
    this.presentationChat = new ChatWindow(page, this.presentation);
    this.previewUses = this.tools.getByRole('combobox', { name: 'Preview uses' });
  }

  /** Opens the `Preview` tab (selecting a module with tools shows those instead). */
  async show() {
    if (!(await this.region.isVisible())) await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
    await expect(this.region).toBeVisible();
  }

  /** Starts the chat from the flow's Start and waits for its first bot message. */
  async start() {
    await this.show();
    await this.startButton.click();
    await expect(this.chat.botBubbles().first()).toBeVisible();
  }

  /** The row of one variable in `Preview variables`. */
  variable(name: string): Locator {
    return this.variables.locator(`[data-variable="${name}"]`);
  }

  /** The step log's entry (or entries) of one module, in the list below the timeline. */
  step(moduleId: string): Locator {
    return this.stepLog
      .getByRole('listitem')
      .and(this.page.locator(`[data-module-id="${moduleId}"]`));
  }

  /** The timeline's customer turns, each a row with `data-turn`. */
  turns(): Locator {
    return this.timeline.locator('[data-turn]');
  }

  /** The timeline row of the turn in which `moduleId` was called. */
  turnCalling(moduleId: string): Locator {
    return this.turns().filter({ has: this.page.locator(`[data-module-id="${moduleId}"]`) });
  }

  /** The text box of one starting value, opening the `Starting values` disclosure if needed. */
  async startingValue(name: string): Promise<Locator> {
    const field = this.region.getByRole('textbox', { name, exact: true });
    if (!(await field.isVisible())) await this.region.getByText('Starting values').click();
    await expect(field).toBeVisible();
    return field;
  }

  /** The node elements (`[data-kind]`) the canvas marks as where the chat is. */
  currentSteps(): Locator {
    return this.page.locator('[data-kind][aria-current="step"]');
  }

  /** Asserts that the canvas marks `moduleId`, and only it, as the chat's current module. */
  async expectCurrentStep(moduleId: string) {
    await expect(this.currentSteps()).toHaveCount(1);
    await expect(this.page.getByTestId(`node-${moduleId}`)).toHaveAttribute('aria-current', 'step');
  }

  /** React Flow's element of one edge. */
  edge(edgeId: string): Locator {
    return this.page.locator(`.react-flow__edge[data-id="${edgeId}"]`);
  }

  async expectEdges({ taken, notTaken }: { taken: string[]; notTaken: string[] }) {
    for (const id of taken) await expect(this.edge(id)).toHaveClass(/\bedge-taken\b/);
    for (const id of notTaken) await expect(this.edge(id)).not.toHaveClass(/\bedge-taken\b/);
  }
}
