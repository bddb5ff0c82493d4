import { describe, expect, it } from 'vitest';
import { fallbackModuleName, moduleDisplayName } from './moduleDisplayName';

describe('moduleDisplayName', () => {
  it('is the name the author gave the module', () => {
    expect(moduleDisplayName({ id: 'ask-email', type: 'question', name: 'Ask for email' })).toBe(
      'Ask for email',
    );
  });

  it('falls back to the kind and id without a name', () => {
    expect(moduleDisplayName({ id: 'ask-email', type: 'question' })).toBe('Question ask-email');
    expect(moduleDisplayName({ id: 'crm', type: 'web-service' })).toBe('WebService crm');
    expect(moduleDisplayName({ id: 'x', type: 'set-variable', name: '' })).toBe('Set variable x');
  });

  it('treats a blank name as no name', () => {
    expect(moduleDisplayName({ id: 'welcome', type: 'message', name: '   ' })).toBe(
      'Message welcome',
    );
    expect(fallbackModuleName({ id: 'welcome', type: 'message' })).toBe('Message welcome');
  });
});
