import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** An address range the proxy refuses to call, with the words used to explain why. */
export interface RefusedAddressRange {
  /** CIDR notation, e.g. `169.254.169.254/32` or `fd00:ec2::254/128`. */
  cidr: string;
  description: string;
}

/**
 * Which targets the WebService test proxy may call. Local mode (the only mode today) refuses
 * cloud metadata endpoints only, because tests and the demo endpoints live on 127.0.0.1; a
 * shared mode would add private networks and loopback to `refusedRanges`.
 */
export interface TargetPolicy {
  refusedRanges: readonly RefusedAddressRange[];
  /** Lowercase host names refused by name, before any DNS lookup. */
  refusedHostNames: readonly string[];
}

const cloudMetadataRanges: readonly RefusedAddressRange[] = [
  { cidr: '169.254.169.254/32', description: 'the cloud metadata service' },
  { cidr: 'fd00:ec2::254/128', description: 'the cloud metadata service' },
];

/** The policy of a Flowbench running on the author's own machine. */
export const localTargetPolicy: TargetPolicy = {
  refusedRanges: cloudMetadataRanges,
  refusedHostNames: ['metadata.google.internal', 'metadata'],
};

export type TargetUrlCheck = { allowed: true; url: URL } | { allowed: false; reason: string };

/** Whether the proxy may send a request to `text`, judged from the URL alone (no DNS). */
export function checkTargetUrl(text: string, policy: TargetPolicy): TargetUrlCheck {
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
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const refusal = isIP(host) ? checkTargetAddress(host, policy) : checkTargetHostName(host, policy);
  return refusal === null ? { allowed: true, url } : { allowed: false, reason: refusal };
}

/** The reason a host name is refused by name, or null when it may be looked up. */
export function checkTargetHostName(hostName: string, policy: TargetPolicy): string | null {
  const name = hostName.toLowerCase().replace(/\.$/, '');
  return policy.refusedHostNames.includes(name)
    ? `${hostName} is the cloud metadata service, which Flowbench never calls.`
    : null;
}

/** The reason an IP address is refused, or null when the proxy may connect to it. */
export function checkTargetAddress(address: string, policy: TargetPolicy): string | null {
  const refused = refusedRangeOf(address, policy);
  return refused === null ? null : `${address} is ${describeRefusal(address, refused)}`;
}

function describeRefusal(address: string, { range, matched }: RefusedMatch): string {
  const alias = matched === address ? '' : `${matched}, `;
  return `${alias}${range.description}, which Flowbench never calls.`;
}

interface RefusedMatch {
  range: RefusedAddressRange;
  /** The address as it matched the range, e.g. the IPv4 inside an IPv4-mapped IPv6 address. */
  matched: string;
}

function refusedRangeOf(address: string, policy: TargetPolicy): RefusedMatch | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return null;
  }
  const candidates = [parsed, ...embeddedIpv4Addresses(parsed)];
  for (const range of policy.refusedRanges) {
    const [network, bits] = ipaddr.parseCIDR(range.cidr);
    const hit = candidates.find(
      (candidate) => candidate.kind() === network.kind() && candidate.match(network, bits),
    );
    if (hit) return { range, matched: hit.toString() };
  }
  return null;
}

/**
 * IPv6 forms that carry an IPv4 address in their last 32 bits (NAT64, SIIT, the deprecated
 * IPv4-compatible `::a.b.c.d`), so `64:ff9b::169.254.169.254` cannot sneak past an IPv4 range.
 * IPv4-mapped addresses are already turned into IPv4 by `ipaddr.process`.
 */
function embeddedIpv4Addresses(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4[] {
  if (address.kind() !== 'ipv6') return [];
  const bytes = address.toByteArray();
  const embeds =
    ['rfc6052', 'rfc6145'].includes(address.range()) ||
    bytes.slice(0, 12).every((byte) => byte === 0);
  if (!embeds) return [];
  const embedded = ipaddr.fromByteArray(bytes.slice(12));
  return embedded instanceof ipaddr.IPv4 ? [embedded] : [];
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
 * A `lookup` for `http.request` that refuses to connect when the host name (or any of its
 * addresses) is refused by the policy. It runs at connect time, so a name resolving to the
 * metadata address is caught even though the URL looked harmless.
 */
export function createTargetLookup(
  policy: TargetPolicy,
  resolveHostName: ResolveHostName = resolveWithSystemDns,
): LookupFunction {
  return (hostName, options, callback) => {
    const nameRefusal = checkTargetHostName(hostName, policy);
    if (nameRefusal !== null) {
      callback(new TargetRefusedError(nameRefusal), '');
      return;
    }
    resolveHostName(hostName, options, (error, addresses) => {
      if (error) {
        callback(error, '');
        return;
      }
      for (const { address } of addresses) {
        const refused = refusedRangeOf(address, policy);
        if (refused !== null) {
          const reason = `${hostName} resolves to ${address}, ${describeRefusal(address, refused)}`;
          callback(new TargetRefusedError(reason), '');
          return;
        }
      }
      const [first] = addresses;
      if (options.all === true) callback(null, addresses);
      else if (first) callback(null, first.address, first.family);
      else
        callback(Object.assign(new Error(`No address for ${hostName}`), { code: 'ENOTFOUND' }), '');
    });
  };
}
