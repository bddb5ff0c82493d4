import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { isLoopbackHostname, webServiceTargetOf } from './webServiceTarget';

describe('webServiceTargetOf', () => {
  it('reads host, port and whether the transport is encrypted', () => {
    expect(webServiceTargetOf('https://API.Example.org/hook?x=1')).toEqual({
      host: 'api.example.org',
      secure: true,
      loopback: false,
    });
    expect(webServiceTargetOf('http://crm.example.org:8080/hook')).toEqual({
      host: 'crm.example.org:8080',
      secure: false,
      loopback: false,
    });
  });

  it('has no target without a usable URL', () => {
    expect(webServiceTargetOf('')).toBeNull();
    expect(webServiceTargetOf('not a url')).toBeNull();
    expect(webServiceTargetOf('ftp://example.org/file')).toBeNull();
  });
});

describe('isLoopbackHostname', () => {
  it.each(['localhost', 'api.localhost', '127.0.0.1', '127.8.9.10', '[::1]', '::ffff:127.0.0.1'])(
    '%s is this machine',
    (hostname) => expect(isLoopbackHostname(hostname)).toBe(true),
  );

  it.each([
    'example.org',
    '10.0.0.1',
    '192.168.1.10',
    '[::2]',
    'localhost.example.org',
    '128.0.0.1',
  ])('%s is another machine', (hostname) => expect(isLoopbackHostname(hostname)).toBe(false));
});

describe('isLoopbackHostname on the hostnames of URLs', () => {
  /** What the server's address library (ipaddr.js) says of the same hostname. */
  const loopbackByIpaddr = (hostname: string) => {
    const bare = hostname.replace(/^\[(.*)\]$/, '$1');
    return ipaddr.isValid(bare) && ipaddr.process(bare).range() === 'loopback';
  };
  const hostnameOf = (address: string) =>
    new URL(`http://${address.includes(':') ? `[${address}]` : address}/`).hostname;
  const byte = fc.integer({ min: 0, max: 255 });
  const loopbackIpv4 = fc.tuple(byte, byte, byte).map((bytes) => ['127', ...bytes].join('.'));
  const hextet = fc.integer({ min: 0, max: 0xffff }).map((value) => value.toString(16));
  const addresses = fc.oneof(
    fc.ipV4(),
    fc.ipV4Extended(),
    fc.ipV6(),
    loopbackIpv4,
    loopbackIpv4.map((ipv4) => `::ffff:${ipv4}`),
    loopbackIpv4.map((ipv4) => `::${ipv4}`),
    fc.tuple(hextet, hextet).map(([high, low]) => `::ffff:${high}:${low}`),
    fc.constantFrom('::1', '0:0:0:0:0:0:0:1', '::0:1', '::', '::2'),
  );

  it('agrees with ipaddr.js on every IPv4 and IPv6 address a URL can hold', () => {
    fc.assert(
      fc.property(addresses, (address) => {
        const hostname = hostnameOf(address);
        expect(isLoopbackHostname(hostname)).toBe(loopbackByIpaddr(hostname));
      }),
      { numRuns: 3000 },
    );
  });
});
