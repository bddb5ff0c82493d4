import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './support/test';

// The hosts below end in `.invalid` (RFC 2606): names that never resolve. These tests only type
// them into the inspector and read the privacy checks; nothing is ever sent to them.
const plainHttpUrl = 'http://crm.example.invalid/hook';
const httpsUrl = 'https://crm.example.invalid/hook';

async function downloadText(page: Page, buttonName: string): Promise<[Download, string]> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName }).click();
  const download = await downloadPromise;
  return [download, await readFile(await download.path(), 'utf8')];
}

test('a question marked Personal data shows in Personal data sent, is checked by Problems and exported in the Privacy report', async ({
  flowbench,
  page,
}) => {
  const personalDataSent = page.getByRole('region', { name: 'Personal data sent' });
  const problems = flowbench.problems;
  const httpProblem = problems.getByText('over plain http:// to crm.example.invalid; use https://');
  const approvalProblem = problems.getByText(
    'to crm.example.invalid, which is not in Approved hosts',
  );

  // The demo's WebService sends the customer profile and the email answer, not yet the NPS score.
  await flowbench.selectNode('crm-lookup');
  await expect(personalDataSent).toContainText('email question (Ask for email)');
  await expect(personalDataSent).toContainText('on this machine (loopback)');
  await expect(personalDataSent).not.toContainText('nps_score');

  await flowbench.selectNode('ask-nps');
  await flowbench.inspector.getByRole('checkbox', { name: 'Personal data' }).check();
  await flowbench.selectNode('crm-lookup');
  await expect(personalDataSent).toContainText('nps_score marked Personal data (Ask NPS)');

  // Plain http to another machine is a problem; https is not.
  await flowbench.inspector.getByLabel('URL', { exact: true }).fill(plainHttpUrl);
  await expect(personalDataSent).toContainText(
    'to crm.example.invalid over plain http://: anyone on the way can read them.',
  );
  await page.getByRole('button', { name: /^Problems/ }).click();
  await expect(httpProblem).toBeVisible();
  await expect(httpProblem).toContainText('Sends personal data (email, nps_score, auth_email');

  await page.getByRole('tab', { name: 'Test bench' }).click();
  await flowbench.inspector.getByLabel('URL', { exact: true }).fill(httpsUrl);
  await expect(personalDataSent).toContainText('to crm.example.invalid over https (encrypted).');
  await page.getByRole('button', { name: /^Problems/ }).click();
  await expect(problems).toContainText('No problems found.');

  // A host missing from Approved hosts is a problem; approving it (undoably) clears it.
  const report = page.getByRole('dialog', { name: 'Privacy report' });
  await page.getByRole('button', { name: 'Privacy report', exact: true }).click();
  await report.getByRole('textbox', { name: 'Approved hosts' }).fill('api.example.invalid');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(report).toBeHidden();
  await expect(approvalProblem).toBeVisible();

  await page.getByRole('button', { name: 'Privacy report', exact: true }).click();
  await report.getByRole('button', { name: 'Approve crm.example.invalid' }).click();
  await expect(report.getByRole('textbox', { name: 'Approved hosts' })).toHaveValue(
    'api.example.invalid\ncrm.example.invalid',
  );
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(approvalProblem).toBeHidden();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(approvalProblem).toBeVisible();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(approvalProblem).toBeHidden();
  await expect(problems).toContainText('No problems found.');

  // The report, as Markdown and as CSV.
  await page.getByRole('button', { name: 'Privacy report', exact: true }).click();
  await expect(report.getByRole('table', { name: 'Personal data by host' })).toContainText(
    'crm.example.invalid',
  );
  const [markdownFile, markdown] = await downloadText(page, 'Export Markdown');
  expect(markdownFile.suggestedFilename()).toBe('NPS survey with CRM lookup privacy report.md');
  expect(markdown).toContain('# Privacy report: NPS survey with CRM lookup');
  expect(markdown).toContain('Approved hosts: `api.example.invalid`, `crm.example.invalid`.');
  expect(markdown).toContain('| `crm.example.invalid` | https | yes | 14 | CRM lookup |');
  expect(markdown).toContain('| `nps_score` | marked Personal data (Ask NPS) | CRM lookup |');
  expect(markdown).toContain(
    '| `email` | customer profile (email); email question (Ask for email) | CRM lookup |',
  );

  const [csvFile, csv] = await downloadText(page, 'Export CSV');
  expect(csvFile.suggestedFilename()).toBe('NPS survey with CRM lookup privacy report.csv');
  const lines = csv.replace(/^\ufeff/, '').split('\r\n');
  expect(lines[0]).toBe('Host,Transport,Approved,Variable,Personal because,Sent by');
  expect(lines).toContain(
    'crm.example.invalid,https,yes,nps_score,marked Personal data (Ask NPS),CRM lookup',
  );
  expect(lines).toContain(
    'crm.example.invalid,https,yes,email,customer profile (email); email question (Ask for email),CRM lookup',
  );
  expect(lines.filter((line) => line.startsWith('crm.example.invalid,'))).toHaveLength(14);
  await report.getByRole('button', { name: 'Close' }).click();

  // The mark and the approved hosts travel with the flow file and survive a reload.
  await flowbench.waitUntilSaved();
  const [, flowFile] = await downloadText(page, 'Export flow');
  expect(JSON.parse(flowFile)).toMatchObject({
    settings: { approvedHosts: ['api.example.invalid', 'crm.example.invalid'] },
    nodes: expect.arrayContaining([
      expect.objectContaining({
        id: 'ask-nps',
        data: expect.objectContaining({ personalData: true }),
      }),
    ]),
  });
  await page.reload();
  await flowbench.selectNode('ask-nps');
  await expect(flowbench.inspector.getByRole('checkbox', { name: 'Personal data' })).toBeChecked();
});

test('an email question is always personal data, and a set-variable row counts only when marked', async ({
  flowbench,
  page,
}) => {
  await flowbench.selectNode('ask-email');
  const emailMark = flowbench.inspector.getByRole('checkbox', { name: 'Personal data' });
  await expect(emailMark).toBeChecked();
  await expect(emailMark).toBeDisabled();

  // A set-variable module between the NPS question and the WebService, with two rows.
  await flowbench.selectNode('ask-nps');
  await flowbench.addByClick('Set variable');
  const setVariable = await flowbench.selectedNodeId();
  await flowbench.connect('ask-nps', setVariable);
  await flowbench.connect(setVariable, 'crm-lookup');
  await flowbench.selectNode(setVariable);
  await flowbench.inspector.getByLabel('Variable 1').fill('card_holder');
  await flowbench.inspector.getByRole('button', { name: 'Add assignment' }).click();
  await flowbench.inspector.getByLabel('Variable 2').fill('favourite_colour');
  await flowbench.inspector
    .getByRole('group', { name: 'Assignment 1' })
    .getByRole('checkbox', { name: 'Personal data' })
    .check();

  await flowbench.selectNode('crm-lookup');
  const personalDataSent = page.getByRole('region', { name: 'Personal data sent' });
  await expect(personalDataSent).toContainText('card_holder marked Personal data');
  await expect(personalDataSent).not.toContainText('favourite_colour');
});
