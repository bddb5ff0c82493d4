import type { FlowbenchPage } from './support/FlowbenchPage';
import { expect, test } from './support/test';

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
