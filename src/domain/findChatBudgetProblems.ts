import {
  moduleDefinitions,
  type ModuleDataByKind,
  type ModuleKind,
} from '../modules/moduleDefinitions';
import type { FlowGraph, GraphNode } from './flowGraph';
import { moduleDisplayName } from './moduleDisplayName';
import { chatReplyBudgetMs } from './webservice/webServiceContract';

/** Names listed in one problem at most; the wait counts them all. */
const maxNamesListed = 8;

export interface ChatBudgetProblem {
  /** The last module of the long wait: where the budget runs out. */
  node: GraphNode;
  message: string;
}

/**
 * Stretches between two customer inputs (the start or a question, to the next question or the
 * end) whose modules can together keep the customer waiting longer than the chat UI's budget,
 * e.g. two WebService calls without the request queue at up to 20 s each. One problem per
 * longest such stretch, at its last waiting module. Linear in the flow's size: loops without a
 * question are folded into one step (their modules counted once) before the longest wait is
 * found, so a cycle ends and no path is enumerated.
 */
export function findChatBudgetProblems(graph: FlowGraph): ChatBudgetProblem[] {
  const nodes = graph.nodes;
  const indexById = new Map<string, number>();
  nodes.forEach((node, index) => indexById.set(node.id, index));
  const waitMs = nodes.map(longestWaitOf);
  const successors: number[][] = nodes.map(() => []);
  for (const edge of graph.edges) {
    const source = indexById.get(edge.source);
    const target = indexById.get(edge.target);
    if (source === undefined || target === undefined) continue;
    const targetNode = nodes[target];
    // The customer's input ends a stretch: nothing waits across a question.
    if (targetNode && moduleDefinitions[targetNode.type].waitsForCustomer) continue;
    successors[source]?.push(target);
  }

  const components = stronglyConnectedComponents(successors);
  const componentOf = new Int32Array(nodes.length);
  components.forEach((members, component) => {
    for (const member of members) componentOf[member] = component;
  });
  const componentWait = components.map((members) =>
    members.reduce((sum, member) => sum + (waitMs[member] ?? 0), 0),
  );

  // Tarjan's algorithm lists components sinks first: walking it backwards goes source to sink.
  const longest = componentWait.slice();
  const longestFrom = new Int32Array(components.length).fill(-1);
  for (let component = components.length - 1; component >= 0; component -= 1) {
    for (const member of components[component] ?? []) {
      for (const next of successors[member] ?? []) {
        const target = componentOf[next] ?? component;
        if (target === component) continue;
        const through = (longest[component] ?? 0) + (componentWait[target] ?? 0);
        if (through > (longest[target] ?? 0)) {
          longest[target] = through;
          longestFrom[target] = component;
        }
      }
    }
  }

  const overBudget = (component: number) =>
    (componentWait[component] ?? 0) > 0 && (longest[component] ?? 0) > chatReplyBudgetMs;
  const previousWaiting = (component: number) => {
    let previous = longestFrom[component] ?? -1;
    while (previous >= 0 && (componentWait[previous] ?? 0) === 0) {
      previous = longestFrom[previous] ?? -1;
    }
    return previous;
  };
  // A stretch that goes on to another waiting module is reported there, once, in full.
  const continued = new Set<number>();
  components.forEach((_, component) => {
    if (overBudget(component)) continued.add(previousWaiting(component));
  });

  const problems: ChatBudgetProblem[] = [];
  components.forEach((members, component) => {
    if (!overBudget(component) || continued.has(component)) return;
    const names: string[] = [];
    for (let at = component; at >= 0 && names.length <= maxNamesListed; at = previousWaiting(at)) {
      const waiting = (components[at] ?? []).filter((member) => (waitMs[member] ?? 0) > 0);
      for (const member of waiting.reverse()) names.push(nameOf(nodes[member]));
    }
    names.reverse();
    const listed = names.length > maxNamesListed ? ['…', ...names.slice(-maxNamesListed)] : names;
    const last = members.filter((member) => (waitMs[member] ?? 0) > 0).at(-1);
    const node = last === undefined ? undefined : nodes[last];
    if (!node) return;
    problems.push({
      node,
      message: `May keep the customer waiting up to ${Math.round((longest[component] ?? 0) / 1000)} s: ${listed.join(', ')}`,
    });
  });
  return problems;
}

function longestWaitOf<K extends ModuleKind>(node: { type: K; data: ModuleDataByKind[K] }) {
  return moduleDefinitions[node.type].longestCustomerWaitMs(node.data);
}

function nameOf(node: GraphNode | undefined): string {
  return node ? moduleDisplayName(node) : '?';
}

/**
 * Tarjan's algorithm without recursion (a 5,000-module chain must not overflow the stack); its
 * bookkeeping in typed arrays, so a large flow costs no object per module.
 */
function stronglyConnectedComponents(successors: readonly (readonly number[])[]): number[][] {
  const count = successors.length;
  const index = new Int32Array(count).fill(-1);
  const lowLink = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack = new Int32Array(count);
  let stackSize = 0;
  /** The depth-first path: a node and how many of its successors it has looked at. */
  const workNode = new Int32Array(count);
  const workEdge = new Int32Array(count);
  const components: number[][] = [];
  let nextIndex = 0;
  for (let root = 0; root < count; root += 1) {
    if (index[root] !== -1) continue;
    let depth = 0;
    workNode[0] = root;
    workEdge[0] = 0;
    index[root] = lowLink[root] = nextIndex++;
    stack[stackSize++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const node = workNode[depth]!;
      const next = successors[node]![workEdge[depth]!];
      if (next !== undefined) {
        workEdge[depth]! += 1;
        if (index[next] === -1) {
          index[next] = lowLink[next] = nextIndex++;
          stack[stackSize++] = next;
          onStack[next] = 1;
          depth += 1;
          workNode[depth] = next;
          workEdge[depth] = 0;
        } else if (onStack[next]) {
          lowLink[node] = Math.min(lowLink[node]!, index[next]!);
        }
        continue;
      }
      depth -= 1;
      if (depth >= 0) {
        const parent = workNode[depth]!;
        lowLink[parent] = Math.min(lowLink[parent]!, lowLink[node]!);
      }
      if (lowLink[node] === index[node]) {
        const members: number[] = [];
        let member: number;
        do {
          member = stack[--stackSize]!;
          onStack[member] = 0;
          members.push(member);
        } while (member !== node);
        components.push(members.reverse());
      }
    }
  }
  return components;
}
