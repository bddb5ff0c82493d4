import { describe, expect, it } from 'vitest';
import { fillSampleTemplates } from './fillSampleTemplates';

describe('fillSampleTemplates', () => {
  it('fills placeholders from the other values, the edited ones included', () => {
    expect(
      fillSampleTemplates({
        nps_score: '7',
        firstname: 'Ann',
        coupon_code: 'SAVE{{nps_score}}-{{ firstname }}-{{unknown}}',
      }),
    ).toEqual({ nps_score: '7', firstname: 'Ann', coupon_code: 'SAVE7-Ann-{{unknown}}' });
  });

  it('resolves chains in any order', () => {
    expect(fillSampleTemplates({ c: '{{b}}!', b: '{{a}}-1', a: 'x' })).toEqual({
      a: 'x',
      b: 'x-1',
      c: 'x-1!',
    });
  });

  it('stops on a cycle instead of looping forever', () => {
    const filled = fillSampleTemplates({ a: '{{b}}', b: '{{a}}' });

    expect(Object.keys(filled)).toEqual(['a', 'b']);
    expect(filled.a).toMatch(/\{\{[ab]\}\}/);
  });

  it('leaves values without placeholders as they are', () => {
    const values = { email: 'john.smith@example.org', nps_score: '10' };
    expect(fillSampleTemplates(values)).toEqual(values);
  });
});
