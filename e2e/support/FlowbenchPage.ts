import { expect, type Locator, type Page } from '@playwright/test';

export type PaletteLabel =
  'Message' | 'Question' | 'Set variable' | 'Condition' | 'WebService' | 'End';

/** The editor as a person sees it: palette, canvas, inspector, problems, flows, toolbar. */
export class FlowbenchPage {
  readonly canvas: Locator;
  readonly inspector: Locator;
  readonly problems: Locator;
  readonly flows: Locator;
  readonly saveStatus: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByRole('region', { name: 'Canvas' });
    this.inspector = page.getByRole('region', { name: 'Inspector' });
    this.problems = page.getByRole('region', { name: 'Problems' });
    this.flows = page.getByRole('navigation', { name: 'Flows' });
    this.saveStatus = page.getByRole('banner').getByRole('status');
  }

  async open() {
    await this.page.goto('/');
    await expect(this.nodes().first()).toBeVisible();
  }

  /** Canvas nodes, optionally of one module kind. */
  nodes(kind?: string): Locator {
    return this.page.locator(kind ? `.module-node[data-kind="${kind}"]` : '.module-node');
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  selectedNode(): Locator {
    return this.page.locator('.react-flow__node.selected .module-node');
  }

  edges(): Locator {
    return this.page.locator('.react-flow__edge');
  }

  /** The button that opens a flow in the flow list. */
  flowButton(name: string): Locator {
    return this.flows.getByRole('button', { name, exact: true });
  }

  paletteButton(label: PaletteLabel): Locator {
    return this.page.getByRole('button', { name: `Add ${label}`, exact: true });
  }

  async addByClick(label: PaletteLabel) {
    await this.paletteButton(label).click();
  }

  async dragFromPalette(label: PaletteLabel, target: { x: number; y: number }) {
    await this.paletteButton(label).dragTo(this.canvas, { targetPosition: target });
  }

  /** Drags from a node's output handle to another node's input, as a person connects them. */
  async connect(sourceId: string, targetId: string, sourceHandle = 'out') {
    const from = this.page.locator(
      `.react-flow__node[data-id="${sourceId}"] .react-flow__handle.source[data-handleid="${sourceHandle}"]`,
    );
    const to = this.page.locator(
      `.react-flow__node[data-id="${targetId}"] .react-flow__handle.target`,
    );
    const fromBox = await from.boundingBox();
    const toBox = await to.boundingBox();
    if (!fromBox || !toBox) throw new Error('Handles are not on screen');
    await this.page.mouse.move(fromBox.x + fromBox.width / 2, fromBox.y + fromBox.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(toBox.x + toBox.width / 2, toBox.y + toBox.height / 2, {
      steps: 10,
    });
    await this.page.mouse.up();
  }

  /** Id of the one selected node (a freshly added node is selected). */
  async selectedNodeId(): Promise<string> {
    const testId = await this.selectedNode().getAttribute('data-testid');
    if (!testId) throw new Error('No node is selected');
    return testId.replace(/^node-/, '');
  }

  async selectNode(id: string) {
    await this.node(id).click();
    await expect(this.page.locator(`.react-flow__node[data-id="${id}"]`)).toHaveClass(/selected/);
  }

  async waitUntilSaved() {
    await expect(this.saveStatus).toHaveText('All changes saved');
  }

  async pressShortcut(key: string) {
    await this.page.keyboard.press(`ControlOrMeta+${key}`);
  }
}
