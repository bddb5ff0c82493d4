import type { IncomingHttpHeaders } from 'node:http';

/** Headers that belong to one connection, not to the answer (RFC 9110 §7.6.1). */
const hopByHopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The upstream's response headers as the envelope carries them: lowercase names, repeated ones
 * joined with a comma. Hop-by-hop headers (and those the `Connection` header names) describe the
 * connection to the upstream, which ends here; `Set-Cookie` is the upstream's cookie for a
 * browser that never talks to it, so it is left out rather than handed to the page.
 */
export function envelopeHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const connectionScoped = new Set(hopByHopHeaders);
  for (const name of String(headers.connection ?? '').split(',')) {
    connectionScoped.add(name.trim().toLowerCase());
  }
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || connectionScoped.has(lower) || lower === 'set-cookie') continue;
    flat[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
