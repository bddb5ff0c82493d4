import ipaddr from 'ipaddr.js';

/** Where a WebService sends its request, as far as privacy is concerned. */
export interface WebServiceTarget {
  /** The URL's host with its port when not the default: `api.example.org`, `127.0.0.1:4173`. */
  host: string;
  /** `https:`: encrypted in transit; `http:` is readable on the way. */
  secure: boolean;
  /** This machine: plain http never leaves it. */
  loopback: boolean;
}

/** `localhost`, `*.localhost`, 127.0.0.0/8, ::1 and IPv4-mapped loopback addresses. */
export function isLoopbackHostname(hostname: string): boolean {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  return ipaddr.isValid(bare) && ipaddr.process(bare).range() === 'loopback';
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
