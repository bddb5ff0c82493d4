export interface NetworkErrorDescription {
  /** The system's code, e.g. `ECONNREFUSED`. */
  code: string;
  /** The same in plain words. */
  reason: string;
}

const httpsOnPlainHttpReason =
  'The server does not speak HTTPS on this port (try http:// instead of https://).';

const tlsReasons: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'The server uses a self-signed TLS certificate, which is not trusted.',
  SELF_SIGNED_CERT_IN_CHAIN:
    "The server's TLS certificate chain contains a self-signed certificate, which is not trusted.",
  CERT_HAS_EXPIRED: "The server's TLS certificate has expired.",
  CERT_NOT_YET_VALID: "The server's TLS certificate is not valid yet.",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    "The server's TLS certificate was issued by an unknown certificate authority (or the server does not send its intermediate certificates).",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    "The server's TLS certificate was issued by an unknown certificate authority.",
  UNABLE_TO_GET_ISSUER_CERT:
    "The server's TLS certificate was issued by an unknown certificate authority.",
  CERT_REVOKED: "The server's TLS certificate has been revoked.",
  CERT_SIGNATURE_FAILURE: "The signature of the server's TLS certificate is invalid.",
  ERR_SSL_WRONG_VERSION_NUMBER: httpsOnPlainHttpReason,
};

/**
 * Names a failed connection in words an author can act on. `host` is `name:port` of the target,
 * used when the error itself does not say where it tried to connect.
 */
export function describeNetworkError(error: unknown, host: string): NetworkErrorDescription {
  const { code, message, address, port } = errorFields(error);
  const bracketed = address?.includes(':') ? `[${address}]` : address;
  const where =
    bracketed === undefined ? host : `${bracketed}${port === undefined ? '' : `:${port}`}`;
  const hostName = host.replace(/:\d+$/, '');
  switch (code) {
    case 'ECONNREFUSED':
      return { code, reason: `Connection refused: nothing is listening on ${where}.` };
    case 'ENOTFOUND':
      return { code, reason: `The host name ${hostName} could not be found (DNS).` };
    case 'EAI_AGAIN':
      return { code, reason: `The host name ${hostName} could not be looked up right now (DNS).` };
    case 'ECONNRESET':
    case 'EPIPE':
      return { code, reason: 'The server closed the connection before answering.' };
    case 'ETIMEDOUT':
      return { code, reason: `The connection to ${where} timed out.` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { code, reason: `There is no network route to ${where}.` };
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return {
        code,
        reason: `The server's TLS certificate is not valid for the host name ${hostName}.`,
      };
    case 'EPROTO':
      return {
        code,
        reason: /wrong version number|packet length too long/i.test(message)
          ? httpsOnPlainHttpReason
          : 'The secure (TLS) connection could not be set up.',
      };
    case 'HPE_HEADER_OVERFLOW':
      return { code, reason: "The server's response headers are too large." };
  }
  if (Object.hasOwn(tlsReasons, code)) return { code, reason: tlsReasons[code] ?? message };
  if (code.startsWith('HPE_')) return { code, reason: "The server's answer is not valid HTTP." };
  return { code, reason: message };
}

function errorFields(error: unknown): {
  code: string;
  message: string;
  address?: string;
  port?: number;
} {
  // Happy Eyeballs (several addresses tried) reports an AggregateError; its first error is typical.
  const typical: unknown = error instanceof AggregateError ? (error.errors[0] ?? error) : error;
  if (!(typical instanceof Error)) return { code: 'UNKNOWN', message: String(typical) };
  const code = 'code' in typical && typeof typical.code === 'string' ? typical.code : 'UNKNOWN';
  const address =
    'address' in typical && typeof typical.address === 'string' ? typical.address : undefined;
  const port = 'port' in typical && typeof typical.port === 'number' ? typical.port : undefined;
  return { code, message: typical.message, address, port };
}
