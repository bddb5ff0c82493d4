import type { FlowGraph } from '../flowGraph';
import { isApprovedHost, type FlowSettings } from '../flowSettingsSchema';
import { moduleDisplayName } from '../moduleDisplayName';
import {
  calledUrlOf,
  personalDataSent,
  privacyContextOf,
  type PrivacyContext,
} from './personalDataSent';
import { describePersonalReasons, type PersonalReason } from './personalVariables';

/** One call of the flow to a host. */
export interface PrivacyReportModule {
  nodeId: string;
  name: string;
  url: string;
  secure: boolean;
}

/** One personal variable that reaches a host, with the calls that take it there. */
export interface PrivacyReportVariable {
  name: string;
  reasons: readonly PersonalReason[];
  /** Why it counts as personal, in one line. */
  because: string;
  /** Names of the modules sending it to this host. */
  sentBy: string[];
}

export interface PrivacyReportHost {
  host: string;
  /** Null when the flow lists no approved hosts (no check). */
  approved: boolean | null;
  /** This machine: plain http does not leave it. */
  loopback: boolean;
  /** `https`, `http`, or both when modules differ. */
  transport: 'https' | 'http' | 'http and https';
  modules: PrivacyReportModule[];
  variables: PrivacyReportVariable[];
}

/** Which personal variables reach which host, before the approved hosts are applied. */
export interface PersonalDataByHost {
  /** Sorted by host. */
  hosts: Omit<PrivacyReportHost, 'approved'>[];
  /** WebService modules without a URL yet: they send nothing so far. */
  modulesWithoutUrl: string[];
}

/** Host × personal variables of one flow: the raw material of a record of processing. */
export interface PrivacyReport extends PersonalDataByHost {
  flowName: string;
  approvedHosts: readonly string[];
  hosts: PrivacyReportHost[];
}

/**
 * The report: personal data by host, each host checked against the flow's approved hosts. Pass
 * `byHost` when it is at hand, so a change of approved hosts does not walk the flow again.
 */
export function buildPrivacyReport(
  flow: FlowGraph & { name: string; settings: FlowSettings },
  byHost: PersonalDataByHost = personalDataByHost(flow, privacyContextOf(flow, [])),
): PrivacyReport {
  const { approvedHosts } = flow.settings;
  return {
    flowName: flow.name,
    approvedHosts,
    hosts: byHost.hosts.map((host) => ({
      ...host,
      approved: approvedHosts.length === 0 ? null : isApprovedHost(host.host, approvedHosts),
    })),
    modulesWithoutUrl: byHost.modulesWithoutUrl,
  };
}

/**
 * Which personal variables the flow sends to which host, and through which modules. Every call
 * sends the whole chat (see docs/webservice-contract.md), so a host receives what any of its
 * modules sends.
 */
export function personalDataByHost(
  flow: FlowGraph,
  context: Pick<PrivacyContext, 'personal' | 'upstream'>,
): PersonalDataByHost {
  const hosts = new Map<
    string,
    Omit<PrivacyReportHost, 'approved'> & { byName: Map<string, PrivacyReportVariable> }
  >();
  const modulesWithoutUrl: string[] = [];
  for (const node of flow.nodes) {
    const url = calledUrlOf(node);
    if (url === null) continue;
    const sent = personalDataSent(node.id, url, { ...context, approvedHosts: [] });
    const { target } = sent;
    const name = moduleDisplayName(node);
    if (target === null) {
      modulesWithoutUrl.push(name);
      continue;
    }
    let entry = hosts.get(target.host);
    if (!entry) {
      entry = {
        host: target.host,
        loopback: target.loopback,
        transport: target.secure ? 'https' : 'http',
        modules: [],
        variables: [],
        byName: new Map(),
      };
      hosts.set(target.host, entry);
    }
    if (entry.transport !== (target.secure ? 'https' : 'http')) entry.transport = 'http and https';
    entry.modules.push({ nodeId: node.id, name, url, secure: target.secure });
    for (const variable of sent.variables) {
      const known = entry.byName.get(variable.name);
      if (known) {
        known.sentBy.push(name);
        continue;
      }
      const row: PrivacyReportVariable = {
        name: variable.name,
        reasons: variable.reasons,
        because: describePersonalReasons(variable.reasons),
        sentBy: [name],
      };
      entry.byName.set(variable.name, row);
      entry.variables.push(row);
    }
  }
  const collectedInFlow = (variable: PrivacyReportVariable) =>
    variable.reasons.some((reason) => reason.kind !== 'customer-profile');
  return {
    hosts: [...hosts.values()]
      .sort((a, b) => a.host.localeCompare(b.host))
      .map(({ byName: _byName, ...host }) => ({
        ...host,
        variables: host.variables.sort(
          (a, b) =>
            Number(collectedInFlow(b)) - Number(collectedInFlow(a)) || a.name.localeCompare(b.name),
        ),
      })),
    modulesWithoutUrl,
  };
}

/** `yes`, `no`, or `no check` while the flow lists no approved hosts. */
export function approvalText(approved: boolean | null): string {
  return approved === null ? 'no check' : approved ? 'yes' : 'no';
}

/** `https`, `http (this machine)`, `http and https`. */
export function transportText(host: Pick<PrivacyReportHost, 'transport' | 'loopback'>): string {
  return host.loopback && host.transport !== 'https'
    ? `${host.transport} (this machine)`
    : host.transport;
}
