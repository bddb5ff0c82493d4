import { describe, expect, it } from 'vitest';
import { createSessionTokens } from './createSessionTokens';

describe('session tokens', () => {
  it('recognise the tokens this server issued, again and again', () => {
    const tokens = createSessionTokens();
    const token = tokens.issue();
    expect(tokens.isGenuine(token)).toBe(true);
    expect(tokens.isGenuine(token)).toBe(true);
  });

  it('refuse a forged or altered token, also after a genuine one was verified', () => {
    const tokens = createSessionTokens();
    const token = tokens.issue();
    expect(tokens.isGenuine(token)).toBe(true);
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(tokens.isGenuine(altered)).toBe(false);
    expect(tokens.isGenuine('')).toBe(false);
    expect(tokens.isGenuine(createSessionTokens().issue())).toBe(false);
  });
});
