import type { LookupAddress, LookupOptions } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admitOwnDemoEndpoints,
  checkTargetUrl,
  createTargetLookup,
  describeTargetPolicy,
  localTargetPolicy,
  parseAllowedTargets,
  TargetRefusedError,
  type ResolveHostName,
  type TargetPolicy,
} from './targetPolicy';
import { startFlowbench, startUpstream, type Flowbench, type Upstream } from './testServers';

/*
 * Addresses off this machine appear here only where the policy refuses them before any socket
 * opens (checkTargetUrl, or a lookup that answers with an error), or as fake resolver answers
 * that are refused before connecting. Every call that connects goes to 127.0.0.1.
 */

const sharedTargetPolicy: TargetPolicy = { ...localTargetPolicy, mode: 'shared' };

/** A resolver with a fixed table instead of DNS, so no system file needs editing. */
const hostTable: Record<string, LookupAddress[]> = {
  'metadata-alias.test': [{ address: '169.254.169.254', family: 4 }],
  'ecs-alias.test': [{ address: '169.254.170.2', family: 4 }],
  'mapped-alias.test': [{ address: '::ffff:169.254.169.254', family: 6 }],
  'mixed-alias.test': [
    { address: '93.184.215.14', family: 4 },
    { address: 'fd00:ec2::254', family: 6 },
  ],
  'public-then-private.test': [
    { address: '93.184.215.14', family: 4 },
    { address: '10.0.0.1', family: 4 },
  ],
  'private-alias.test': [{ address: '127.0.0.1', family: 4 }],
  'crm.internal': [{ address: '10.20.0.5', family: 4 }],
  'upstream.test': [{ address: '127.0.0.1', family: 4 }],
  'dual-stack.test': [
    { address: '::1', family: 6 },
    { address: '127.0.0.1', family: 4 },
  ],
  localhost: [{ address: '127.0.0.1', family: 4 }],
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

function lookUp(hostName: string, options: LookupOptions, policy = localTargetPolicy) {
  const lookup = createTargetLookup(policy, resolveFromTable);
  return new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }>(
    (resolve) =>
      lookup(hostName, options, (error, address, family) => resolve({ error, address, family })),
  );
}

function refusalOf(url: string, policy: TargetPolicy): string | null {
  const check = checkTargetUrl(url, policy);
  return check.allowed ? null : check.reason;
}

describe('checkTargetUrl', () => {
  it.each([
    ['not a url', /not a valid URL/],
    ['ftp://127.0.0.1/file', /Only http and https.*ftp:/],
    ['file:///etc/passwd', /Only http and https/],
    ['http://user:secret@127.0.0.1/', /user name or password/],
    ['http://:secret@127.0.0.1/', /user name or password/],
  ])('refuses %s', (url, reason) => {
    expect(refusalOf(url, localTargetPolicy)).toMatch(reason);
  });

  const metadataSpellings = [
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/',
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://0251.0376.0251.0376/',
    'http://169.254.43518/',
    'http://169.254.169.254./',
    'http://[::ffff:169.254.169.254]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[64:ff9b::169.254.169.254]/',
    'http://[2002:a9fe:a9fe::]/',
    'http://[::169.254.169.254]/',
    'http://169.254.170.2/v2/credentials',
    'http://169.254.169.253/',
    'http://100.100.100.200/latest/meta-data/',
    'http://192.0.0.192/opc/v2/',
    'http://[fd00:ec2::254]/',
    'http://[FD00:EC2:0:0:0:0:0:23]/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://METADATA.google.internal./',
    'http://metadata/',
  ];
  it.each(
    metadataSpellings.flatMap((url) => [
      [url, 'local'],
      [url, 'shared'],
    ]),
  )('refuses the cloud metadata address %s in %s mode', (url, mode) => {
    const policy = mode === 'local' ? localTargetPolicy : sharedTargetPolicy;
    expect(refusalOf(url, policy)).toMatch(/cloud metadata/);
  });

  it.each([
    ['http://127.0.0.1:8080/', /127\.0\.0\.1 is this machine/],
    ['http://127.1/', /127\.0\.0\.1 is this machine/],
    ['http://2130706433/', /127\.0\.0\.1 is this machine/],
    ['http://0x7f.0.0.1/', /127\.0\.0\.1 is this machine/],
    ['http://0177.0.0.1/', /127\.0\.0\.1 is this machine/],
    ['http://[::1]/', /::1 is this machine/],
    ['http://[::ffff:127.0.0.1]/', /\(127\.0\.0\.1\) is this machine/],
    ['http://[::127.0.0.1]/', /127\.0\.0\.1\) is this machine/],
    ['http://[64:ff9b::127.0.0.1]/', /127\.0\.0\.1\) is this machine/],
    ['http://[2002:7f00:1::]/', /127\.0\.0\.1\) is this machine/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://0/', /unspecified/],
    ['http://[::]/', /unspecified/],
    ['http://10.0.0.1/', /private network/],
    ['http://172.16.5.4/', /private network/],
    ['http://172.31.255.255/', /private network/],
    ['http://192.168.1.2/', /private network/],
    ['http://[2002:c0a8:101::]/', /192\.168\.1\.1\) is a private network/],
    ['http://[64:ff9b::10.0.0.1]/', /private network/],
    ['http://100.64.0.1/', /carrier-grade NAT/],
    ['http://169.254.1.1/', /link-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://[fd12:3456::1]/', /unique-local/],
    ['http://224.0.0.1/', /multicast/],
    ['http://255.255.255.255/', /broadcast/],
    ['http://240.0.0.1/', /special-purpose/],
    ['http://192.0.2.1/', /special-purpose/],
    ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', /special-purpose address \(teredo\)/],
  ])('shared mode refuses %s', (url, reason) => {
    const refusal = refusalOf(url, sharedTargetPolicy);
    expect(refusal).toMatch(reason);
    expect(refusal).toMatch(/FLOWBENCH_ALLOW_TARGETS can admit it/);
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://127.1/',
    'http://localhost/',
    'http://[::1]:3000/',
    'http://10.0.0.5/',
    'http://192.168.1.2/',
    'http://100.64.0.1/',
    'https://example.org/api',
  ])('allows %s in local mode', (url) => {
    expect(refusalOf(url, localTargetPolicy)).toBeNull();
  });

  it.each([
    'https://example.org/api',
    'http://93.184.215.14/',
    'http://[2606:4700::1111]/',
    'http://[64:ff9b::93.184.215.14]/',
  ])('shared mode allows the public target %s', (url) => {
    expect(refusalOf(url, sharedTargetPolicy)).toBeNull();
  });
});

describe('remembered verdicts', () => {
  it('are kept per policy: one URL is judged by each policy on its own', () => {
    const url = 'http://10.0.0.5/hook';
    expect(refusalOf(url, localTargetPolicy)).toBeNull();
    expect(refusalOf(url, sharedTargetPolicy)).toMatch(/private/i);
    expect(refusalOf(url, localTargetPolicy)).toBeNull();
    expect(refusalOf(url, sharedTargetPolicy)).toMatch(/private/i);
  });
});

describe('FLOWBENCH_ALLOW_TARGETS', () => {
  it('the allow-list admits names, addresses and CIDRs in shared mode, never the metadata service', async () => {
    const parsed = parseAllowedTargets(
      ' crm.internal, 10.20.0.0/16 ,127.0.0.1,[fd12::1], 169.254.0.0/16, metadata.google.internal, metadata-alias.test',
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const policy: TargetPolicy = { ...sharedTargetPolicy, ...parsed };

    expect(refusalOf('http://10.20.3.4/', policy)).toBeNull();
    expect(refusalOf('http://127.0.0.1:8080/', policy)).toBeNull();
    expect(refusalOf('http://[::ffff:127.0.0.1]/', policy)).toBeNull();
    expect(refusalOf('http://[fd12::1]/', policy)).toBeNull();
    expect((await lookUp('crm.internal', {}, policy)).address).toBe('10.20.0.5');

    expect(refusalOf('http://10.21.0.1/', policy)).toMatch(/private network/);
    expect(refusalOf('http://127.0.0.2/', policy)).toMatch(/this machine/);
    expect(refusalOf('http://[fd12::2]/', policy)).toMatch(/unique-local/);
    expect((await lookUp('public-then-private.test', {}, policy)).error).toBeInstanceOf(
      TargetRefusedError,
    );

    expect(refusalOf('http://169.254.169.254/', policy)).toMatch(/cloud metadata/);
    expect(refusalOf('http://169.254.1.1/', policy)).toBeNull();
    expect(refusalOf('http://metadata.google.internal/', policy)).toMatch(/cloud metadata/);
    expect((await lookUp('metadata-alias.test', {}, policy)).error?.message).toMatch(
      /cloud metadata/,
    );
  });

  it.each(['10.0.0.0/33', 'http://crm.internal', 'a b', '300.1.2.3/8'])(
    'refuses the allow-list entry %s with a message',
    (entry) => {
      const parsed = parseAllowedTargets(`crm.internal,${entry}`);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.error).toContain(entry);
    },
  );

  it('says at start what each mode allows', () => {
    expect(describeTargetPolicy(localTargetPolicy)).toMatch(/loopback and private networks/);
    const parsed = parseAllowedTargets('crm.internal,10.20.0.0/16');
    if (!parsed.ok) throw new Error(parsed.error);
    const description = describeTargetPolicy({ ...sharedTargetPolicy, ...parsed });
    expect(description).toMatch(/loopback, private.* are refused/);
    expect(description).toContain('crm.internal, 10.20.0.0/16');
    expect(description).toContain('cloud metadata addresses are always refused');
  });
});

describe('the connect-time lookup', () => {
  it.each([
    ['metadata-alias.test', /resolves to 169\.254\.169\.254 is a cloud metadata/],
    ['ecs-alias.test', /169\.254\.170\.2 is a cloud metadata/],
    ['mapped-alias.test', /cloud metadata/],
    ['mixed-alias.test', /fd00:ec2::254/],
    ['metadata.google.internal', /cloud metadata/],
  ])('refuses %s in both modes', async (hostName, reason) => {
    for (const policy of [localTargetPolicy, sharedTargetPolicy]) {
      for (const all of [false, true]) {
        const { error } = await lookUp(hostName, { all }, policy);
        expect(error).toBeInstanceOf(TargetRefusedError);
        expect(error?.message).toMatch(reason);
      }
    }
  });

  it('refuses a name when any of its addresses is refused, even if the first is public', async () => {
    const { error } = await lookUp('public-then-private.test', {}, sharedTargetPolicy);
    expect(error).toBeInstanceOf(TargetRefusedError);
    expect(error?.message).toMatch(/10\.0\.0\.1 is a private network/);
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

describe('admitOwnDemoEndpoints', () => {
  const own = { address: '::ffff:192.168.1.20', port: 4173 };
  it.each([
    ['http://flowbench.lan:4173/demo/crm-lookup', ['192.168.1.20']],
    ['http://192.168.1.20:4173/demo/slow?delay_ms=10', ['192.168.1.20']],
    ['http://192.168.1.20:4174/demo/crm-lookup', []],
    ['http://192.168.1.20:4173/api/health', []],
    ['http://192.168.1.20:4173/demo/crm-lookupx', []],
    ['https://192.168.1.20:4173/demo/crm-lookup', []],
  ])('for %s admits %j', (url, admitted) => {
    expect(admitOwnDemoEndpoints(sharedTargetPolicy, url, own).admittedAddresses).toEqual(admitted);
  });
});

describe('targets through the route', () => {
  let local: Flowbench;
  let shared: Flowbench;
  let target: Upstream;
  beforeAll(async () => {
    local = await startFlowbench({ resolveHostName: resolveFromTable });
    shared = await startFlowbench({
      resolveHostName: resolveFromTable,
      targetPolicy: sharedTargetPolicy,
    });
    target = await startUpstream((_request, response) => response.end('{}'));
  });
  afterAll(async () => {
    await local.close();
    await shared.close();
    await target.close();
  });
  const port = () => new URL(target.url).port;

  it.each([
    'ftp://127.0.0.1/',
    'http://user:pass@127.0.0.1/',
    'http://169.254.169.254/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fd00:ec2::254]/',
    'http://metadata.google.internal/',
  ])('answers rejected for %s without calling anything', async (url) => {
    const before = target.hits();
    const result = await local.test({ url, body: '{}', timeoutMs: 500 });
    expect(result.outcome).toBe('rejected');
    expect(target.hits()).toBe(before);
  });

  it.each([
    '127.0.0.1',
    '127.1',
    '2130706433',
    '0x7f.0.0.1',
    '0177.0.0.1',
    '[::ffff:127.0.0.1]',
    '[::1]',
    '0.0.0.0',
    'localhost',
    'private-alias.test',
  ])('answers rejected for %s in shared mode without calling anything', async (host) => {
    const before = target.hits();
    const result = await shared.test({
      url: `http://${host}:${port()}/`,
      body: '{}',
      timeoutMs: 500,
    });
    expect(result.outcome).toBe('rejected');
    expect(target.hits()).toBe(before);
    // The same target is reachable in local mode, so the refusal is the policy's doing.
    if (host === '127.0.0.1') {
      expect((await local.test({ url: target.url, body: '{}', timeoutMs: 500 })).outcome).toBe(
        'ok',
      );
      expect(target.hits()).toBe(before + 1);
    }
  });

  it('rejects a name that resolves to a private address in shared mode without calling it', async () => {
    const before = target.hits();
    const result = await shared.test({
      url: `http://private-alias.test:${port()}/`,
      body: '{}',
      timeoutMs: 500,
    });
    expect(result).toMatchObject({ outcome: 'rejected' });
    expect(result.outcome === 'rejected' && result.reason).toMatch(
      /private-alias\.test resolves to 127\.0\.0\.1 is this machine/,
    );
    expect(target.hits()).toBe(before);
  });

  it('rejects a host name that resolves to the metadata address, naming the address', async () => {
    const result = await local.test({
      url: `http://metadata-alias.test:${port()}/`,
      body: '{}',
      timeoutMs: 500,
    });
    expect(result).toMatchObject({ outcome: 'rejected' });
    expect(result.outcome === 'rejected' && result.reason).toContain('169.254.169.254');
  });

  it('resolves a name once, checks every address and hands the checked one to the socket', async () => {
    // A rebinding name: harmless the first time, the metadata address on every later lookup.
    const lookups: string[] = [];
    const rebinding: ResolveHostName = (hostName, _options, callback) => {
      lookups.push(hostName);
      const address = lookups.length === 1 ? '127.0.0.1' : '169.254.169.254';
      callback(null, [{ address, family: 4 }]);
    };
    const rebound = await startFlowbench({ resolveHostName: rebinding });
    try {
      const before = target.hits();
      const result = await rebound.test({
        url: `http://rebinding.test:${port()}/`,
        body: '{}',
        timeoutMs: 500,
      });
      expect(result.outcome).toBe('ok');
      expect(lookups).toEqual(['rebinding.test']);
      expect(target.hits()).toBe(before + 1);
      expect(target.received.at(-1)?.headers.host).toBe(`rebinding.test:${port()}`);
    } finally {
      await rebound.close();
    }
  });

  it('the demo endpoints keep working in shared mode', async () => {
    const result = await shared.test({
      url: `${shared.url}/demo/crm-lookup`,
      body: JSON.stringify({ variables: { email: 'john.smith@example.org' } }),
      timeoutMs: 2000,
    });
    expect(result).toMatchObject({ outcome: 'ok', response: { status: 200 } });
    expect(result.outcome === 'ok' && result.response.body).toContain('"customer_tier":"gold"');

    // A name that also resolves to other loopback addresses connects to this server's own.
    const dualStack = await shared.test({
      url: `http://dual-stack.test:${new URL(shared.url).port}/demo/crm-lookup`,
      body: JSON.stringify({ variables: { email: 'john.smith@example.org' } }),
      timeoutMs: 2000,
    });
    expect(dualStack).toMatchObject({ outcome: 'ok', response: { status: 200 } });

    // Only the demo routes: the same server's other paths stay refused.
    const other = await shared.test({ url: `${shared.url}/api/health`, body: '{}' });
    expect(other).toMatchObject({ outcome: 'rejected' });
  });

  it('rejects an Authorization value that cannot be a header, without calling', async () => {
    const before = target.hits();
    const result = await local.test({
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
