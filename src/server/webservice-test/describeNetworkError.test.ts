import { describe, expect, it } from 'vitest';
import { describeNetworkError } from './describeNetworkError';

const systemError = (code: string, message = code, extra: object = {}) =>
  Object.assign(new Error(message), { code }, extra);

describe('describeNetworkError', () => {
  it.each([
    [systemError('CERT_HAS_EXPIRED'), /has expired/],
    [systemError('ERR_TLS_CERT_ALTNAME_INVALID'), /not valid for the host name api\.example/],
    [systemError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'), /unknown certificate authority/],
    [systemError('SELF_SIGNED_CERT_IN_CHAIN'), /self-signed/],
    [systemError('HPE_INVALID_CONSTANT'), /not valid HTTP/],
    [systemError('HPE_HEADER_OVERFLOW'), /headers are too large/],
    [systemError('ECONNRESET', 'socket hang up'), /closed the connection before answering/],
    [systemError('EAI_AGAIN'), /api\.example could not be looked up/],
    [
      systemError('EHOSTUNREACH', 'x', { address: '10.0.0.9', port: 80 }),
      /route to 10\.0\.0\.9:80/,
    ],
    [systemError('ECONNREFUSED', 'x', { address: '::1', port: 8443 }), /listening on \[::1\]:8443/],
    [systemError('EWHATEVER', 'Something odd happened'), /^Something odd happened$/],
  ])('describes %s', (error, reason) => {
    expect(describeNetworkError(error, 'api.example:8443').reason).toMatch(reason);
  });

  it('takes the first error of a Happy Eyeballs AggregateError', () => {
    const aggregate = new AggregateError(
      [systemError('ECONNREFUSED', 'x', { address: '127.0.0.1', port: 9 })],
      'all failed',
    );
    expect(describeNetworkError(aggregate, 'localhost:9')).toEqual({
      code: 'ECONNREFUSED',
      reason: 'Connection refused: nothing is listening on 127.0.0.1:9.',
    });
  });

  it('names things that are not errors', () => {
    expect(describeNetworkError('boom', 'h:1')).toEqual({ code: 'UNKNOWN', reason: 'boom' });
  });
});
