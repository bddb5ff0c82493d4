import { z } from 'zod';

const wildcardPrefix = '*.';

/**
 * The host part of what the author typed, as a browser's URL parser writes it (lower case,
 * punycode, default port dropped), so it compares equal to the host of a WebService URL.
 * A pasted URL counts by its host; `*.example.org` stands for every subdomain.
 */
export function normalizeApprovedHost(text: string): string | null {
  const trimmed = text.trim();
  const wildcard = trimmed.startsWith(wildcardPrefix);
  const rest = wildcard ? trimmed.slice(wildcardPrefix.length) : trimmed;
  const asUrl = rest.includes('://') ? rest : `https://${rest}`;
  if (!rest || /[\s@]/.test(rest) || !URL.canParse(asUrl)) return null;
  const url = new URL(asUrl);
  if (!/^https?:$/.test(url.protocol) || !url.hostname) return null;
  if (!rest.includes('://') && (url.pathname !== '/' || url.search || url.hash)) return null;
  if (wildcard && url.port) return null;
  return wildcard ? `${wildcardPrefix}${url.hostname}` : url.host;
}

/** One approved host: `api.example.org`, `api.example.org:8443` or `*.example.org`. */
export const approvedHostSchema = z.string().transform((text, context) => {
  const host = normalizeApprovedHost(text);
  if (host === null) {
    context.addIssue({
      code: 'custom',
      message: `"${text.trim()}" is not a host name (e.g. api.example.org or *.example.org)`,
    });
    return z.NEVER;
  }
  return host;
});

/**
 * Hosts the flow may send personal data to; empty means no check. Listed once each, in the
 * author's order.
 */
export const approvedHostsSchema = z
  .array(approvedHostSchema)
  .transform((hosts) => [...new Set(hosts)]);

/** Settings that belong to one flow and travel with it in its file. */
export const flowSettingsSchema = z.object({
  approvedHosts: approvedHostsSchema.default([]),
});
export type FlowSettings = z.output<typeof flowSettingsSchema>;

export const defaultFlowSettings: FlowSettings = flowSettingsSchema.parse({});

/** Whether `host` (a URL's host, with its port when not the default) is on the list. */
export function isApprovedHost(host: string, approvedHosts: readonly string[]): boolean {
  const hostname = hostnameOf(host);
  return approvedHosts.some((entry) => {
    if (entry.startsWith(wildcardPrefix)) {
      return hostname.endsWith(entry.slice(1)) && hostname.length > entry.length - 1;
    }
    // An entry with a port admits that port only; one without admits the host on any port.
    return hostnameOf(entry) === entry ? entry === hostname : entry === host;
  });
}

function hostnameOf(host: string): string {
  const bracketEnd = host.indexOf(']');
  if (bracketEnd >= 0) return host.slice(0, bracketEnd + 1);
  const colon = host.indexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}
