import type { FlowGraph, GraphNode } from '../flowGraph';
import { calledUrlOf, personalDataSent, type PrivacyContext } from './personalDataSent';

export interface PrivacyProblem {
  node: GraphNode;
  message: string;
}

/** `email, firstname, lastname and 11 more` */
export function listNames(names: readonly string[], shown = 3): string {
  const first = names.slice(0, shown).join(', ');
  return names.length > shown ? `${first} and ${names.length - shown} more` : first;
}

/**
 * Personal data sent over plain http:// to another machine, or to a host missing from the
 * flow's `Approved hosts` (when it lists any). One pass over the modules; the per-call work
 * is a few bitset words.
 */
export function findPrivacyProblems(graph: FlowGraph, context: PrivacyContext): PrivacyProblem[] {
  const problems: PrivacyProblem[] = [];
  for (const node of graph.nodes) {
    const url = calledUrlOf(node);
    if (!url) continue;
    const sent = personalDataSent(node.id, url, context);
    const { target } = sent;
    if (target === null || sent.variables.length === 0) continue;
    const names = listNames(sent.variables.map((variable) => variable.name));
    if (!target.secure && !target.loopback) {
      problems.push({
        node,
        message: `Sends personal data (${names}) over plain http:// to ${target.host}; use https://`,
      });
    }
    if (sent.approved === false) {
      problems.push({
        node,
        message: `Sends personal data (${names}) to ${target.host}, which is not in Approved hosts (Privacy report)`,
      });
    }
  }
  return problems;
}
