import type { FlowGraph, GraphNode } from '../flowGraph';
import { isApprovedHost } from '../flowSettingsSchema';
import { calledUrlOf, personalDataSentSummary, type PrivacyContext } from './personalDataSent';
import { webServiceTargetOf } from './webServiceTarget';

export interface PrivacyProblem {
  node: GraphNode;
  message: string;
}

const namesShown = 3;

/** `email, firstname, lastname and 11 more` */
function listNames({ count, first }: { count: number; first: readonly string[] }): string {
  const shown = first.join(', ');
  return count > first.length ? `${shown} and ${count - first.length} more` : shown;
}

/**
 * Personal data sent over plain http:// to another machine, or to a host missing from the
 * flow's `Approved hosts` (when it lists any). One pass over the modules; a call at fault
 * costs a walk over its bitset words, however many personal variables it sends.
 */
export function findPrivacyProblems(graph: FlowGraph, context: PrivacyContext): PrivacyProblem[] {
  const problems: PrivacyProblem[] = [];
  for (const node of graph.nodes) problems.push(...privacyProblemsOf(node, context));
  return problems;
}

const noProblems: readonly PrivacyProblem[] = [];

/** The privacy problems of the call one module makes (none for kinds that call nothing). */
export function privacyProblemsOf(
  node: GraphNode,
  context: PrivacyContext,
): readonly PrivacyProblem[] {
  const url = calledUrlOf(node);
  const target = url ? webServiceTargetOf(url) : null;
  if (target === null) return noProblems;
  const { approvedHosts } = context;
  const plainHttp = !target.secure && !target.loopback;
  const unapproved = approvedHosts.length > 0 && !isApprovedHost(target.host, approvedHosts);
  if (!plainHttp && !unapproved) return noProblems;
  const sent = personalDataSentSummary(node.id, context, namesShown);
  if (sent.count === 0) return noProblems;
  const names = listNames(sent);
  const problems: PrivacyProblem[] = [];
  if (plainHttp) {
    problems.push({
      node,
      message: `Sends personal data (${names}) over plain http:// to ${target.host}; use https://`,
    });
  }
  if (unapproved) {
    problems.push({
      node,
      message: `Sends personal data (${names}) to ${target.host}, which is not in Approved hosts (Privacy report)`,
    });
  }
  return problems;
}
