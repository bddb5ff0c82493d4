import { describe, expect, it } from 'vitest';
import { mergeTestValues } from './mergeTestValues';
import { emptyTestBench } from './testBenchRepository';

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
});
