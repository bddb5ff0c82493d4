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
