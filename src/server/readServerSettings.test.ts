import { describe, expect, it } from 'vitest';
import { describeServerStart, readServerSettings } from './readServerSettings';

function settingsOf(environment: Record<string, string | undefined>, machineHostName = '') {
  const read = readServerSettings(environment, machineHostName);
  if (!read.ok) throw new Error(read.error);
  return read.settings;
}

describe('readServerSettings', () => {
  it.each([
    [{}, 'local'],
    [{ HOST: 'localhost' }, 'local'],
    [{ HOST: '::1' }, 'local'],
    [{ HOST: '127.0.0.2', FLOWBENCH_MODE: 'local' }, 'local'],
    [{ HOST: '127.0.0.1', FLOWBENCH_MODE: 'shared' }, 'shared'],
    [{ HOST: '0.0.0.0' }, 'shared'],
    [{ HOST: '::' }, 'shared'],
    [{ HOST: '192.168.1.20' }, 'shared'],
    [{ HOST: 'flowbench.lan' }, 'shared'],
  ])('%j runs in %s mode', (environment, mode) => {
    expect(settingsOf(environment).targetPolicy.mode).toBe(mode);
  });

  it.each([
    [{ HOST: '0.0.0.0', FLOWBENCH_MODE: 'local' }, /needs a loopback HOST/],
    [{ FLOWBENCH_MODE: 'open' }, /"local" or "shared"/],
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ FLOWBENCH_ALLOW_TARGETS: '10.0.0.0/40' }, /FLOWBENCH_ALLOW_TARGETS/],
    [{ FLOWBENCH_MAX_CALLS: '0' }, /FLOWBENCH_MAX_CALLS/],
    [{ FLOWBENCH_MAX_CALLS: 'many' }, /FLOWBENCH_MAX_CALLS/],
    [{ FLOWBENCH_MAX_CALLS: '20,4,0' }, /FLOWBENCH_MAX_CALLS/],
    [{ FLOWBENCH_MAX_CALLS: '20,4,8,2' }, /FLOWBENCH_MAX_CALLS/],
  ])('%j stops the server with a message', (environment, error) => {
    const read = readServerSettings(environment);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toMatch(error);
  });

  it('reads the allow-list and the caps on calls in flight', () => {
    const settings = settingsOf({
      HOST: '0.0.0.0',
      FLOWBENCH_ALLOW_TARGETS: 'crm.internal, 10.20.0.0/16',
      FLOWBENCH_MAX_CALLS: '20,4',
    });
    expect(settings.targetPolicy).toMatchObject({
      allowedHostNames: ['crm.internal'],
      allowedRanges: ['10.20.0.0/16'],
    });
    expect(settings.callsInFlightCaps).toEqual({ perServer: 20, perSession: 4, perAddress: 10 });
    expect(settingsOf({}).callsInFlightCaps).toEqual({
      perServer: 50,
      perSession: 10,
      perAddress: 10,
    });
    expect(settingsOf({ FLOWBENCH_MAX_CALLS: '5' }).callsInFlightCaps).toEqual({
      perServer: 5,
      perSession: 5,
      perAddress: 5,
    });
    expect(settingsOf({ FLOWBENCH_MAX_CALLS: '40, 8, 16' }).callsInFlightCaps).toEqual({
      perServer: 40,
      perSession: 8,
      perAddress: 16,
    });
  });

  it('serves a named HOST, or the machine name behind a wildcard', () => {
    expect(settingsOf({ HOST: 'Flowbench.lan' }).extraHostNames).toEqual(['flowbench.lan']);
    expect(settingsOf({ HOST: 'fd12::20' }).extraHostNames).toEqual(['[fd12::20]']);
    expect(settingsOf({ HOST: '0.0.0.0' }, 'DemoBox').extraHostNames).toEqual(['demobox']);
  });

  it('says at start which mode it runs in and what it allows', () => {
    const local = describeServerStart(settingsOf({}), 'http://127.0.0.1:4173').join('\n');
    expect(local).toMatch(/local mode/);
    expect(local).toMatch(/loopback and private networks included/);
    expect(local).toMatch(/at most 50 per server and 10 per page \(/);

    const shared = describeServerStart(
      settingsOf({ HOST: '0.0.0.0', FLOWBENCH_ALLOW_TARGETS: 'crm.internal' }, 'demobox'),
      'http://0.0.0.0:4173',
      ['192.168.1.20'],
    ).join('\n');
    expect(shared).toMatch(/shared mode/);
    expect(shared).toContain('http://demobox:4173 or http://192.168.1.20:4173');
    expect(shared).toMatch(
      /loopback, private.* are refused \(FLOWBENCH_ALLOW_TARGETS admits crm\.internal\)/,
    );
    expect(shared).toMatch(/cloud metadata addresses are always refused/);
    expect(shared).toMatch(/at most 50 per server and 10 per page, and 10 per client address/);
  });
});
