import { describe, expect, it } from 'vitest';
import { customerVariables } from '../customerVariables';
import {
  classifyPersonalVariables,
  describePersonalReasons,
  personalVariablesOf,
} from './personalVariables';
import { personalDataSent, privacyContextOf } from './personalDataSent';
import { ask, assign, call, chainOf, node } from './testFlows';

const reasonsOf = (flow: ReturnType<typeof chainOf>, name: string) =>
  describePersonalReasons(classifyPersonalVariables(flow).reasons.get(name) ?? []);

describe('classifyPersonalVariables', () => {
  it('counts the customer profile fields as personal, each with its category', () => {
    const personal = classifyPersonalVariables(chainOf([]));

    expect(personal.customerFields).toEqual(customerVariables.map((field) => field.name));
    expect(reasonsOf(chainOf([]), 'street')).toBe('customer profile (address)');
    expect(reasonsOf(chainOf([]), 'consent_double_opt_in_sms')).toBe('customer profile (consent)');
    expect(reasonsOf(chainOf([]), 'firstname')).toBe('customer profile (name)');
  });

  it('counts an email answer as personal without a mark', () => {
    const flow = chainOf([ask('ask-mail', 'work_email', { inputType: 'email' })]);

    expect(classifyPersonalVariables(flow).setInFlow).toEqual(new Set(['work_email']));
    expect(reasonsOf(flow, 'work_email')).toBe('email question (Question ask-mail)');
  });

  it('counts answers and assignments only when the author marked them Personal data', () => {
    const flow = chainOf([
      ask('ask-size', 'shoe_size'),
      node('ask-iban', 'question', { variable: 'iban', personalData: true }, 'Ask IBAN'),
      assign('card', [
        { variable: 'card_holder', personalData: true },
        { variable: 'card_colour', personalData: false },
      ]),
    ]);
    const personal = classifyPersonalVariables(flow);

    expect(personal.setInFlow).toEqual(new Set(['iban', 'card_holder']));
    expect(reasonsOf(flow, 'iban')).toBe('marked Personal data (Ask IBAN)');
    expect(reasonsOf(flow, 'card_holder')).toBe('marked Personal data (Set variable set-card)');
    expect(personal.reasons.has('shoe_size')).toBe(false);
    expect(personal.reasons.has('card_colour')).toBe(false);
  });

  it('ignores a mark on a question without a variable', () => {
    const flow = chainOf([node('ask', 'question', { personalData: true })]);

    expect(classifyPersonalVariables(flow).setInFlow.size).toBe(0);
  });

  it('keeps every reason of a variable set personal in several ways', () => {
    const flow = chainOf([
      ask('ask-mail', 'email', { inputType: 'email' }),
      assign('copy', [{ variable: 'email', personalData: true }]),
    ]);

    expect(reasonsOf(flow, 'email')).toBe(
      'customer profile (email); email question (Question ask-mail); marked Personal data (Set variable set-copy)',
    );
  });

  it('loads a file written before the Personal data mark existed as unmarked', () => {
    const flow = chainOf([node('ask', 'question', { variable: 'nickname' })]);
    const question = flow.nodes.find((candidate) => candidate.id === 'ask');

    expect(question?.type === 'question' && question.data.personalData).toBe(false);
    expect(flow.settings.approvedHosts).toEqual([]);
  });
});

describe('personalDataSent', () => {
  it('lists the profile and the personal variables set before the call, not after it', () => {
    const flow = chainOf([
      ask('ask-mail', 'work_email', { inputType: 'email' }),
      call('first', 'https://crm.example.org/hook'),
      node('ask-iban', 'question', { variable: 'iban', personalData: true }),
      call('second', 'http://127.0.0.1:9/hook'),
    ]);
    const context = privacyContextOf(flow, []);

    const first = personalDataSent('first', 'https://crm.example.org/hook', context);
    const second = personalDataSent('second', 'http://127.0.0.1:9/hook', context);

    expect(first.variables.map((variable) => variable.name)).toEqual([
      'work_email',
      ...customerVariables.map((field) => field.name).sort(),
    ]);
    expect(second.variables.slice(0, 2).map((variable) => variable.name)).toEqual([
      'iban',
      'work_email',
    ]);
    expect(first.target).toEqual({ host: 'crm.example.org', secure: true, loopback: false });
    expect(second.target).toEqual({ host: '127.0.0.1:9', secure: false, loopback: true });
    expect(first.approved).toBeNull();
  });

  it('lists a personal variable once when the flow sets a profile field itself', () => {
    const flow = chainOf([
      ask('ask-mail', 'email', { inputType: 'email' }),
      call('hook', 'https://crm.example.org/hook'),
    ]);

    const sent = personalDataSent(
      'hook',
      'https://crm.example.org/hook',
      privacyContextOf(flow, []),
    );
    const names = sent.variables.map((variable) => variable.name);

    expect(names.filter((name) => name === 'email')).toHaveLength(1);
    expect(names[0]).toBe('email');
  });

  it('says whether the host is approved once the flow lists any', () => {
    const flow = chainOf([call('hook', 'https://crm.example.org/hook')]);

    const approved = privacyContextOf(flow, ['*.example.org']);
    const other = privacyContextOf(flow, ['api.example.net']);

    expect(personalDataSent('hook', 'https://crm.example.org/hook', approved).approved).toBe(true);
    expect(personalDataSent('hook', 'https://crm.example.org/hook', other).approved).toBe(false);
    expect(personalDataSent('hook', '', other)).toMatchObject({ target: null, approved: null });
  });
});

describe('personalVariablesOf (shared between the problems check and the panels)', () => {
  const withNode = (flow: ReturnType<typeof chainOf>, id: string, change: object) => ({
    ...flow,
    nodes: flow.nodes.map((entry) => (entry.id === id ? { ...entry, ...change } : entry)),
  });

  it('keeps its answer while only a URL changes, and works it out again for a new mark', () => {
    const flow = chainOf([ask('ask-size', 'shoe_size'), call('hook', 'https://api.example.org/')]);
    const first = personalVariablesOf(flow);
    const hook = flow.nodes.find((entry) => entry.id === 'hook')!;
    const newUrl = withNode(flow, 'hook', { data: { ...hook.data, url: 'https://x.example/' } });
    expect(personalVariablesOf(newUrl)).toBe(first);

    const askSize = flow.nodes.find((entry) => entry.id === 'ask-size')!;
    const marked = withNode(flow, 'ask-size', { data: { ...askSize.data, personalData: true } });
    expect(personalVariablesOf(marked).setInFlow).toEqual(new Set(['shoe_size']));

    const renamed = withNode(marked, 'ask-size', { name: 'Ask shoe size' });
    expect(
      describePersonalReasons(personalVariablesOf(renamed).reasons.get('shoe_size') ?? []),
    ).toBe('marked Personal data (Ask shoe size)');
  });
});
