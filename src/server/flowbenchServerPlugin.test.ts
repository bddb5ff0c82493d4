import { describe, expect, it } from 'vitest';
import { apiOptionsForVite } from './flowbenchServerPlugin';

describe('apiOptionsForVite', () => {
  it('runs the dev and preview servers in local mode on loopback', () => {
    expect(apiOptionsForVite('127.0.0.1', undefined, {}).targetPolicy?.mode).toBe('local');
    expect(apiOptionsForVite(undefined, undefined, {}).targetPolicy?.mode).toBe('local');
  });

  it('makes a Vite server reachable from the network a shared one, as npm start does', () => {
    expect(apiOptionsForVite(true, undefined, {}).targetPolicy?.mode).toBe('shared');
    expect(apiOptionsForVite('0.0.0.0', undefined, {}).targetPolicy?.mode).toBe('shared');
    expect(
      apiOptionsForVite('127.0.0.1', undefined, { FLOWBENCH_MODE: 'shared' }).targetPolicy?.mode,
    ).toBe('shared');
  });

  it('refuses settings npm start would refuse', () => {
    expect(() => apiOptionsForVite('0.0.0.0', undefined, { FLOWBENCH_MODE: 'local' })).toThrow(
      /FLOWBENCH_MODE=local/,
    );
  });
});
