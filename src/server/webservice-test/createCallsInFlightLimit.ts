import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** How many WebService test calls may run at once. */
export interface CallsInFlightCaps {
  perServer: number;
  perSession: number;
  /** Per client address; only a shared server counts it (a local one has loopback clients only). */
  perAddress: number;
}

export const defaultCallsInFlightCaps: CallsInFlightCaps = {
  perServer: 50,
  perSession: 10,
  perAddress: 10,
};

export type CallSlot = { granted: true; release: () => void } | { granted: false; reason: string };

/** Who a call is counted against: its page session and, on a shared server, its client. */
export interface CallOrigin {
  session: string;
  /** The client's address group (see `clientAddressGroupOf`); left out, no cap per address. */
  address?: string;
}

/**
 * Counts calls in flight per server, per page session and per client address, so one page, or
 * one client fetching many session tokens, cannot open an unbounded number of upstream sockets
 * nor take every slot of the server. A refused call never reaches the upstream.
 */
export function createCallsInFlightLimit(caps: CallsInFlightCaps = defaultCallsInFlightCaps) {
  let inFlight = 0;
  const perSession = new Map<string, number>();
  const perAddress = new Map<string, number>();
  return {
    acquire({ session, address }: CallOrigin): CallSlot {
      if (inFlight >= caps.perServer) {
        return {
          granted: false,
          reason: `Too many test calls at once: this server runs at most ${caps.perServer}. Try again when one has finished.`,
        };
      }
      if ((perSession.get(session) ?? 0) >= caps.perSession) {
        return {
          granted: false,
          reason: `Too many test calls at once: a page may run at most ${caps.perSession}. Try again when one has finished.`,
        };
      }
      if (address !== undefined && (perAddress.get(address) ?? 0) >= caps.perAddress) {
        return {
          granted: false,
          reason: `Too many test calls at once: one machine may run at most ${caps.perAddress}. Try again when one has finished.`,
        };
      }
      inFlight += 1;
      countUp(perSession, session);
      if (address !== undefined) countUp(perAddress, address);
      let released = false;
      return {
        granted: true,
        release: () => {
          if (released) return;
          released = true;
          inFlight -= 1;
          countDown(perSession, session);
          if (address !== undefined) countDown(perAddress, address);
        },
      };
    },
  };
}

function countUp(counts: Map<string, number>, key: string) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function countDown(counts: Map<string, number>, key: string) {
  const left = (counts.get(key) ?? 1) - 1;
  if (left === 0) counts.delete(key);
  else counts.set(key, left);
}

/**
 * The key a client's calls are counted under: its IPv4 address (also when it arrives
 * IPv4-mapped), or the /64 of an IPv6 address, since one IPv6 host usually holds a whole /64
 * and could otherwise pick a fresh address per call. An unknown address is one group of its own.
 */
export function clientAddressGroupOf(address: string | undefined): string {
  if (address === undefined || isIP(address) === 0) return 'unknown';
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`);
  return `${prefix.toString()}/64`;
}
