import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { demoEndpointPaths } from '../../domain/webservice/demoEndpointPaths';

/**
 * `local`: the server is bound to loopback, only its own user reaches it, and calling
 * `localhost:8080` or the office network is the point. `shared`: others reach the server, so
 * loopback, private and special-purpose addresses are refused unless the allow-list admits them.
 */
export type ServerMode = 'local' | 'shared';

/** Which targets the WebService test proxy may call. Cloud metadata is refused in every mode. */
export interface TargetPolicy {
  mode: ServerMode;
  /** Lowercase host names admitted in shared mode whatever they resolve to (metadata aside). */
  allowedHostNames: readonly string[];
  /** CIDRs admitted in shared mode (metadata aside). */
  allowedRanges: readonly string[];
  /** Addresses admitted for one call: this server's own, when the call is to its demo routes. */
  admittedAddresses: readonly string[];
}

/** The policy of a Flowbench running on the author's own machine. */
export const localTargetPolicy: TargetPolicy = {
  mode: 'local',
  allowedHostNames: [],
  allowedRanges: [],
  admittedAddresses: [],
};

/** Addresses of cloud metadata and credential services, refused in every mode and spelling. */
export const cloudMetadataAddresses: readonly string[] = [
  '169.254.169.254',
  '169.254.170.2',
  '169.254.169.253',
  '100.100.100.200',
  '192.0.0.192',
  'fd00:ec2::254',
  'fd00:ec2::23',
];
export const cloudMetadataHostNames: readonly string[] = ['metadata.google.internal', 'metadata'];

export type AllowedTargetsParse =
  { ok: true; allowedHostNames: string[]; allowedRanges: string[] } | { ok: false; error: string };

/**
 * Reads `FLOWBENCH_ALLOW_TARGETS`: comma-separated host names, IP addresses and CIDRs
 * (`crm.internal, 10.20.0.5, 192.168.0.0/16, [fd12::1]`).
 */
export function parseAllowedTargets(text: string): AllowedTargetsParse {
  const allowedHostNames: string[] = [];
  const allowedRanges: string[] = [];
  for (const raw of text.split(',')) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    if (entry === '') continue;
    if (entry.includes('/')) {
      try {
        const [network, bits] = ipaddr.parseCIDR(entry);
        allowedRanges.push(`${network.toString()}/${bits}`);
      } catch {
        return { ok: false, error: `"${raw.trim()}" is not a valid CIDR range.` };
      }
    } else if (isIP(entry)) {
      const address = ipaddr.process(entry);
      allowedRanges.push(`${address.toString()}/${address.kind() === 'ipv4' ? 32 : 128}`);
    } else if (
      /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/.test(entry)
    ) {
      allowedHostNames.push(entry.replace(/\.$/, ''));
    } else {
      return {
        ok: false,
        error: `"${raw.trim()}" is neither a host name, an IP address nor a CIDR.`,
      };
    }
  }
  return { ok: true, allowedHostNames, allowedRanges };
}

/**
 * The policy for one call: `policy`, plus this server's own address when `urlText` names one of
 * its demo routes on the port the page reached it on, so the demo flow works in shared mode
 * without opening this machine's other ports.
 */
export function admitOwnDemoEndpoints(
  policy: TargetPolicy,
  urlText: string,
  own: { address: string | undefined; port: number | undefined },
): TargetPolicy {
  if (own.address === undefined || own.port === undefined) return policy;
  let url: URL;
  try {
    url = new URL(urlText.trim());
  } catch {
    return policy;
  }
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const isDemoPath = demoEndpointPaths.some(
    (path) => url.pathname === path || url.pathname.startsWith(`${path}/`),
  );
  if (url.protocol !== 'http:' || port !== own.port || !isDemoPath) return policy;
  const address = normalisedAddress(own.address);
  if (address === null) return policy;
  return { ...policy, admittedAddresses: [...policy.admittedAddresses, address] };
}

export type TargetUrlCheck = { allowed: true; url: URL } | { allowed: false; reason: string };

/** Verdicts by policy and URL text: a bench sends the same URL again and again. */
const urlVerdicts = new WeakMap<TargetPolicy, Map<string, TargetUrlCheck>>();
const maxRememberedUrls = 1000;

/**
 * Whether the proxy may send a request to `text`, judged from the URL alone (no DNS). The
 * verdict depends on nothing else, so it is remembered (the URL it holds is never changed).
 */
export function checkTargetUrl(text: string, policy: TargetPolicy): TargetUrlCheck {
  let verdicts = urlVerdicts.get(policy);
  if (!verdicts) {
    verdicts = new Map();
    urlVerdicts.set(policy, verdicts);
  }
  let verdict = verdicts.get(text);
  if (!verdict) {
    verdict = judgeTargetUrl(text, policy);
    if (verdicts.size >= maxRememberedUrls) verdicts.clear();
    verdicts.set(text, verdict);
  }
  return verdict;
}

function judgeTargetUrl(text: string, policy: TargetPolicy): TargetUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { allowed: false, reason: `"${text}" is not a valid URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      allowed: false,
      reason: `Only http and https URLs can be called; this one starts with ${url.protocol}`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      allowed: false,
      reason:
        'The URL contains a user name or password; put credentials in the Authorization field instead.',
    };
  }
  // WHATWG parsing has already turned `127.1`, `0x7f.0.0.1` and `2130706433` into `127.0.0.1`.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const refusal = isIP(host) ? checkTargetAddress(host, policy) : checkTargetHostName(host);
  return refusal === null ? { allowed: true, url } : { allowed: false, reason: refusal };
}

/** The reason a host name is refused by name, or null when it may be looked up. */
export function checkTargetHostName(hostName: string): string | null {
  return cloudMetadataHostNames.includes(canonicalHostName(hostName))
    ? `${hostName} is the cloud metadata service, which Flowbench never calls.`
    : null;
}

/** The reason an IP address is refused, or null when the proxy may connect to it. */
export function checkTargetAddress(
  address: string,
  policy: TargetPolicy,
  hostName?: string,
): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return `${address} is not an IP address Flowbench can judge, so it is not called.`;
  }
  const canonical = parsed.toString();
  const alias = (matched: string) => (matched === address ? address : `${address} (${matched})`);
  const candidates = [parsed, ...embeddedIpv4Addresses(parsed)];

  const metadata = candidates.find((candidate) =>
    cloudMetadataAddresses.some((listed) => isSameAddress(candidate, listed)),
  );
  if (metadata) {
    return `${alias(metadata.toString())} is a cloud metadata address, which Flowbench never calls.`;
  }
  if (policy.mode === 'local') return null;
  if (policy.admittedAddresses.includes(canonical)) return null;
  if (hostName !== undefined && policy.allowedHostNames.includes(canonicalHostName(hostName))) {
    return null;
  }
  if (policy.allowedRanges.some((range) => isInRange(parsed, range))) return null;

  const special = candidates.find((candidate) => specialRangeOf(candidate) !== null);
  if (!special) return null;
  const range = specialRangeOf(special) ?? 'reserved';
  return `${alias(special.toString())} is ${describeRange(range)}, which a shared Flowbench does not call (FLOWBENCH_ALLOW_TARGETS can admit it).`;
}

/** Raised by the connect-time lookup when a host name resolves to a refused address. */
export class TargetRefusedError extends Error {
  readonly code = 'EFLOWBENCHREFUSED';
}

/** Resolves a host name to all its addresses; `dns.lookup` by default, replaceable in tests. */
export type ResolveHostName = (
  hostName: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export const resolveWithSystemDns: ResolveHostName = (hostName, options, callback) => {
  dnsLookup(hostName, { ...options, all: true }, callback);
};

/**
 * A `lookup` for `http.request` that resolves the name once, refuses to connect when the name
 * or any of its addresses is refused by the policy, and hands the socket exactly the addresses
 * it checked, so the name cannot be rebound between the check and the connect.
 */
export function createTargetLookup(
  policy: TargetPolicy,
  resolveHostName: ResolveHostName = resolveWithSystemDns,
): LookupFunction {
  return (hostName, options, callback) => {
    const nameRefusal = checkTargetHostName(hostName);
    if (nameRefusal !== null) {
      callback(new TargetRefusedError(nameRefusal), '');
      return;
    }
    resolveHostName(hostName, options, (error, addresses) => {
      if (error) {
        callback(error, '');
        return;
      }
      // A name of this server (e.g. `localhost`, also `::1`) reaching its demo connects to the
      // address the page reached it on, not to whatever else shares the name.
      const own = addresses.filter(({ address }) => {
        const normalised = normalisedAddress(address);
        return normalised !== null && policy.admittedAddresses.includes(normalised);
      });
      const candidates = own.length > 0 ? own : addresses;
      for (const { address } of candidates) {
        const refusal = checkTargetAddress(address, policy, hostName);
        if (refusal !== null) {
          callback(new TargetRefusedError(`${hostName} resolves to ${refusal}`), '');
          return;
        }
      }
      const [first] = candidates;
      if (options.all === true) callback(null, candidates);
      else if (first) callback(null, first.address, first.family);
      else
        callback(Object.assign(new Error(`No address for ${hostName}`), { code: 'ENOTFOUND' }), '');
    });
  };
}

/** Plain words for what the policy allows, for the start-up message. */
export function describeTargetPolicy(policy: TargetPolicy): string {
  const metadata = 'cloud metadata addresses are always refused';
  if (policy.mode === 'local') {
    return `Targets: any http(s) address, loopback and private networks included; ${metadata}.`;
  }
  const admitted = [...policy.allowedHostNames, ...policy.allowedRanges];
  const exceptions =
    admitted.length === 0
      ? 'FLOWBENCH_ALLOW_TARGETS admits none'
      : `FLOWBENCH_ALLOW_TARGETS admits ${admitted.join(', ')}`;
  return `Targets: public addresses and this server's own /demo/* endpoints; loopback, private, CGNAT, link-local and special-purpose addresses are refused (${exceptions}); ${metadata}.`;
}

function canonicalHostName(hostName: string): string {
  return hostName.toLowerCase().replace(/\.$/, '');
}

function normalisedAddress(address: string): string | null {
  try {
    return ipaddr.process(address).toString();
  } catch {
    return null;
  }
}

function isSameAddress(candidate: ipaddr.IPv4 | ipaddr.IPv6, listed: string): boolean {
  const other = ipaddr.parse(listed);
  return (
    candidate.kind() === other.kind() &&
    candidate.toNormalizedString() === other.toNormalizedString()
  );
}

function isInRange(address: ipaddr.IPv4 | ipaddr.IPv6, cidr: string): boolean {
  const [network, bits] = ipaddr.parseCIDR(cidr);
  return address.kind() === network.kind() && address.match(network, bits);
}

/** IPv6 ranges whose meaning is the IPv4 address they carry, judged through `embeddedIpv4Addresses`. */
const embeddingRanges: readonly string[] = ['rfc6052', 'rfc6145', '6to4'];

/** The special-purpose range of an address, or null for an ordinary public one. */
function specialRangeOf(address: ipaddr.IPv4 | ipaddr.IPv6): string | null {
  const range = address.range();
  if (range === 'unicast' || embeddingRanges.includes(range)) return null;
  return range;
}

function describeRange(range: string): string {
  const words: Record<string, string> = {
    loopback: 'this machine (loopback)',
    private: 'a private network address',
    carrierGradeNat: 'a carrier-grade NAT address',
    linkLocal: 'a link-local address',
    uniqueLocal: 'a unique-local IPv6 address',
    unspecified: 'the unspecified address (this machine)',
    broadcast: 'the broadcast address',
    multicast: 'a multicast address',
  };
  return words[range] ?? `a special-purpose address (${range})`;
}

/**
 * IPv6 forms that carry an IPv4 address (NAT64 and SIIT in the last 32 bits, 6to4 in bits
 * 16–48, the deprecated IPv4-compatible `::a.b.c.d`), so `64:ff9b::169.254.169.254` or
 * `2002:7f00:1::` cannot sneak past an IPv4 rule. IPv4-mapped addresses are already turned into
 * IPv4 by `ipaddr.process`; Teredo counts as special-purpose itself.
 */
function embeddedIpv4Addresses(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4[] {
  if (address.kind() !== 'ipv6') return [];
  const bytes = address.toByteArray();
  const range = address.range();
  const embedded: number[][] = [];
  if (range === 'rfc6052' || range === 'rfc6145' || bytes.slice(0, 12).every((byte) => byte === 0))
    embedded.push(bytes.slice(12));
  if (range === '6to4') embedded.push(bytes.slice(2, 6));
  return embedded.flatMap((octets) => {
    const ipv4 = ipaddr.fromByteArray(octets);
    return ipv4 instanceof ipaddr.IPv4 ? [ipv4] : [];
  });
}
