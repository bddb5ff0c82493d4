import type { LookupAddress, LookupOptions } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkTargetAddress,
  checkTargetUrl,
  createTargetLookup,
  localTargetPolicy,
  TargetRefusedError,
  type ResolveHostName,
} from './targetPolicy';
import { startFlowbench, startUpstream, type Flowbench, type Upstream } from './testServers';

/** A resolver with a fixed table instead of DNS, so no system file needs editing. */
const hostTable: Record<string, LookupAddress[]> = {
  'metadata-alias.test': [{ address: '169.254.169.254', family: 4 }],
  'mapped-alias.test': [{ address: '::ffff:169.254.169.254', family: 6 }],
  'mixed-alias.test': [
    { address: '127.0.0.1', family: 4 },
    { address: 'fd00:ec2::254', family: 6 },
  ],
  'upstream.test': [{ address: '127.0.0.1', family: 4 }],
};
const resolveFromTable: ResolveHostName = (hostName, _options, callback) => {
  const addresses = hostTable[hostName];
  if (addresses) callback(null, addresses);
  else
    callback(
      Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostName}`), { code: 'ENOTFOUND' }),
      [],
    );
};

function lookUp(hostName: string, options: LookupOptions) {
  const lookup = createTargetLookup(localTargetPolicy, resolveFromTable);
  return new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }>(
    (resolve) =>
      lookup(hostName, options, (error, address, family) => resolve({ error, address, family })),
  );
}

describe('checkTargetUrl', () => {
  it.each([
    ['not a url', /not a valid URL/],
    ['ftp://127.0.0.1/file', /Only http and https.*ftp:/],
    ['file:///etc/passwd', /Only http and https/],
    ['http://user:secret@127.0.0.1/', /user name or password/],
    ['http://:secret@127.0.0.1/', /user name or password/],
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is the cloud metadata/],
    ['http://2852039166/', /169\.254\.169\.254/],
    ['http://0xa9.0xfe.0xa9.0xfe/', /169\.254\.169\.254/],
    ['http://169.254.169.254./', /169\.254\.169\.254/],
    ['http://[::ffff:169.254.169.254]/', /169\.254\.169\.254, the cloud metadata/],
    ['http://[fd00:ec2::254]/', /fd00:ec2::254 is the cloud metadata/],
    ['http://[64:ff9b::169.254.169.254]/', /169\.254\.169\.254/],
    ['http://metadata.google.internal/computeMetadata/v1/', /cloud metadata/],
    ['http://METADATA.google.internal./', /cloud metadata/],
    ['http://metadata/', /cloud metadata/],
  ])('refuses %s', (url, reason) => {
    const check = checkTargetUrl(url, localTargetPolicy);
    expect(check.allowed).toBe(false);
    expect(!check.allowed && check.reason).toMatch(reason);
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/',
    'http://[::1]:3000/',
    'http://10.0.0.5/',
    'http://192.168.1.2/',
    'https://example.org/api',
    'http://169.254.169.253/',
  ])('allows %s in local mode', (url) => {
    expect(checkTargetUrl(url, localTargetPolicy).allowed).toBe(true);
  });

  it('refuses more ranges when a stricter policy lists them', () => {
    const shared = {
      ...localTargetPolicy,
      refusedRanges: [
        ...localTargetPolicy.refusedRanges,
        { cidr: '127.0.0.0/8', description: 'this machine' },
      ],
    };
    expect(checkTargetAddress('127.0.0.1', shared)).toMatch(/this machine/);
    expect(checkTargetAddress('::ffff:127.0.0.1', shared)).toMatch(/this machine/);
  });
});

describe('the connect-time lookup', () => {
  it.each([
    ['metadata-alias.test', /resolves to 169\.254\.169\.254, the cloud metadata/],
    ['mapped-alias.test', /cloud metadata/],
    ['mixed-alias.test', /fd00:ec2::254/],
    ['metadata.google.internal', /cloud metadata/],
  ])('refuses %s', async (hostName, reason) => {
    for (const all of [false, true]) {
      const { error } = await lookUp(hostName, { all });
      expect(error).toBeInstanceOf(TargetRefusedError);
      expect(error?.message).toMatch(reason);
    }
  });

  it('answers allowed names in the shape the caller asked for', async () => {
    expect(await lookUp('upstream.test', { all: false })).toEqual({
      error: null,
      address: '127.0.0.1',
      family: 4,
    });
    const all = await lookUp('upstream.test', { all: true });
    expect(all.address).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('passes DNS errors on', async () => {
    const { error } = await lookUp('unknown.test', {});
    expect(error).not.toBeInstanceOf(TargetRefusedError);
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('rejected targets through the route', () => {
  let flowbench: Flowbench;
  let target: Upstream;
  beforeAll(async () => {
    flowbench = await startFlowbench({ resolveHostName: resolveFromTable });
    target = await startUpstream((_request, response) => response.end('{}'));
  });
  afterAll(async () => {
    await flowbench.close();
    await target.close();
  });

  it.each([
    'ftp://127.0.0.1/',
    'http://user:pass@127.0.0.1/',
    'http://169.254.169.254/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fd00:ec2::254]/',
    'http://metadata.google.internal/',
  ])('answers rejected for %s without calling anything', async (url) => {
    const before = target.hits();
    const result = await flowbench.test({ url, body: '{}', timeoutMs: 500 });
    expect(result.outcome).toBe('rejected');
    expect(target.hits()).toBe(before);
  });

  it('rejects a host name that resolves to the metadata address, naming the address', async () => {
    const port = new URL(target.url).port;
    const result = await flowbench.test({
      url: `http://metadata-alias.test:${port}/`,
      body: '{}',
      timeoutMs: 500,
    });
    expect(result).toMatchObject({ outcome: 'rejected' });
    expect(result.outcome === 'rejected' && result.reason).toContain('169.254.169.254');
  });

  it('connects to a harmless host name through the same lookup', async () => {
    const before = target.hits();
    const port = new URL(target.url).port;
    const result = await flowbench.test({
      url: `http://upstream.test:${port}/`,
      body: '{}',
      timeoutMs: 500,
    });
    expect(result.outcome).toBe('ok');
    expect(target.hits()).toBe(before + 1);
    expect(target.received.at(-1)?.headers.host).toBe(`upstream.test:${port}`);
  });

  it('rejects an Authorization value that cannot be a header, without calling', async () => {
    const before = target.hits();
    const result = await flowbench.test({
      url: target.url,
      authorization: 'Bearer a\r\nX-Injected: 1',
      body: '{}',
      timeoutMs: 500,
    });
    expect(result).toMatchObject({ outcome: 'rejected' });
    expect(result.outcome === 'rejected' && result.reason).toContain('Authorization');
    expect(target.hits()).toBe(before);
  });
});
