import { describe, expect, it } from 'vitest';
import { extractPlaceholders } from './extractPlaceholders';

describe('extractPlaceholders', () => {
  it('finds the names in {{placeholders}}, in order of first appearance', () => {
    expect(extractPlaceholders('Hi {{firstname}}, your tier is {{customer_tier}}.')).toEqual([
      'firstname',
      'customer_tier',
    ]);
  });

  it('lists a name used twice once', () => {
    expect(extractPlaceholders('{{a}} and {{b}} and {{a}} again')).toEqual(['a', 'b']);
  });

  it('allows spaces inside the braces', () => {
    expect(extractPlaceholders('Hello {{ firstname }}!')).toEqual(['firstname']);
  });

  it.each(['No placeholders here', '{{}}', '{{  }}', '{single}', '{{two words}}', ''])(
    'finds nothing in %j',
    (text) => {
      expect(extractPlaceholders(text)).toEqual([]);
    },
  );
});
