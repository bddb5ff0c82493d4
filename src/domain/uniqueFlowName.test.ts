import { describe, expect, it } from 'vitest';
import { uniqueFlowName } from './uniqueFlowName';

describe('uniqueFlowName', () => {
  it('keeps a name no flow has', () => {
    expect(uniqueFlowName('NPS survey', ['Onboarding'])).toBe('NPS survey');
    expect(uniqueFlowName('Untitled flow', [])).toBe('Untitled flow');
  });

  it('numbers a taken name from 2', () => {
    expect(uniqueFlowName('NPS survey', ['NPS survey'])).toBe('NPS survey 2');
    expect(uniqueFlowName('Untitled flow', ['Untitled flow', 'Untitled flow 2'])).toBe(
      'Untitled flow 3',
    );
  });

  it('takes the first free number', () => {
    expect(uniqueFlowName('Untitled flow', ['Untitled flow', 'Untitled flow 3'])).toBe(
      'Untitled flow 2',
    );
  });

  it('counts on from a number the name already has', () => {
    expect(uniqueFlowName('Survey 2', ['Survey', 'Survey 2'])).toBe('Survey 3');
  });

  it('compares as a person reads the list: ignoring case and surrounding blanks', () => {
    expect(uniqueFlowName('nps survey ', ['NPS survey'])).toBe('nps survey 2');
  });
});
