import { describe, expect, it } from 'vitest';
import { extractPlaceholders, fillPlaceholders } from './extractPlaceholders';

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

  it('returns a malformed name as written, so it can be reported', () => {
    expect(extractPlaceholders('Hi {{ First Name }} and {{e-mail}}')).toEqual([
      'First Name',
      'e-mail',
    ]);
  });

  it.each(['No placeholders here', '{{}}', '{{  }}', '{single}', ''])(
    'finds nothing in %j',
    (text) => {
      expect(extractPlaceholders(text)).toEqual([]);
    },
  );
});

describe('fillPlaceholders', () => {
  it('replaces known names, trimmed, and leaves unknown ones as written', () => {
    expect(
      fillPlaceholders('Hi {{ firstname }}, {{nope}} {{firstname}}!', { firstname: 'Ann' }),
    ).toBe('Hi Ann, {{nope}} Ann!');
  });
});
