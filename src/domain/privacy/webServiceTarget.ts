/** Where a WebService sends its request, as far as privacy is concerned. */
export interface WebServiceTarget {
  /** The URL's host with its port when not the default: `api.example.org`, `127.0.0.1:4173`. */
  host: string;
  /** `https:`: encrypted in transit; `http:` is readable on the way. */
  secure: boolean;
  /** This machine: plain http never leaves it. */
  loopback: boolean;
}

/**
 * `localhost`, `*.localhost`, 127.0.0.0/8, ::1 and IPv4-mapped loopback addresses. The URL
 * parser writes every address one way (`0x7f.1` as `127.0.0.1`, `[0:0::1]` as `[::1]`,
 * `[::ffff:127.0.0.1]` as `[::ffff:7f00:1]`), so three patterns decide on its output; the
 * browser's problems need no address library (the server's target policy uses ipaddr.js).
 */
export function isLoopbackHostname(hostname: string): boolean {
  const canonical = canonicalHostname(hostname);
  if (canonical === null) return false;
  if (canonical === 'localhost' || canonical.endsWith('.localhost')) return true;
  return (
    /^127\.\d+\.\d+\.\d+$/.test(canonical) ||
    canonical === '[::1]' ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical)
  );
}

/** The hostname as a URL holds it; an IPv6 address may come with or without brackets. */
function canonicalHostname(hostname: string): string | null {
  const bracketed =
    hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  return URL.canParse(`http://${bracketed}/`) ? new URL(`http://${bracketed}/`).hostname : null;
}

/** Parsed targets by URL: problems are recomputed per edit and most URLs stay the same. */
const targetsByUrl = new Map<string, WebServiceTarget | null>();
const targetCacheLimit = 10_000;

/** The target of a WebService URL, or null when there is none (yet) or it cannot be parsed. */
export function webServiceTargetOf(url: string): WebServiceTarget | null {
  const cached = targetsByUrl.get(url);
  if (cached !== undefined) return cached;
  if (targetsByUrl.size >= targetCacheLimit) targetsByUrl.clear();
  const target = parseTarget(url);
  targetsByUrl.set(url, target);
  return target;
}

function parseTarget(url: string): WebServiceTarget | null {
  if (!url || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return {
    host: parsed.host,
    secure: parsed.protocol === 'https:',
    loopback: isLoopbackHostname(parsed.hostname),
  };
}
