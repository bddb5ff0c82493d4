import { isEntryNode, type ModuleKind } from '../modules/moduleDefinitions';
import { customerVariableNames } from './customerVariables';
import { describeNode } from './describeNode';
import { findChatBudgetProblems } from './findChatBudgetProblems';
import { reachableFrom, type FlowGraph } from './flowGraph';
import type { FlowSettings } from './flowSettingsSchema';
import { moduleDisplayName } from './moduleDisplayName';
import { findPrivacyProblems } from './privacy/findPrivacyProblems';
import { privacyContextOf } from './privacy/personalDataSent';
import { variableNameSchema } from './variableNameSchema';
import { variablesSetUpstream } from './variablesSetUpstream';

export interface FlowProblem {
  /** Stable key for lists. */
  key: string;
  /** The node to select when the author clicks the problem; null for flow-wide ones. */
  nodeId: string | null;
  /** How the list names that node (`moduleDisplayName`, e.g. `Question ask-email`); null for flow-wide ones. */
  nodeName: string | null;
  message: string;
}

/** Everything that would stop the flow from running as the author means it. */
export function findFlowProblems(
  /** Without settings (no approved hosts), hosts are not checked. */
  graph: FlowGraph & { settings?: FlowSettings },
  /** Per node id: fields whose typed text is invalid (kept in the inspector, not in the graph). */
  fieldProblems: ReadonlyMap<string, readonly string[]> = new Map(),
): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const keysSeen = new Map<string, number>();
  const add = (node: { id: string; type: ModuleKind; name?: string } | null, message: string) => {
    const nodeId = node?.id ?? null;
    const key = `${nodeId ?? 'flow'}:${message}`;
    const seen = keysSeen.get(key) ?? 0;
    keysSeen.set(key, seen + 1);
    problems.push({
      key: seen === 0 ? key : `${key}#${seen}`,
      nodeId,
      nodeName: node ? moduleDisplayName(node) : null,
      message,
    });
  };

  const starts = graph.nodes.filter(isEntryNode);
  const startIds = starts.map((node) => node.id);
  if (starts.length === 0) add(null, 'The flow has no Start module');
  for (const extra of starts.slice(1)) {
    add(extra, `The flow has ${starts.length} Start modules; a chat needs exactly one`);
  }

  const reachable = reachableFrom(startIds, graph);
  const connectedHandles = new Set(
    graph.edges.map((edge) => `${edge.source}\u0000${edge.sourceHandle ?? 'out'}`),
  );
  const upstream = variablesSetUpstream(graph);

  for (const node of graph.nodes) {
    const facts = describeNode(node);
    if (startIds.length > 0 && !reachable.has(node.id)) add(node, 'Not reachable from Start');
    for (const output of facts.outputs) {
      if (!connectedHandles.has(`${node.id}\u0000${output.id}`)) {
        add(
          node,
          output.label
            ? `Output "${output.label}" leads nowhere`
            : `${facts.label} output leads nowhere`,
        );
      }
    }
    for (const message of fieldProblems.get(node.id) ?? []) add(node, message);
    for (const message of facts.configurationProblems) add(node, message);
    for (const name of new Set(facts.variablesUsed)) {
      if (!variableNameSchema.safeParse(name).success) {
        add(node, `{{${name}}} is not a variable name; names are lower snake_case`);
      } else if (!customerVariableNames.has(name) && !upstream.mayBeSet(node.id, name)) {
        add(node, `Uses {{${name}}}, which no module before it sets`);
      }
    }
  }
  for (const problem of findChatBudgetProblems(graph)) add(problem.node, problem.message);
  const privacy = privacyContextOf(graph, graph.settings?.approvedHosts ?? [], upstream);
  for (const { node, message } of findPrivacyProblems(graph, privacy)) add(node, message);
  return problems;
}
