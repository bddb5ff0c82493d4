import { expect, test } from './support/test';

test.describe('the seeded demo flow', () => {
  test('opens on first start with every module connected and no problems', async ({
    flowbench,
    page,
    baseURL,
  }) => {
    await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
      'NPS survey with CRM lookup',
    );
    await expect(flowbench.nodes()).toHaveCount(9);
    await expect(flowbench.edges()).toHaveCount(9);
    const host = new URL(baseURL ?? '').host;
    await expect(flowbench.node('crm-lookup')).toContainText(`POST ${host}/demo/crm-lookup`);
    await expect(
      flowbench.node('crm-lookup').getByRole('list', { name: 'Sets variables' }),
    ).toContainText('customer_tier');
    await expect(flowbench.node('is-gold')).toContainText('customer_tier equals gold');
    await expect(flowbench.node('is-gold')).toContainText('else');
    await expect(flowbench.problems).toContainText('No problems found.');
  });
});

test.describe('adding modules', () => {
  test('a palette click adds the module in view and selects it', async ({ flowbench }) => {
    await flowbench.addByClick('Message');
    await expect(flowbench.nodes('message')).toHaveCount(4);
    await expect(flowbench.selectedNode()).toHaveAttribute('data-kind', 'message');
    await expect(flowbench.selectedNode()).toBeInViewport();
    await expect(flowbench.inspector.getByLabel('Text')).toBeVisible();
  });

  test('repeated clicks do not stack modules on top of each other', async ({ flowbench, page }) => {
    await flowbench.addByClick('End');
    const first = await flowbench.selectedNode().boundingBox();
    await flowbench.addByClick('End');
    const second = await flowbench.selectedNode().boundingBox();
    expect(first && second && (first.x !== second.x || first.y !== second.y)).toBe(true);
    await expect(page.locator('.module-node[data-kind="end"]')).toHaveCount(3);
  });

  test('dragging a palette item drops the module centred on the pointer', async ({ flowbench }) => {
    const canvasBox = await flowbench.canvas.boundingBox();
    if (!canvasBox) throw new Error('canvas not visible');
    const drop = { x: 120, y: 120 };
    await flowbench.dragFromPalette('WebService', drop);
    await expect(flowbench.nodes('web-service')).toHaveCount(2);
    const added = await flowbench.selectedNode().boundingBox();
    if (!added) throw new Error('dropped node not visible');
    // The node's centre lands where the pointer let go.
    expect(Math.abs(added.x + added.width / 2 - (canvasBox.x + drop.x))).toBeLessThan(20);
    expect(Math.abs(added.y + added.height / 2 - (canvasBox.y + drop.y))).toBeLessThan(20);
    await expect(flowbench.selectedNode()).toContainText('No URL');
  });
});

test.describe('connecting and problems', () => {
  test('connecting two modules by dragging between handles clears the problem', async ({
    flowbench,
    page,
  }) => {
    await flowbench.addByClick('Message');
    const messageId = await flowbench.selectedNodeId();
    await flowbench.inspector.getByLabel('Text').fill('Bye');
    await flowbench.dragFromPalette('End', { x: 150, y: 60 });
    const endId = await flowbench.selectedNodeId();
    const problem = flowbench.problems.getByRole('button', {
      name: /Message output leads nowhere/,
    });
    await expect(problem).toBeVisible();

    await flowbench.connect(messageId, endId);
    await expect(flowbench.edges()).toHaveCount(10);
    await expect(page.locator(`.react-flow__edge[data-id]`).last()).toBeVisible();
    await expect(problem).toHaveCount(0);
  });

  test('a problem names the module, and clicking it selects that module', async ({ flowbench }) => {
    await flowbench.addByClick('Question');
    const questionId = await flowbench.selectedNodeId();
    await flowbench.selectNode('welcome');
    await flowbench.problems
      .getByRole('button', { name: /Question has no variable for the answer/ })
      .click();
    await expect(flowbench.selectedNode()).toHaveAttribute('data-testid', `node-${questionId}`);
    await expect(flowbench.inspector.getByLabel('Variable')).toBeVisible();
    await expect(flowbench.node(questionId).getByLabel(/problems?$/)).toBeVisible();
  });

  test('a placeholder naming a variable nothing sets is flagged', async ({ flowbench }) => {
    await flowbench.selectNode('thanks-other');
    await flowbench.inspector.getByLabel('Text').fill('Thanks {{favourite_colour}}!');
    await expect(
      flowbench.problems.getByRole('button', {
        name: /Uses \{\{favourite_colour\}\}, which no module before it sets/,
      }),
    ).toBeVisible();
    await flowbench.inspector.getByLabel('Text').fill('Thanks {{customer_tier}} {{firstname}}!');
    await expect(flowbench.problems).toContainText('No problems found.');
  });

  test('a condition shows one labelled output per rule plus else', async ({ flowbench }) => {
    await flowbench.addByClick('Condition');
    const conditionId = await flowbench.selectedNodeId();
    const node = flowbench.node(conditionId);
    await flowbench.inspector.getByRole('button', { name: 'Add rule' }).click();
    await flowbench.inspector.getByLabel('Rule 1 variable').fill('nps_score');
    await flowbench.inspector.getByLabel('Rule 1 operator').selectOption('greater-than');
    await flowbench.inspector.getByLabel('Rule 1 value').fill('8');
    await flowbench.inspector.getByRole('button', { name: 'Add rule' }).click();
    await flowbench.inspector.getByLabel('Rule 2 variable').fill('email');
    await flowbench.inspector.getByLabel('Rule 2 operator').selectOption('is-set');
    await expect(flowbench.inspector.getByLabel('Rule 2 value')).toHaveCount(0);

    await expect(node.locator('.module-node-output')).toHaveText([
      'nps_score greater than 8',
      'email is set',
      'else',
    ]);
    await expect(node.locator('.react-flow__handle.source')).toHaveCount(3);

    // Handles added after the node first rendered are measured, so they can be connected.
    const ruleHandle = node.locator('.react-flow__handle.source').nth(1);
    const ruleId = await ruleHandle.getAttribute('data-handleid');
    if (!ruleId) throw new Error('rule handle has no id');
    await flowbench.connect(conditionId, 'end', ruleId);
    await expect(flowbench.edges()).toHaveCount(10);
    await expect(
      flowbench.problems.getByRole('button', { name: /Output "email is set" leads nowhere/ }),
    ).toHaveCount(0);
    await expect(
      flowbench.problems.getByRole('button', { name: /Output "else" leads nowhere/ }),
    ).toBeVisible();
  });
});

test.describe('inspector', () => {
  test('edits apply live to the node', async ({ flowbench }) => {
    await flowbench.selectNode('crm-lookup');
    const url = flowbench.inspector.getByLabel('URL');
    await url.fill('https://api.example.org/v1/lookup?x=1');
    await expect(flowbench.node('crm-lookup')).toContainText('POST api.example.org/v1/lookup');
  });

  test('an invalid value is explained at the field and not applied', async ({ flowbench }) => {
    await flowbench.selectNode('ask-email');
    const variable = flowbench.inspector.getByLabel('Variable');
    await variable.fill('E-Mail');
    await expect(variable).toHaveAttribute('aria-invalid', 'true');
    await expect(flowbench.inspector.getByRole('alert')).toHaveText(/lower snake_case/);
    await expect(
      flowbench.node('ask-email').getByRole('list', { name: 'Sets variables' }),
    ).toHaveText('email');

    await flowbench.selectNode('crm-lookup');
    await flowbench.inspector.getByLabel('URL').fill('ftp://files.example.org');
    await expect(flowbench.inspector.getByRole('alert')).toHaveText(/http:\/\/ or https:\/\//);
    await expect(flowbench.node('crm-lookup')).toContainText('/demo/crm-lookup');
  });

  test('the WebService form configures URL, authorization, queue and expected variables', async ({
    flowbench,
  }) => {
    await flowbench.selectNode('crm-lookup');
    await flowbench.inspector.getByLabel('Authorization header').fill('Bearer s3cret');
    await flowbench.inspector.getByLabel('Use request queue').check();
    await expect(flowbench.inspector).toContainText('the response cannot set variables');
    await flowbench.inspector.getByLabel('Expected variables').fill('firstname, loyalty_points');
    await expect(
      flowbench.node('crm-lookup').getByRole('list', { name: 'Sets variables' }),
    ).toHaveText(/firstname\s*loyalty_points/);
  });
});

test.describe('module forms', () => {
  test('a set-variable module assigns values, shown as the variables it sets', async ({
    flowbench,
  }) => {
    await flowbench.addByClick('Set variable');
    const id = await flowbench.selectedNodeId();
    await flowbench.inspector.getByLabel('Variable 1').fill('coupon_code');
    await flowbench.inspector.getByLabel('Value 1').fill('NPS-{{nps_score}}');
    await flowbench.inspector.getByRole('button', { name: 'Add assignment' }).click();
    await flowbench.inspector.getByLabel('Variable 2').fill('channel');
    await flowbench.inspector.getByLabel('Value 2').fill('web');
    await expect(flowbench.node(id).getByRole('list', { name: 'Sets variables' })).toHaveText(
      /coupon_code\s*channel/,
    );
    await expect(flowbench.node(id)).toContainText('coupon_code ← NPS-{{nps_score}}');
    await flowbench.inspector.getByRole('button', { name: 'Remove assignment 1' }).click();
    await expect(flowbench.node(id).getByRole('list', { name: 'Sets variables' })).toHaveText(
      'channel',
    );
  });

  test('a single-choice question needs options', async ({ flowbench }) => {
    await flowbench.addByClick('Question');
    const id = await flowbench.selectedNodeId();
    await flowbench.inspector.getByLabel('Prompt').fill('Which colour?');
    await flowbench.inspector.getByLabel('Variable').fill('colour');
    await flowbench.inspector.getByLabel('Input type').selectOption('single-choice');
    const noOptions = flowbench.problems.getByRole('button', {
      name: /Single-choice question has no options/,
    });
    await expect(noOptions).toBeVisible();
    await flowbench.inspector.getByLabel('Options (one per line)').fill('Red\nGreen\nBlue');
    await expect(noOptions).toHaveCount(0);
    await expect(flowbench.node(id)).toContainText('Single choice: Which colour?');
  });
});

test.describe('undo and redo', () => {
  test('an inspector edit is undone and redone with the toolbar and the keyboard', async ({
    flowbench,
    page,
  }) => {
    const undo = page.getByRole('button', { name: 'Undo' });
    const redo = page.getByRole('button', { name: 'Redo' });
    await expect(undo).toBeDisabled();
    await flowbench.selectNode('welcome');
    const text = flowbench.inspector.getByLabel('Text');
    await text.fill('Welcome back!');
    await expect(flowbench.node('welcome')).toContainText('Welcome back!');

    await undo.click();
    await expect(flowbench.node('welcome')).toContainText('Hi! Two quick questions');
    await expect(text).toHaveValue('Hi! Two quick questions about your last order.');
    await redo.click();
    await expect(flowbench.node('welcome')).toContainText('Welcome back!');

    await flowbench.canvas.click({ position: { x: 10, y: 10 } });
    await flowbench.pressShortcut('z');
    await expect(flowbench.node('welcome')).toContainText('Hi! Two quick questions');
    await flowbench.pressShortcut('Shift+z');
    await expect(flowbench.node('welcome')).toContainText('Welcome back!');
  });

  test('undo works while a select has the focus', async ({ flowbench, page }) => {
    await flowbench.selectNode('ask-nps');
    const inputType = flowbench.inspector.getByLabel('Input type');
    await inputType.focus();
    await inputType.selectOption('number');
    await expect(flowbench.node('ask-nps')).toContainText('Number:');
    await expect(inputType).toBeFocused();
    await flowbench.pressShortcut('z');
    await expect(flowbench.node('ask-nps')).toContainText('NPS (0–10):');
    // Delete on a form control must not delete the module being configured.
    await page.keyboard.press('Delete');
    await expect(flowbench.node('ask-nps')).toBeVisible();
  });

  test('each typed word is one undo step, not one per key', async ({ flowbench, page }) => {
    await flowbench.selectNode('thanks-other');
    const text = flowbench.inspector.getByLabel('Text');
    await text.click();
    await text.press('End');
    await text.pressSequentially(' Cheers mate', { delay: 30 });
    await expect(flowbench.node('thanks-other')).toContainText('feedback! Cheers mate');
    const undo = page.getByRole('button', { name: 'Undo' });
    await undo.click();
    await expect(text).toHaveValue('Thank you for your feedback! Cheers');
    await undo.click();
    await expect(text).toHaveValue('Thank you for your feedback!');
  });

  test('adding, moving and deleting modules are undoable', async ({ flowbench, page }) => {
    await flowbench.addByClick('Set variable');
    await expect(flowbench.nodes('set-variable')).toHaveCount(1);
    await page.keyboard.press('Delete');
    await expect(flowbench.nodes('set-variable')).toHaveCount(0);
    await flowbench.pressShortcut('z');
    await expect(flowbench.nodes('set-variable')).toHaveCount(1);
    await flowbench.pressShortcut('z');
    await expect(flowbench.nodes('set-variable')).toHaveCount(0);
  });
});

test('moving a module by dragging is one undo step', async ({ flowbench, page }) => {
  const node = flowbench.node('thanks-other');
  const before = await node.boundingBox();
  if (!before) throw new Error('node not visible');
  await page.mouse.move(before.x + 40, before.y + 15);
  await page.mouse.down();
  await page.mouse.move(before.x + 140, before.y + 65, { steps: 12 });
  await page.mouse.up();
  await expect.poll(async () => (await node.boundingBox())?.x).toBeGreaterThan(before.x + 50);

  await flowbench.pressShortcut('z');
  await expect.poll(async () => (await node.boundingBox())?.x).toBeCloseTo(before.x, 0);
  await expect.poll(async () => (await node.boundingBox())?.y).toBeCloseTo(before.y, 0);
});

test.describe('selection, delete, copy and paste', () => {
  test('a selected connection is deleted with Delete, and comes back with undo', async ({
    flowbench,
    page,
  }) => {
    const edge = page.locator('.react-flow__edge[data-id="e-welcome-email"]');
    const from = await flowbench.node('welcome').boundingBox();
    const to = await flowbench.node('ask-email').boundingBox();
    if (!from || !to) throw new Error('nodes not visible');
    // Click the connection halfway between the two modules it joins.
    await page.mouse.click(from.x + from.width / 2, (from.y + from.height + to.y) / 2);
    await expect(edge).toHaveClass(/selected/);
    await page.keyboard.press('Delete');
    await expect(edge).toHaveCount(0);
    await expect(
      flowbench.problems.getByRole('button', { name: /Message output leads nowhere/ }),
    ).toBeVisible();
    await flowbench.pressShortcut('z');
    await expect(edge).toHaveCount(1);
  });

  test('Delete removes the selected module and its connections; Start cannot be deleted', async ({
    flowbench,
    page,
  }) => {
    await flowbench.selectNode('ask-nps');
    await page.keyboard.press('Delete');
    await expect(flowbench.node('ask-nps')).toHaveCount(0);
    await expect(flowbench.edges()).toHaveCount(7);

    await flowbench.selectNode('start');
    await page.keyboard.press('Backspace');
    await expect(flowbench.node('start')).toBeVisible();
  });

  test('several modules can be selected and deleted together', async ({ flowbench, page }) => {
    await flowbench.selectNode('thanks-gold');
    await flowbench.node('thanks-other').click({ modifiers: ['Shift'] });
    await expect(flowbench.inspector).toContainText('2 modules selected');
    await page.keyboard.press('Delete');
    await expect(flowbench.nodes('message')).toHaveCount(1);
  });

  test('copy/paste and duplicate create independent copies', async ({ flowbench, page }) => {
    await flowbench.selectNode('ask-email');
    await flowbench.pressShortcut('c');
    await flowbench.pressShortcut('v');
    await expect(flowbench.nodes('question')).toHaveCount(3);
    const pastedId = await flowbench.selectedNodeId();
    expect(pastedId).not.toBe('ask-email');
    await flowbench.inspector.getByLabel('Prompt').fill('Your work email?');
    await expect(flowbench.node('ask-email')).toContainText('What is your email address?');

    // Shortcuts belong to the text field while it has focus; back on the canvas they act.
    await flowbench.pressShortcut('d');
    await expect(flowbench.nodes('question')).toHaveCount(3);
    await flowbench.selectNode(pastedId);
    await flowbench.pressShortcut('d');
    await expect(flowbench.nodes('question')).toHaveCount(4);
    await expect(flowbench.selectedNode()).toContainText('Your work email?');

    await flowbench.selectNode('thanks-gold');
    await flowbench.node('end').click({ modifiers: ['Shift'] });
    await flowbench.pressShortcut('c');
    await flowbench.pressShortcut('v');
    await expect(flowbench.nodes('end')).toHaveCount(2);
    // The edge between the two copied modules is copied with them.
    await expect(flowbench.edges()).toHaveCount(10);
    await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  });
});
