import { describe, expect, it } from 'vitest';
import { mergeTestValues } from './mergeTestValues';
import { emptyTestBench } from '../domain/webservice/testBenchRecords';

const base = emptyTestBench('f', 'n');

describe('mergeTestValues', () => {
  it('takes the stored fields, keeps the ones only this tab changed, and the stored revision', () => {
    const mine = { ...base, sampleOverrides: { email: 'b@example.org' } };
    const stored = { ...base, rawBody: '{"a":1}', revision: 4 };

    expect(mergeTestValues(base, mine, stored)).toEqual({
      bench: { ...stored, sampleOverrides: { email: 'b@example.org' } },
      replaced: [],
    });
  });

  it('keeps the stored value of a field both changed and names it', () => {
    const mine = { ...base, rawBody: '{"b":1}', timeoutMs: 300 };
    const stored = { ...base, rawBody: '{"a":1}', timeoutMs: 300, revision: 1 };

    expect(mergeTestValues(base, mine, stored)).toEqual({ bench: stored, replaced: ['raw body'] });
  });

  it('keeps samples of different variables edited in two tabs, and the stored one of the same', () => {
    const mine = {
      ...base,
      sampleOverrides: { email: 'mine@example.org', nps_score: '3' },
      omittedVariables: ['city'],
    };
    const stored = {
      ...base,
      sampleOverrides: { firstname: 'Ada', nps_score: '9' },
      omittedVariables: ['zip'],
      revision: 2,
    };

    const merged = mergeTestValues(base, mine, stored);

    expect(merged.bench.sampleOverrides).toEqual({
      email: 'mine@example.org',
      firstname: 'Ada',
      nps_score: '9',
    });
    expect(merged.bench.omittedVariables.toSorted()).toEqual(['city', 'zip']);
    expect(merged.bench.revision).toBe(2);
    expect(merged.replaced).toEqual(['sample values']);
  });

  it('drops a variable another tab sent again, and keeps one this tab sent again', () => {
    const left = { ...base, omittedVariables: ['city', 'zip'] };
    const mine = { ...left, omittedVariables: ['zip', 'phone'] };
    const stored = { ...left, omittedVariables: ['city', 'zip'], rawBody: 'x', revision: 3 };

    expect(mergeTestValues(left, mine, stored).bench.omittedVariables.toSorted()).toEqual([
      'phone',
      'zip',
    ]);
  });
});
