import { describe, expect, it } from 'vitest';
import { flowSettingsSchema, isApprovedHost, normalizeApprovedHost } from './flowSettingsSchema';
import { parseFlowFile } from './parseFlowFile';

describe('normalizeApprovedHost', () => {
  it('writes hosts as a URL parser does, so they compare with WebService hosts', () => {
    expect(normalizeApprovedHost('  API.Example.org ')).toBe('api.example.org');
    expect(normalizeApprovedHost('api.example.org:8443')).toBe('api.example.org:8443');
    expect(normalizeApprovedHost('https://api.example.org/hook')).toBe('api.example.org');
    expect(normalizeApprovedHost('https://api.example.org:443/hook')).toBe('api.example.org');
    expect(normalizeApprovedHost('*.Example.org')).toBe('*.example.org');
    expect(normalizeApprovedHost('bücher.example')).toBe('xn--bcher-kva.example');
    expect(normalizeApprovedHost('[::1]:8080')).toBe('[::1]:8080');
  });

  it('refuses what is not a host', () => {
    for (const text of [
      '',
      ' ',
      'api.example.org/hook',
      'two words',
      'user@host',
      'ftp://x.org',
      '*.example.org:80',
    ]) {
      expect(normalizeApprovedHost(text), text).toBeNull();
    }
  });
});

describe('flowSettingsSchema', () => {
  it('defaults to no approved hosts and lists each host once', () => {
    expect(flowSettingsSchema.parse({})).toEqual({ approvedHosts: [] });
    expect(
      flowSettingsSchema.parse({
        approvedHosts: ['a.example.org', 'A.example.org', 'b.example.org'],
      }),
    ).toEqual({ approvedHosts: ['a.example.org', 'b.example.org'] });
  });

  it('names the entry that is not a host', () => {
    const parsed = flowSettingsSchema.safeParse({ approvedHosts: ['ok.example.org', 'no way'] });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('"no way" is not a host name');
    expect(parsed.error?.issues[0]?.path).toEqual(['approvedHosts', 1]);
  });
});

describe('isApprovedHost', () => {
  it('admits a host by name on any port, or by name and port when the entry has one', () => {
    expect(isApprovedHost('api.example.org', ['api.example.org'])).toBe(true);
    expect(isApprovedHost('api.example.org:8443', ['api.example.org'])).toBe(true);
    expect(isApprovedHost('api.example.org:8443', ['api.example.org:8443'])).toBe(true);
    expect(isApprovedHost('api.example.org', ['api.example.org:8443'])).toBe(false);
    expect(isApprovedHost('[::1]:8080', ['[::1]'])).toBe(true);
    expect(isApprovedHost('[::1]:8080', ['[::1]:9090'])).toBe(false);
  });

  it('admits subdomains for a wildcard, not the domain itself or look-alikes', () => {
    expect(isApprovedHost('crm.example.org', ['*.example.org'])).toBe(true);
    expect(isApprovedHost('a.b.example.org:81', ['*.example.org'])).toBe(true);
    expect(isApprovedHost('example.org', ['*.example.org'])).toBe(false);
    expect(isApprovedHost('evilexample.org', ['*.example.org'])).toBe(false);
    expect(isApprovedHost('example.org.evil.net', ['example.org'])).toBe(false);
  });
});

describe('approved hosts in the flow file', () => {
  const fileWith = (settings: unknown) =>
    JSON.stringify({
      schemaVersion: 1,
      id: 'flow-file',
      name: 'File',
      settings,
      nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 } }],
    });

  it('reads them back as written, and a file without settings as approving none', () => {
    const withHosts = parseFlowFile(
      fileWith({ approvedHosts: ['crm.example.org', '*.example.net'] }),
    );
    const without = parseFlowFile(fileWith(undefined));

    expect(withHosts.ok && withHosts.flow.settings).toEqual({
      approvedHosts: ['crm.example.org', '*.example.net'],
    });
    expect(without.ok && without.flow.settings).toEqual({ approvedHosts: [] });
  });

  it('refuses a file whose approved host is not a host, saying where', () => {
    const parsed = parseFlowFile(fileWith({ approvedHosts: ['crm.example.org/path'] }));

    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).toContain('settings.approvedHosts[0]');
  });
});
