import { isApprovedHost } from '../flowSettingsSchema';
import type { FlowGraph } from '../flowGraph';
import { upstreamVariablesOf, type UpstreamVariables } from '../variablesSetUpstream';
import {
  moduleDefinitions,
  type ModuleDataByKind,
  type ModuleKind,
} from '../../modules/moduleDefinitions';
import {
  personalVariablesOf,
  type PersonalReason,
  type PersonalVariables,
} from './personalVariables';
import { webServiceTargetOf, type WebServiceTarget } from './webServiceTarget';

/** What one call sends of personal data, and where to. */
export interface PersonalDataSent {
  /** Null while the module has no usable URL. */
  target: WebServiceTarget | null;
  /** Null when the flow has no approved hosts (no check); else whether the host is on the list. */
  approved: boolean | null;
  /** Flow variables first (what the author's modules collect), then profile fields; each sorted. */
  variables: { name: string; reasons: readonly PersonalReason[] }[];
}

/** What the analyses of one flow share, so many calls cost one pass over the flow. */
export interface PrivacyContext {
  personal: PersonalVariables;
  upstream: UpstreamVariables;
  approvedHosts: readonly string[];
}

export function privacyContextOf(
  graph: FlowGraph,
  approvedHosts: readonly string[],
  upstream: UpstreamVariables = upstreamVariablesOf(graph),
): PrivacyContext {
  return { personal: personalVariablesOf(graph), upstream, approvedHosts };
}

/** The URL a module calls (`''` while it has none); null for kinds that call nothing. */
export function calledUrlOf<K extends ModuleKind>(node: {
  type: K;
  data: ModuleDataByKind[K];
}): string | null {
  return moduleDefinitions[node.type].calledUrl?.(node.data) ?? null;
}

/**
 * The personal variables the call at `nodeId` sends (the platform sends every variable the
 * chat holds: the customer profile always, flow variables once a module before it set them).
 */
export function personalDataSent(
  nodeId: string,
  url: string,
  context: PrivacyContext,
): PersonalDataSent {
  const { personal, upstream, approvedHosts } = context;
  const target = webServiceTargetOf(url);
  const fromFlow = upstream.namesBeforeAmong(nodeId, personal.setInFlow);
  const fromFlowSet = new Set(fromFlow);
  const customer = personal.customerFields.filter((name) => !fromFlowSet.has(name)).sort();
  const names = [...fromFlow, ...customer];
  return {
    target,
    approved:
      target === null || approvedHosts.length === 0
        ? null
        : isApprovedHost(target.host, approvedHosts),
    variables: names.map((name) => ({ name, reasons: personal.reasons.get(name) ?? [] })),
  };
}

/**
 * How many personal variables the call at `nodeId` sends and the first few (those the flow sets
 * first, then profile fields): what a problem message needs, in time independent of how many
 * personal variables the flow has.
 */
export function personalDataSentSummary(
  nodeId: string,
  context: PrivacyContext,
  limit: number,
): { count: number; first: string[] } {
  const { personal, upstream } = context;
  const fromFlow = upstream.countBeforeAmong(nodeId, personal.setInFlow, limit);
  const customer = personal.customerFields
    .filter((name) => !personal.setInFlow.has(name) || !upstream.mayBeSet(nodeId, name))
    .sort();
  return {
    count: fromFlow.count + customer.length,
    first: [...fromFlow.first, ...customer].slice(0, limit),
  };
}
