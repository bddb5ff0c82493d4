import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import {
  defaultCallsInFlightCaps,
  type CallsInFlightCaps,
} from './webservice-test/createCallsInFlightLimit';
import {
  describeTargetPolicy,
  localTargetPolicy,
  parseAllowedTargets,
  type TargetPolicy,
} from './webservice-test/targetPolicy';

/** How `npm start` runs, read from the environment. */
export interface ServerSettings {
  host: string;
  port: number;
  targetPolicy: TargetPolicy;
  callsInFlightCaps: CallsInFlightCaps;
  /** Names the page is opened under besides loopback and the address it was reached on. */
  extraHostNames: string[];
}

export type ServerSettingsRead =
  { ok: true; settings: ServerSettings } | { ok: false; error: string };

const wildcardHosts: readonly string[] = ['0.0.0.0', '::', '[::]'];

/**
 * Reads `HOST`, `PORT`, `FLOWBENCH_MODE`, `FLOWBENCH_ALLOW_TARGETS` and `FLOWBENCH_MAX_CALLS`.
 * A server bound to anything but loopback is shared; `FLOWBENCH_MODE=shared` makes a loopback
 * one shared too, and `FLOWBENCH_MODE=local` on a non-loopback address is refused.
 */
export function readServerSettings(
  environment: Record<string, string | undefined>,
  machineHostName = '',
): ServerSettingsRead {
  const host = environment.HOST?.trim() || '127.0.0.1';
  const rawPort = environment.PORT?.trim();
  const port = rawPort ? Number(rawPort) : 4173;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return {
      ok: false,
      error: `PORT must be a port number, got ${JSON.stringify(environment.PORT)}`,
    };
  }

  const requestedMode = environment.FLOWBENCH_MODE?.trim().toLowerCase() ?? '';
  if (!['', 'local', 'shared'].includes(requestedMode)) {
    return {
      ok: false,
      error: `FLOWBENCH_MODE must be "local" or "shared", got ${JSON.stringify(environment.FLOWBENCH_MODE)}`,
    };
  }
  const onLoopback = isLoopbackHost(host);
  if (requestedMode === 'local' && !onLoopback) {
    return {
      ok: false,
      error: `FLOWBENCH_MODE=local needs a loopback HOST (127.0.0.1, localhost, ::1); ${host} lets other machines in, which needs shared mode.`,
    };
  }
  const mode = requestedMode === 'shared' || !onLoopback ? 'shared' : 'local';

  const allowed = parseAllowedTargets(environment.FLOWBENCH_ALLOW_TARGETS ?? '');
  if (!allowed.ok) return { ok: false, error: `FLOWBENCH_ALLOW_TARGETS: ${allowed.error}` };

  const caps = parseCallsInFlightCaps(environment.FLOWBENCH_MAX_CALLS?.trim() ?? '');
  if (caps === null) {
    return {
      ok: false,
      error: `FLOWBENCH_MAX_CALLS must be "<per server>", "<per server>,<per page>" or "<per server>,<per page>,<per client address>" (whole numbers from 1), got ${JSON.stringify(environment.FLOWBENCH_MAX_CALLS)}`,
    };
  }

  const extraHostNames = wildcardHosts.includes(host)
    ? machineHostName === ''
      ? []
      : [machineHostName.toLowerCase()]
    : [isIP(host) === 6 ? `[${host}]` : host.toLowerCase()];
  return {
    ok: true,
    settings: {
      host,
      port,
      targetPolicy: {
        ...localTargetPolicy,
        mode,
        allowedHostNames: allowed.allowedHostNames,
        allowedRanges: allowed.allowedRanges,
      },
      callsInFlightCaps: caps,
      extraHostNames,
    },
  };
}

/**
 * What the server prints once it listens: where, in which mode, how to open the page and what
 * it allows. `networkAddresses` are this machine's addresses, offered when bound to a wildcard.
 */
export function describeServerStart(
  settings: ServerSettings,
  url: string,
  networkAddresses: readonly string[] = [],
): string[] {
  const { targetPolicy, callsInFlightCaps, port } = settings;
  const names = [
    ...settings.extraHostNames,
    ...(wildcardHosts.includes(settings.host) ? networkAddresses : []).map((address) =>
      isIP(address) === 6 ? `[${address}]` : address,
    ),
  ];
  const lines =
    targetPolicy.mode === 'local'
      ? [`Flowbench is running at ${url} in local mode: only this machine can use it.`]
      : [
          `Flowbench is running at ${url} in shared mode: other machines may reach it.`,
          `Open it by the server's real name or address${
            names.length > 0
              ? `, e.g. ${names.map((name) => `http://${name}:${port}`).join(' or ')}`
              : ''
          } (http://localhost:${port} only on this machine).`,
        ];
  return [
    ...lines,
    describeTargetPolicy(targetPolicy),
    `Calls in flight: at most ${callsInFlightCaps.perServer} per server and ${callsInFlightCaps.perSession} per page${
      targetPolicy.mode === 'shared'
        ? `, and ${callsInFlightCaps.perAddress} per client address`
        : ''
    } (FLOWBENCH_MAX_CALLS).`,
  ];
}

function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare.toLowerCase() === 'localhost') return true;
  return isIP(bare) !== 0 && ipaddr.process(bare).range() === 'loopback';
}

function parseCallsInFlightCaps(text: string): CallsInFlightCaps | null {
  if (text === '') return defaultCallsInFlightCaps;
  const match = /^(\d+)\s*(?:,\s*(\d+)\s*(?:,\s*(\d+))?)?$/.exec(text);
  if (!match) return null;
  const perServer = Number(match[1]);
  const capOrDefault = (given: string | undefined, fallback: number) =>
    given === undefined ? Math.min(perServer, fallback) : Number(given);
  const perSession = capOrDefault(match[2], defaultCallsInFlightCaps.perSession);
  const perAddress = capOrDefault(match[3], defaultCallsInFlightCaps.perAddress);
  if (perServer < 1 || perSession < 1 || perAddress < 1) return null;
  return { perServer, perSession, perAddress };
}
