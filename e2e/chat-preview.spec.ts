import { z } from 'zod';
import type { ChatPreview } from './support/ChatPreview';
import type { FlowbenchPage } from './support/FlowbenchPage';
import { expect, test } from './support/test';
import type { UpstreamServer } from './support/upstreamServer';

const goldEnding = 'Thank you, John! As a gold customer your next delivery is on us.';
const otherEnding = 'Thank you for your feedback!';
/** The demo CRM (`lookUpCustomer`) gives this email the tier bronze and the name Mary Jones. */
const nonGoldEmail = 'mary.jones@example.org';
const npsPrompt = 'How likely are you to recommend us to a friend?';
/** Every edge of the demo flow before its condition. */
const edgesBeforeCondition = [
  'e-start-welcome',
  'e-welcome-email',
  'e-email-nps',
  'e-nps-crm',
  'e-crm-gold',
];

const platformBodySchema = z.object({
  process_instance_id: z.string().min(1),
  variables: z.record(z.string(), z.string()),
});

/** A pattern matching text that contains `text` as it is. */
function containing(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** A latency of the platform's 20 s (and a few ms of the step), however the number is grouped. */
const twentySecondsInMs = /\b20[\s,.\u202f\u00a0]?\d{3} ms/;

/** Selects the demo's WebService node and points it at `url`. */
async function pointCrmLookupAt(flowbench: FlowbenchPage, url: string) {
  await flowbench.selectNode('crm-lookup');
  const urlField = flowbench.inspector.getByRole('textbox', { name: 'URL', exact: true });
  await urlField.fill(url);
  await expect(urlField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(flowbench.node('crm-lookup')).toContainText(url.replace(/^http:\/\//, ''));
}

/** Chooses how the preview treats the CRM lookup, in its test bench. */
async function crmLookupPreviewUses(
  flowbench: FlowbenchPage,
  chatPreview: ChatPreview,
  label: string,
) {
  await flowbench.selectNode('crm-lookup');
  await chatPreview.previewUses.selectOption({ label });
  await expect(chatPreview.previewUses.locator('option:checked')).toHaveText(label);
}

/**
 * Adds a WebService module named Scoring between the CRM lookup and the condition: two calls
 * in a row between the NPS question and the end. Returns its id.
 */
async function addScoringAfterCrmLookup(flowbench: FlowbenchPage, url: string): Promise<string> {
  await flowbench.selectNode('crm-lookup');
  await flowbench.addByClick('WebService');
  const scoringId = await flowbench.selectedNodeId();
  await flowbench.inspector.getByLabel('Name', { exact: true }).fill('Scoring');
  await flowbench.inspector.getByRole('textbox', { name: 'URL', exact: true }).fill(url);
  await flowbench.connect('crm-lookup', scoringId);
  await flowbench.connect(scoringId, 'is-gold');
  await expect(flowbench.edges()).toHaveCount(10);
  return scoringId;
}

/** Starts the demo flow and answers its two questions. */
async function answerDemoQuestions(chatPreview: ChatPreview, email: string, nps: string) {
  await chatPreview.start();
  await chatPreview.chat.answer(email);
  await expect(chatPreview.chat.botBubbles().last()).toContainText(npsPrompt);
  await chatPreview.chat.quickReply(nps).click();
}

/** The upstream replies like a CRM that knows the customer as `firstname` of `tier`. */
function replyAsCrm(upstream: UpstreamServer, firstname: string, tier: string) {
  upstream.reply('/hook', {
    body: { data: { variables: { firstname, lastname: 'Lovelace', customer_tier: tier } } },
  });
}

test.describe('the demo flow against the built-in demo endpoint', () => {
  test('a gold customer reaches the gold ending, and the canvas follows the chat', async ({
    chatPreview,
  }) => {
    const { chat } = chatPreview;
    await chatPreview.start();
    await expect(chat.botBubbles()).toHaveText([
      containing('Hi! Two quick questions about your last order.'),
      containing('What is your email address?'),
    ]);
    await chatPreview.expectCurrentStep('ask-email');
    await chatPreview.expectEdges({
      taken: ['e-start-welcome', 'e-welcome-email'],
      notTaken: ['e-email-nps', 'e-nps-crm'],
    });

    // An answer that is not an email gets a re-prompt, and the chat stays at the question.
    await chat.answer('not an email');
    await expect(chat.customerBubbles()).toHaveText([containing('not an email')]);
    const reprompt = chat.bubbles().nth(3);
    await expect(reprompt).toHaveAttribute('data-from', 'bot');
    await expect(reprompt).toContainText(/email/i);
    await chatPreview.expectCurrentStep('ask-email');
    await expect(chatPreview.edge('e-email-nps')).not.toHaveClass(/\bedge-taken\b/);

    await chat.answer('john.smith@example.org');
    await expect(chat.botBubbles().last()).toContainText(npsPrompt);
    await expect(chat.quickReplies.getByRole('button')).toHaveText(
      Array.from({ length: 11 }, (_, score) => String(score)),
    );
    await chatPreview.expectCurrentStep('ask-nps');
    await chatPreview.expectEdges({ taken: ['e-email-nps'], notTaken: ['e-nps-crm'] });

    await chat.quickReply('9').click();
    await expect(chat.botBubbles().last()).toHaveText(containing(goldEnding));
    await expect(chat.customerBubbles()).toHaveText([
      containing('not an email'),
      containing('john.smith@example.org'),
      containing('9'),
    ]);
    await expect(chatPreview.ended).toBeVisible();
    await expect(chatPreview.typing).toBeHidden();
    await chatPreview.expectCurrentStep('end');
    await chatPreview.expectEdges({
      taken: [...edgesBeforeCondition, 'e-gold-thanks', 'e-gold-end'],
      notTaken: ['e-else-thanks', 'e-other-end'],
    });

    // The CRM added the tier; it gave back the sample customer's own first name.
    const tier = chatPreview.variable('customer_tier');
    await expect(tier).toContainText('gold');
    await expect(tier).toHaveAttribute('data-webservice-change', 'added');
    await expect(tier).toContainText('from WebService');
    const firstname = chatPreview.variable('firstname');
    await expect(firstname).toContainText('John');
    await expect(firstname).not.toHaveAttribute('data-webservice-change', /added|changed/);
    await expect(firstname).not.toContainText('from WebService');
    const nps = chatPreview.variable('nps_score');
    await expect(nps).toContainText('9');
    await expect(nps).toContainText('Ask NPS');
    await expect(nps).not.toHaveAttribute('data-webservice-change', /added|changed/);

    const call = chatPreview.step('crm-lookup');
    await expect(call).toHaveCount(1);
    await expect(call).toContainText('OK');
    await expect(call).toContainText(/\d+ ms/);
    await expect(chatPreview.turnCalling('crm-lookup')).toHaveCount(1);
    await expect(chatPreview.turnCalling('crm-lookup')).toContainText(
      /reply after \d+(\.\d+)? s of 30 s/,
    );

    // Restart begins the same conversation again, from Start.
    await chatPreview.restartButton.click();
    await expect(chat.customerBubbles()).toHaveCount(0);
    await expect(chat.botBubbles()).toHaveText([
      containing('Hi! Two quick questions about your last order.'),
      containing('What is your email address?'),
    ]);
    await expect(chatPreview.ended).toBeHidden();
    await chatPreview.expectCurrentStep('ask-email');
    await chatPreview.expectEdges({ taken: ['e-welcome-email'], notTaken: ['e-gold-thanks'] });
    await expect(chatPreview.variable('customer_tier')).toHaveCount(0);
  });

  test('a customer who is not gold reaches the other ending; the CRM changes the names', async ({
    chatPreview,
  }) => {
    await answerDemoQuestions(chatPreview, nonGoldEmail, '4');
    await expect(chatPreview.chat.botBubbles().last()).toHaveText(containing(otherEnding));
    await expect(chatPreview.chat.conversation).not.toContainText('gold customer');
    await expect(chatPreview.ended).toBeVisible();
    await chatPreview.expectCurrentStep('end');
    await chatPreview.expectEdges({
      taken: [...edgesBeforeCondition, 'e-else-thanks', 'e-other-end'],
      notTaken: ['e-gold-thanks', 'e-gold-end'],
    });
    await expect(chatPreview.page.getByTestId('node-thanks-gold')).not.toHaveAttribute(
      'aria-current',
      'step',
    );

    // The sample customer was John Smith; the CRM says Mary Jones, of tier bronze.
    const firstname = chatPreview.variable('firstname');
    await expect(firstname).toContainText('Mary');
    await expect(firstname).toHaveAttribute('data-webservice-change', 'changed');
    await expect(firstname).toContainText('from WebService');
    await expect(firstname).toContainText('CRM lookup');
    await expect(chatPreview.variable('lastname')).toHaveAttribute(
      'data-webservice-change',
      'changed',
    );
    const tier = chatPreview.variable('customer_tier');
    await expect(tier).toContainText('bronze');
    await expect(tier).toHaveAttribute('data-webservice-change', 'added');
    const email = chatPreview.variable('email');
    await expect(email).toContainText(nonGoldEmail);
    await expect(email).toContainText('Ask for email');
    await expect(email).not.toHaveAttribute('data-webservice-change', /added|changed/);
    await expect(email).not.toContainText('from WebService');
  });
});

test('a slow endpoint: after the platform’s 20 s the chat goes on without its variables', async ({
  flowbench,
  chatPreview,
  upstream,
}) => {
  // The real 20 s of the platform, not a shortened one.
  test.setTimeout(90_000);
  upstream.reply('/hook', {
    delayMs: 25_000,
    body: { data: { variables: { firstname: 'Late', customer_tier: 'gold' } } },
  });
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));

  await answerDemoQuestions(chatPreview, 'john.smith@example.org', '10');
  await expect(chatPreview.typing).toBeVisible();
  await expect.poll(() => upstream.requestsTo('/hook').length).toBe(1);
  await expect(chatPreview.chat.botBubbles().last()).toContainText(npsPrompt);

  await expect(chatPreview.chat.botBubbles().last()).toHaveText(containing(otherEnding), {
    timeout: 40_000,
  });
  await expect(chatPreview.typing).toBeHidden();
  await expect(chatPreview.ended).toBeVisible();
  await expect(chatPreview.step('crm-lookup')).toContainText('Timeout');
  await expect(chatPreview.variable('customer_tier')).toHaveCount(0);
  await expect(chatPreview.variable('firstname')).toContainText('John');
  await expect(chatPreview.variable('firstname')).not.toHaveAttribute(
    'data-webservice-change',
    /added|changed/,
  );
  await expect(chatPreview.turnCalling('crm-lookup')).toContainText(
    /reply after 2\d(\.\d+)? s of 30 s/,
  );
});

test.describe('Preview uses', () => {
  test('Call the endpoint sends the chat’s variables and uses the answer', async ({
    flowbench,
    chatPreview,
    upstream,
  }) => {
    replyAsCrm(upstream, 'Ada', 'gold');
    await pointCrmLookupAt(flowbench, upstream.url('/hook'));
    await expect(chatPreview.previewUses.locator('option:checked')).toHaveText('Call the endpoint');

    await answerDemoQuestions(chatPreview, 'ada@example.org', '8');
    await expect(chatPreview.chat.botBubbles().last()).toHaveText(
      containing('Thank you, Ada! As a gold customer'),
    );
    const requests = upstream.requestsTo('/hook');
    expect(requests).toHaveLength(1);
    const body = platformBodySchema.parse(JSON.parse(requests[0]?.body ?? ''));
    expect(body.variables).toMatchObject({ email: 'ada@example.org', nps_score: '8' });

    const call = chatPreview.step('crm-lookup');
    await expect(call).toContainText('OK');
    await expect(call).toContainText(/\d+ ms/);
    const details = call.locator('details');
    await details.locator('summary').first().click();
    await expect(details).toContainText('ada@example.org');
    await expect(details).toContainText(body.process_instance_id);
    await expect(details).toContainText('Lovelace');
  });

  test('Use a recorded response answers with the newest run of the test history', async ({
    flowbench,
    chatPreview,
    testBench,
    upstream,
  }) => {
    await pointCrmLookupAt(flowbench, upstream.url('/hook'));
    const recorded = chatPreview.previewUses.getByRole('option', {
      name: 'Use a recorded response',
    });
    await expect(recorded).toBeDisabled();

    replyAsCrm(upstream, 'Otto', 'bronze');
    await testBench.send();
    replyAsCrm(upstream, 'Rita', 'gold');
    await testBench.send();
    await expect(recorded).toBeEnabled();
    // Were the endpoint called now, the chat would take the other ending.
    replyAsCrm(upstream, 'Live', 'silver');
    await crmLookupPreviewUses(flowbench, chatPreview, 'Use a recorded response');

    await answerDemoQuestions(chatPreview, 'rita@example.org', '10');
    await expect(chatPreview.chat.botBubbles().last()).toHaveText(
      containing('Thank you, Rita! As a gold customer'),
    );
    await expect(chatPreview.step('crm-lookup')).toContainText('OK');
    await expect(chatPreview.variable('customer_tier')).toHaveAttribute(
      'data-webservice-change',
      'added',
    );
    expect(upstream.requestsTo('/hook')).toHaveLength(2);
  });

  test('Simulate a timeout goes on at once and counts the 20 s the customer would wait', async ({
    flowbench,
    chatPreview,
    upstream,
  }) => {
    replyAsCrm(upstream, 'Ada', 'gold');
    await pointCrmLookupAt(flowbench, upstream.url('/hook'));
    await crmLookupPreviewUses(flowbench, chatPreview, 'Simulate a timeout');

    await answerDemoQuestions(chatPreview, 'john.smith@example.org', '10');
    // Within the default 5 s of an expect: no real 20 s wait.
    await expect(chatPreview.chat.botBubbles().last()).toHaveText(containing(otherEnding));
    const call = chatPreview.step('crm-lookup');
    await expect(call).toContainText('Timeout');
    await expect(call).toContainText(twentySecondsInMs);
    await expect(chatPreview.turnCalling('crm-lookup')).toContainText(
      /reply after 20(\.\d+)? s of 30 s/,
    );
    await expect(chatPreview.variable('customer_tier')).toHaveCount(0);
    expect(upstream.requestsTo('/hook')).toHaveLength(0);
  });

  test('Simulate an error answers HTTP 500 and the chat goes on without variables', async ({
    flowbench,
    chatPreview,
    upstream,
  }) => {
    replyAsCrm(upstream, 'Ada', 'gold');
    await pointCrmLookupAt(flowbench, upstream.url('/hook'));
    await crmLookupPreviewUses(flowbench, chatPreview, 'Simulate an error');

    await answerDemoQuestions(chatPreview, 'john.smith@example.org', '10');
    await expect(chatPreview.chat.botBubbles().last()).toHaveText(containing(otherEnding));
    const call = chatPreview.step('crm-lookup');
    await expect(call).toContainText('HTTP error');
    await expect(call).toContainText('500');
    await expect(chatPreview.variable('customer_tier')).toHaveCount(0);
    expect(upstream.requestsTo('/hook')).toHaveLength(0);
  });
});

test('Run from here starts at the one selected module with the bench’s values', async ({
  flowbench,
  chatPreview,
}) => {
  await chatPreview.show();
  await expect(chatPreview.runFromHereButton).toBeDisabled();
  await flowbench.selectNode('ask-nps');
  await flowbench.node('is-gold').click({ modifiers: ['Shift'] });
  await chatPreview.show();
  await expect(chatPreview.runFromHereButton).toBeDisabled();

  // A click on a module of a multiple selection keeps the selection: select another one first.
  await flowbench.selectNode('welcome');
  await flowbench.selectNode('ask-nps');
  await chatPreview.show();
  await expect(chatPreview.runFromHereButton).toBeEnabled();
  await chatPreview.runFromHereButton.click();
  await expect(chatPreview.chat.botBubbles()).toHaveText([containing(npsPrompt)]);
  await chatPreview.expectCurrentStep('ask-nps');
  await expect(chatPreview.page.locator('.react-flow__edge.edge-taken')).toHaveCount(0);
  // The bench's value of email at this module is the sample customer's: the demo CRM's gold one.
  await expect(chatPreview.variable('email')).toContainText('john.smith@example.org');

  await chatPreview.chat.quickReply('3').click();
  await expect(chatPreview.chat.botBubbles().last()).toHaveText(containing(goldEnding));
  await expect(chatPreview.chat.conversation).not.toContainText('What is your email address?');
  await chatPreview.expectEdges({
    taken: ['e-nps-crm', 'e-crm-gold', 'e-gold-thanks'],
    notTaken: ['e-start-welcome', 'e-email-nps', 'e-else-thanks'],
  });
});

test('Present shows the chat large; Esc returns to the editor and the run goes on', async ({
  chatPreview,
  page,
}) => {
  await chatPreview.start();
  await expect(chatPreview.chat.botBubbles().last()).toContainText('What is your email address?');
  const panelChatWidth = (await chatPreview.chat.conversation.boundingBox())?.width ?? 0;

  await chatPreview.presentButton.click();
  const presented = chatPreview.presentationChat;
  await expect(chatPreview.presentation).toBeVisible();
  await expect(presented.botBubbles()).toHaveText([
    containing('Hi! Two quick questions about your last order.'),
    containing('What is your email address?'),
  ]);
  expect((await presented.conversation.boundingBox())?.width ?? 0).toBeGreaterThan(panelChatWidth);
  await presented.answer('john.smith@example.org');
  await expect(presented.botBubbles().last()).toContainText(npsPrompt);

  await page.keyboard.press('Escape');
  await expect(chatPreview.presentation).toBeHidden();
  await expect(chatPreview.chat.customerBubbles()).toHaveText([
    containing('john.smith@example.org'),
  ]);
  await expect(chatPreview.chat.botBubbles().last()).toContainText(npsPrompt);
  await chatPreview.expectCurrentStep('ask-nps');

  await chatPreview.presentButton.click();
  await expect(presented.customerBubbles()).toHaveCount(1);
  await presented.quickReply('10').click();
  await expect(presented.botBubbles().last()).toHaveText(containing(goldEnding));
  await chatPreview.presentation.getByRole('button', { name: 'Back to the editor' }).click();
  await expect(chatPreview.presentation).toBeHidden();
  await expect(chatPreview.chat.botBubbles().last()).toHaveText(containing(goldEnding));
  await expect(chatPreview.ended).toBeVisible();
});

test('editing the flow restarts the preview with a note; selecting and moving do not', async ({
  flowbench,
  chatPreview,
  page,
}) => {
  await chatPreview.start();
  await chatPreview.chat.answer('john.smith@example.org');
  await expect(chatPreview.chat.botBubbles().last()).toContainText(npsPrompt);

  await flowbench.selectNode('welcome');
  const box = await flowbench.node('end').boundingBox();
  if (!box) throw new Error('The End module is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 20, { steps: 5 });
  await page.mouse.up();
  await expect
    .poll(async () => (await flowbench.node('end').boundingBox())?.x)
    .toBeGreaterThan(box.x + 30);
  await chatPreview.show();
  await expect(chatPreview.chat.customerBubbles()).toHaveCount(1);
  await expect(chatPreview.restartedNote).toBeHidden();
  await chatPreview.expectCurrentStep('ask-nps');

  await flowbench.selectNode('welcome');
  await flowbench.inspector.getByLabel('Text').fill('Hello again! One question first.');
  await chatPreview.show();
  await expect(chatPreview.restartedNote).toBeVisible();
  await expect(chatPreview.chat.customerBubbles()).toHaveCount(0);
  await expect(chatPreview.chat.botBubbles()).toHaveText([
    containing('Hello again! One question first.'),
    containing('What is your email address?'),
  ]);
  await chatPreview.expectCurrentStep('ask-email');
});

test('Starting values are the sample customer, and an edited one is used at the next start', async ({
  flowbench,
  chatPreview,
}) => {
  await flowbench.selectNode('welcome');
  await flowbench.inspector.getByLabel('Text').fill('Hi {{firstname}}, two quick questions.');
  await chatPreview.show();
  const firstname = await chatPreview.startingValue('firstname');
  await expect(firstname).toHaveValue('John');
  await expect(await chatPreview.startingValue('email')).toHaveValue('john.smith@example.org');
  await firstname.fill('Grace');

  await chatPreview.startButton.click();
  await expect(chatPreview.chat.botBubbles().first()).toHaveText(
    containing('Hi Grace, two quick questions.'),
  );
  await expect(chatPreview.variable('firstname')).toContainText('Grace');
  await expect(chatPreview.variable('firstname')).toContainText('customer');
});

test('two WebService modules in a row without request queue: Problems warns of the wait', async ({
  flowbench,
  page,
}) => {
  const scoringId = await addScoringAfterCrmLookup(flowbench, 'http://127.0.0.1:9/score');
  const problemsButton = page.getByRole('banner').getByRole('button', { name: /^Problems/ });
  await problemsButton.click();
  const budgetProblem = flowbench.problems.getByRole('button', {
    name: /May keep the customer waiting up to 40 s: CRM lookup, Scoring/,
  });
  await expect(budgetProblem).toBeVisible();

  // A queued call does not keep the customer waiting.
  await flowbench.selectNode(scoringId);
  await flowbench.inspector.getByRole('checkbox', { name: 'Use request queue' }).check();
  await problemsButton.click();
  await expect(
    flowbench.problems.getByRole('button', { name: /May keep the customer waiting/ }),
  ).toHaveCount(0);
});

test('two WebService calls in one turn: both on the timeline, one process instance', async ({
  flowbench,
  chatPreview,
  upstream,
}) => {
  replyAsCrm(upstream, 'Ada', 'gold');
  await pointCrmLookupAt(flowbench, upstream.url('/hook'));
  const scoringId = await addScoringAfterCrmLookup(flowbench, upstream.url('/score'));

  await answerDemoQuestions(chatPreview, 'ada@example.org', '9');
  await expect(chatPreview.chat.botBubbles().last()).toHaveText(
    containing('Thank you, Ada! As a gold customer'),
  );
  const turn = chatPreview.turnCalling('crm-lookup');
  await expect(turn).toHaveCount(1);
  await expect(turn.locator(`[data-module-id="${scoringId}"]`)).toHaveCount(1);
  await expect(chatPreview.step(scoringId)).toContainText('OK');

  const [crmRequest] = upstream.requestsTo('/hook');
  const [scoringRequest] = upstream.requestsTo('/score');
  const crmBody = platformBodySchema.parse(JSON.parse(crmRequest?.body ?? ''));
  const scoringBody = platformBodySchema.parse(JSON.parse(scoringRequest?.body ?? ''));
  expect(scoringBody.process_instance_id).toBe(crmBody.process_instance_id);
  // The second call gets what the first one added.
  expect(scoringBody.variables).toMatchObject({ customer_tier: 'gold', firstname: 'Ada' });
});
