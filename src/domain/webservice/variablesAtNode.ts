import { customerVariableNames, customerVariables } from '../customerVariables';
import type { FlowGraph } from '../flowGraph';
import { moduleDisplayName } from '../moduleDisplayName';
import { upstreamVariablesOf, type UpstreamVariables } from '../variablesSetUpstream';
import {
  moduleDefinitions,
  type ModuleDataByKind,
  type ModuleKind,
} from '../../modules/moduleDefinitions';

export type VariableScope = 'customer' | 'flow';
export type VariableCertainty = 'definitely' | 'possibly';

/** One variable a chat may hold when it reaches a node, as the test bench lists it. */
export interface VariableAtNode {
  name: string;
  /** `customer`: process-independent, in every experience; `flow`: this process instance only. */
  scope: VariableScope;
  /** `definitely`: set on every path from start (or by the customer profile and every path). */
  certainty: VariableCertainty;
  /** Upstream modules that set it, nearest first. Empty for a customer variable from the profile. */
  setBy: { nodeId: string; name: string }[];
  /**
   * From the nearest module that sets it, else from the sample customer John Smith. A
   * set-variable value keeps its placeholders; `fillSampleTemplates` fills them before sending.
   */
  sample: string;
}

/**
 * Every variable the WebService at `nodeId` would send: the ones upstream modules set (with
 * whether every path sets them) and the customer's own. Flow variables first, then customer
 * variables, each sorted by name.
 */
export function variablesAtNode(
  graph: FlowGraph,
  nodeId: string,
  upstream: UpstreamVariables = upstreamVariablesOf(graph),
): VariableAtNode[] {
  const known = remembered;
  if (
    known !== null &&
    known.nodeId === nodeId &&
    known.upstream === upstream &&
    sameSetters(known.graph, graph, nodeId, known.rows)
  ) {
    remembered = { ...known, graph };
    return known.rows;
  }
  const rows = listVariablesAtNode(graph, nodeId, upstream);
  remembered = { graph, nodeId, upstream, rows };
  return rows;
}

/** The last answer: the test bench and the endpoint tools ask about the same node in turn. */
let remembered: {
  graph: FlowGraph;
  nodeId: string;
  upstream: UpstreamVariables;
  rows: VariableAtNode[];
} | null = null;

/**
 * Whether the rows still hold: the same analysis (connections and what each module sets), and
 * every module's configuration and name as before, but for the module asked about when it sets
 * none of the rows (its URL, say, is not part of what it receives).
 */
function sameSetters(
  before: FlowGraph,
  after: FlowGraph,
  nodeId: string,
  rows: readonly VariableAtNode[],
): boolean {
  if (before.nodes.length !== after.nodes.length) return false;
  return before.nodes.every((node, index) => {
    const other = after.nodes[index];
    if (other === undefined || other.id !== node.id || other.name !== node.name) return false;
    if (other.data === node.data) return true;
    return (
      node.id === nodeId &&
      !rows.some((row) => row.setBy.some((setter) => setter.nodeId === nodeId))
    );
  });
}

const byName = new Intl.Collator('en').compare;

function listVariablesAtNode(
  graph: FlowGraph,
  nodeId: string,
  upstream: UpstreamVariables,
): VariableAtNode[] {
  const settersByName = upstreamSettersByName(graph, nodeId);
  const nodeById = new Map(graph.nodes.map((node) => [node.id, node]));
  const sampleFrom = (setterId: string, name: string) => {
    const setter = nodeById.get(setterId);
    return setter ? sampleValueOf(setter, name) : '';
  };
  const rows: VariableAtNode[] = [];
  for (const name of upstream.namesBefore(nodeId)) {
    const setters = settersByName.get(name) ?? [];
    if (customerVariableNames.has(name)) continue;
    rows.push({
      name,
      scope: 'flow',
      certainty: upstream.mustBeSet(nodeId, name) ? 'definitely' : 'possibly',
      setBy: setters,
      sample: setters[0] ? sampleFrom(setters[0].nodeId, name) : '',
    });
  }
  rows.sort((a, b) => byName(a.name, b.name));
  const customerRows = customerVariables.map(({ name, sample }): VariableAtNode => {
    const setters = upstream.mayBeSet(nodeId, name) ? (settersByName.get(name) ?? []) : [];
    return {
      name,
      scope: 'customer',
      certainty: upstream.mustBeSet(nodeId, name) ? 'definitely' : 'possibly',
      setBy: setters,
      sample: setters[0] ? sampleFrom(setters[0].nodeId, name) : sample,
    };
  });
  customerRows.sort((a, b) => byName(a.name, b.name));
  return [...rows, ...customerRows];
}

/** A plausible value for `variable` as the given module would set it. */
export function sampleValueOf<K extends ModuleKind>(
  node: { type: K; data: ModuleDataByKind[K] },
  variable: string,
): string {
  return moduleDefinitions[node.type].sampleValue(node.data, variable);
}

function variablesSetBy<K extends ModuleKind>(node: { type: K; data: ModuleDataByKind[K] }) {
  return moduleDefinitions[node.type].variablesSet(node.data);
}

/** Modules before `nodeId` by the variables they set, nearest first (breadth-first backwards). */
function upstreamSettersByName(
  graph: FlowGraph,
  nodeId: string,
): Map<string, { nodeId: string; name: string }[]> {
  const predecessors = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = predecessors.get(edge.target);
    if (list) list.push(edge.source);
    else predecessors.set(edge.target, [edge.source]);
  }
  const nodeById = new Map(graph.nodes.map((node) => [node.id, node]));
  const settersByName = new Map<string, { nodeId: string; name: string }[]>();
  const visited = new Set<string>();
  let frontier = predecessors.get(nodeId) ?? [];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      if (visited.has(id)) continue;
      visited.add(id);
      const node = nodeById.get(id);
      if (!node) continue;
      for (const name of variablesSetBy(node)) {
        const setter = {
          nodeId: id,
          // Only a loop brings the chat back to the module under test with its own variables.
          name: id === nodeId ? 'this module, on an earlier pass' : moduleDisplayName(node),
        };
        const list = settersByName.get(name);
        if (list) list.push(setter);
        else settersByName.set(name, [setter]);
      }
      next.push(...(predecessors.get(id) ?? []));
    }
    frontier = next;
  }
  return settersByName;
}
