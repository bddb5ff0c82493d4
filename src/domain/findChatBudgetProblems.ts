import {
  moduleDefinitions,
  type ModuleDataByKind,
  type ModuleKind,
} from '../modules/moduleDefinitions';
import type { FlowGraph, GraphNode } from './flowGraph';
import { adjacency, indexGraph, type Adjacency, type GraphIndex } from './graphIndex';
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
export function findChatBudgetProblems(
  graph: FlowGraph,
  /** The graph's index, when the caller has built it already. */
  index: GraphIndex = indexGraph(graph),
): ChatBudgetProblem[] {
  const nodes = graph.nodes;
  const waitMs = nodes.map(longestWaitOf);
  const waitsForCustomer = new Uint8Array(nodes.length);
  nodes.forEach((node, position) => {
    if (moduleDefinitions[node.type].waitsForCustomer) waitsForCustomer[position] = 1;
  });
  const { edgeSources, edgeTargets } = index;
  // The customer's input ends a stretch: nothing waits across a question.
  const successors = adjacency(
    nodes.length,
    edgeSources,
    edgeTargets,
    (edge) =>
      edgeSources[edge]! >= 0 && edgeTargets[edge]! >= 0 && !waitsForCustomer[edgeTargets[edge]!],
  );

  const { componentCount, componentOf, members } = stronglyConnectedComponents(successors);
  const membersOf = (component: number) =>
    members.items.subarray(members.starts[component], members.starts[component + 1]);
  const componentWait = new Float64Array(componentCount);
  for (let node = 0; node < nodes.length; node += 1) {
    componentWait[componentOf[node]!]! += waitMs[node] ?? 0;
  }

  // Tarjan's algorithm lists components sinks first: walking it backwards goes source to sink.
  const longest = componentWait.slice();
  const longestFrom = new Int32Array(componentCount).fill(-1);
  for (let component = componentCount - 1; component >= 0; component -= 1) {
    for (let at = members.starts[component]!; at < members.starts[component + 1]!; at += 1) {
      const member = members.items[at]!;
      for (
        let edge = successors.starts[member]!;
        edge < successors.starts[member + 1]!;
        edge += 1
      ) {
        const target = componentOf[successors.items[edge]!]!;
        if (target === component) continue;
        const through = longest[component]! + componentWait[target]!;
        if (through > longest[target]!) {
          longest[target] = through;
          longestFrom[target] = component;
        }
      }
    }
  }

  const overBudget = (component: number) =>
    componentWait[component]! > 0 && longest[component]! > chatReplyBudgetMs;
  const previousWaiting = (component: number) => {
    let previous = longestFrom[component]!;
    while (previous >= 0 && componentWait[previous] === 0) previous = longestFrom[previous]!;
    return previous;
  };
  const overBudgetComponents: number[] = [];
  for (let component = 0; component < componentCount; component += 1) {
    if (overBudget(component)) overBudgetComponents.push(component);
  }
  // A stretch that goes on to another waiting module is reported there, once, in full.
  const continued = new Set(overBudgetComponents.map(previousWaiting));
  const waitingMembers = (component: number) =>
    [...membersOf(component)].filter((member) => (waitMs[member] ?? 0) > 0);

  const problems: ChatBudgetProblem[] = [];
  for (const component of overBudgetComponents) {
    if (continued.has(component)) continue;
    const names: string[] = [];
    for (let at = component; at >= 0 && names.length <= maxNamesListed; at = previousWaiting(at)) {
      for (const member of waitingMembers(at).reverse()) names.push(nameOf(nodes[member]));
    }
    names.reverse();
    const listed = names.length > maxNamesListed ? ['…', ...names.slice(-maxNamesListed)] : names;
    const last = waitingMembers(component).at(-1);
    const node = last === undefined ? undefined : nodes[last];
    if (!node) continue;
    problems.push({
      node,
      message: `May keep the customer waiting up to ${Math.round(longest[component]! / 1000)} s: ${listed.join(', ')}`,
    });
  }
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
 * bookkeeping in typed arrays, so a large flow costs no object per module. Components come
 * sinks first, each component's members in the order the search met them.
 */
function stronglyConnectedComponents(successors: Adjacency): {
  componentCount: number;
  componentOf: Int32Array;
  members: Adjacency;
} {
  const count = successors.starts.length - 1;
  const index = new Int32Array(count).fill(-1);
  const lowLink = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack = new Int32Array(count);
  let stackSize = 0;
  /** The depth-first path: a node and how many of its successors it has looked at. */
  const workNode = new Int32Array(count);
  const workEdge = new Int32Array(count);
  const componentOf = new Int32Array(count);
  const members: Adjacency = { starts: new Int32Array(count + 1), items: new Int32Array(count) };
  let componentCount = 0;
  let membersListed = 0;
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
      const at = successors.starts[node]! + workEdge[depth]!;
      if (at < successors.starts[node + 1]!) {
        const next = successors.items[at]!;
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
        // The component is the stack from `node` up, in the order it was pushed.
        let bottom = stackSize - 1;
        while (stack[bottom] !== node) bottom -= 1;
        for (let at = bottom; at < stackSize; at += 1) {
          const member = stack[at]!;
          onStack[member] = 0;
          componentOf[member] = componentCount;
          members.items[membersListed++] = member;
        }
        stackSize = bottom;
        componentCount += 1;
        members.starts[componentCount] = membersListed;
      }
    }
  }
  return { componentCount, componentOf, members };
}
