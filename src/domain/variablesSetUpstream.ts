import { isEntryNode } from '../modules/moduleDefinitions';
import { describeNode } from './describeNode';
import type { FlowGraph } from './flowGraph';
import { indexGraph, type Adjacency, type GraphIndex } from './graphIndex';
import { sharedBitSets, type SharedBitSet } from './sharedBitSets';

/** Which variables the modules before a node have set when a chat arrives at it. */
export interface UpstreamVariables {
  /** Whether some Start leads to the node (a Start itself included). */
  reachedFromStart: (nodeId: string) => boolean;
  /** `reachedFromStart` for the module at that position of the analysed graph's nodes. */
  reachedFromStartAt: (position: number) => boolean;
  /**
   * Set on at least one path from a start to the node. For a node no chat reaches: set by some
   * module before it, so its problems still make sense once it is connected.
   */
  mayBeSet: (nodeId: string, name: string) => boolean;
  /** `mayBeSet` for the module at that position of the analysed graph's nodes. */
  mayBeSetAt: (position: number, name: string) => boolean;
  /** Set on every path from a start to the node; false for a node no chat reaches. */
  mustBeSet: (nodeId: string, name: string) => boolean;
  /**
   * Every name possibly set before the node, sorted. A node's own variables count only when a
   * loop leads the chat back to it.
   */
  namesBefore: (nodeId: string) => string[];
  /**
   * The names of `among` possibly set before the node, sorted: `namesBefore` filtered, in
   * time proportional to the bitset rather than to every name (pass the same set each time).
   */
  namesBeforeAmong: (nodeId: string, among: ReadonlySet<string>) => string[];
  /**
   * How many names of `among` may be set before the node, and the first `limit` of them in the
   * order the flow first sets them: a summary in time proportional to the bitset alone.
   */
  countBeforeAmong: (
    nodeId: string,
    among: ReadonlySet<string>,
    limit: number,
  ) => { count: number; first: string[] };
}

/**
 * Forward data-flow analyses over the flow graph. "May": a node's entry set is the union of
 * what its predecessors had on exit. "Must": the intersection over the predecessors a chat can
 * reach, starting from "everything" so loops settle on the largest consistent answer. Both are
 * followed until nothing changes. "May" sets are shared bitsets (`sharedBitSets`), linear in
 * the flow's size however many names it sets; "must" (asked by the test bench alone) are flat
 * bitsets, one bit per variable name per module, found when first asked.
 */
export function variablesSetUpstream(
  graph: FlowGraph,
  /** The graph's index, when the caller has built it already. */
  index: GraphIndex = indexGraph(graph),
): UpstreamVariables {
  const nodeIndex = index.positionOf;
  const { predecessors, successors } = index;
  const nameIndex = new Map<string, number>();
  const setByNode = graph.nodes.map((node) =>
    describeNode(node).variablesSet.map((name) => {
      let index = nameIndex.get(name);
      if (index === undefined) {
        index = nameIndex.size;
        nameIndex.set(name, index);
      }
      return index;
    }),
  );
  const words = Math.max(1, Math.ceil(nameIndex.size / 32));
  const nodeCount = graph.nodes.length;
  // Shared sets: a module's set is its predecessor's with a path or two changed, so a flow of
  // n modules setting ~n names costs ~n paths, not n × n bits (as flat bitsets did).
  const sets = sharedBitSets(nameIndex.size);
  const ownSets = setByNode.map((names) => sets.with(0, names));
  const entry = new Array<SharedBitSet>(nodeCount).fill(0);
  /** A node's entry set with its own names: what its successors receive. */
  const exit = ownSets.slice();

  // Visiting in reverse post-order from the starts settles an acyclic flow in one pass.
  const order = reversePostOrder(graph, successors);
  const reached = reachedFromStarts(graph, successors);
  // Only the test bench asks "definitely"; the problems check needs "possibly" alone.
  let mustEntry: Int32Array | null = null;
  const mustBeSetBits = () =>
    (mustEntry ??= mustBeSetOnEntry(
      graph,
      words,
      setByNode,
      predecessors,
      successors,
      reached,
      order,
    ));
  // A worklist in reverse post-order: an acyclic flow settles in one pass; a loop sends the
  // pass round again only for the modules after a module whose variables grew.
  const position = new Int32Array(nodeCount);
  order.forEach((node, index) => (position[node] = index));
  const pending = new Uint8Array(nodeCount).fill(1);
  let anotherPass = true;
  while (anotherPass) {
    anotherPass = false;
    for (const node of order) {
      if (pending[node] === 0) continue;
      pending[node] = 0;
      let merged = entry[node]!;
      for (let at = predecessors.starts[node]!; at < predecessors.starts[node + 1]!; at += 1) {
        const predecessor = predecessors.items[at]!;
        // What no chat reaches cannot have set anything for a module a chat does reach.
        if (reached[node] && !reached[predecessor]) continue;
        merged = sets.union(merged, exit[predecessor]!);
      }
      if (merged === entry[node]) continue;
      entry[node] = merged;
      exit[node] = sets.union(merged, ownSets[node]!);
      for (let at = successors.starts[node]!; at < successors.starts[node + 1]!; at += 1) {
        const successor = successors.items[at]!;
        pending[successor] = 1;
        if (position[successor]! <= position[node]!) anotherPass = true;
      }
    }
  }

  const names = [...nameIndex.keys()];
  const masks = new WeakMap<ReadonlySet<string>, SharedBitSet>();
  const maskOf = (among: ReadonlySet<string>) => {
    let mask = masks.get(among);
    if (mask === undefined) {
      mask = sets.with(
        0,
        [...among].flatMap((name) => nameIndex.get(name) ?? []),
      );
      masks.set(among, mask);
    }
    return mask;
  };
  const entryOf = (nodeId: string) => {
    const node = nodeIndex.get(nodeId);
    return node === undefined ? 0 : entry[node]!;
  };
  /** A position no module has (an unknown id) is reached by nothing and sets nothing. */
  const positionOf = (nodeId: string) => nodeIndex.get(nodeId) ?? -1;
  const reachedFromStartAt = (node: number) => reached[node] === 1;
  const mayBeSetAt = (node: number, name: string) => {
    const bit = nameIndex.get(name);
    return bit !== undefined && sets.has(entry[node] ?? 0, bit);
  };
  return {
    reachedFromStart: (nodeId) => reachedFromStartAt(positionOf(nodeId)),
    reachedFromStartAt,
    mustBeSet(nodeId, name) {
      const node = nodeIndex.get(nodeId);
      const bit = nameIndex.get(name);
      if (node === undefined || bit === undefined) return false;
      return (mustBeSetBits()[node * words + (bit >>> 5)]! & (1 << (bit & 31))) !== 0;
    },
    mayBeSet: (nodeId, name) => mayBeSetAt(positionOf(nodeId), name),
    mayBeSetAt,
    namesBefore: (nodeId) =>
      sets
        .bitsOf(entryOf(nodeId))
        .map((bit) => names[bit]!)
        .sort(),
    namesBeforeAmong(nodeId, among) {
      if (among.size === 0) return [];
      return sets
        .bitsOf(entryOf(nodeId), maskOf(among))
        .map((bit) => names[bit]!)
        .sort();
    },
    countBeforeAmong(nodeId, among, limit) {
      if (among.size === 0) return { count: 0, first: [] };
      const set = entryOf(nodeId);
      const mask = maskOf(among);
      return {
        count: sets.countIn(set, mask),
        first: sets.bitsOf(set, mask, limit).map((bit) => names[bit]!),
      };
    },
  };
}

/**
 * The "must" analysis over the modules' own sets. Only nodes a chat reaches take part: a node
 * no start leads to has no path, so nothing is definite there.
 */
function mustBeSetOnEntry(
  graph: FlowGraph,
  words: number,
  setByNode: readonly (readonly number[])[],
  predecessors: Adjacency,
  successors: Adjacency,
  reached: Uint8Array,
  order: number[],
): Int32Array {
  const nodeCount = graph.nodes.length;
  const position = new Int32Array(nodeCount);
  order.forEach((node, index) => (position[node] = index));
  const takesPart = new Uint8Array(nodeCount);
  const entry = new Int32Array(nodeCount * words);
  const exit = new Int32Array(nodeCount * words);
  const addOwnNames = (node: number) => {
    for (const name of setByNode[node]!) exit[node * words + (name >>> 5)]! |= 1 << (name & 31);
  };
  for (let node = 0; node < nodeCount; node += 1) {
    // A chat arrives at a Start with nothing; elsewhere "everything" until the paths say less.
    takesPart[node] = reached[node] === 1 && !isEntryNode(graph.nodes[node]!) ? 1 : 0;
    if (takesPart[node]) entry.fill(-1, node * words, node * words + words);
    exit.set(entry.subarray(node * words, node * words + words), node * words);
    addOwnNames(node);
  }
  // The same worklist in reverse post-order as the "may" analysis: one pass for acyclic flows.
  const pending = new Uint8Array(nodeCount).fill(1);
  const meet = new Int32Array(words);
  let anotherPass = true;
  while (anotherPass) {
    anotherPass = false;
    for (const node of order) {
      if (pending[node] === 0) continue;
      pending[node] = 0;
      if (!takesPart[node]) continue;
      const base = node * words;
      meet.fill(-1);
      for (let at = predecessors.starts[node]!; at < predecessors.starts[node + 1]!; at += 1) {
        const predecessor = predecessors.items[at]!;
        if (!reached[predecessor]) continue;
        const predecessorBase = predecessor * words;
        for (let word = 0; word < words; word += 1) meet[word]! &= exit[predecessorBase + word]!;
      }
      let shrank = false;
      for (let word = 0; word < words; word += 1) {
        if (meet[word] !== entry[base + word]) {
          entry[base + word] = meet[word]!;
          shrank = true;
        }
      }
      if (!shrank) continue;
      exit.set(entry.subarray(base, base + words), base);
      addOwnNames(node);
      for (let at = successors.starts[node]!; at < successors.starts[node + 1]!; at += 1) {
        const successor = successors.items[at]!;
        pending[successor] = 1;
        if (position[successor]! <= position[node]!) anotherPass = true;
      }
    }
  }
  for (let node = 0; node < nodeCount; node += 1) {
    if (!reached[node]) entry.fill(0, node * words, node * words + words);
  }
  return entry;
}

/**
 * 1 for every node some start leads to (the starts included), else 0. `reachableFrom` answers
 * the same by id, but its string sets cost about 10 ms more on 5,000 modules in this hot path.
 */
function reachedFromStarts(graph: FlowGraph, successors: Adjacency): Uint8Array {
  const reached = new Uint8Array(graph.nodes.length);
  const pending = graph.nodes.flatMap((node, index) => (isEntryNode(node) ? [index] : []));
  for (const start of pending) reached[start] = 1;
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    for (let at = successors.starts[node]!; at < successors.starts[node + 1]!; at += 1) {
      const next = successors.items[at]!;
      if (!reached[next]) {
        reached[next] = 1;
        pending.push(next);
      }
    }
  }
  return reached;
}

function reversePostOrder(graph: FlowGraph, successors: Adjacency): number[] {
  const nodeCount = graph.nodes.length;
  const visited = new Uint8Array(nodeCount);
  const postOrder: number[] = [];
  // The depth-first path: a node and how many of its successors it has looked at.
  const pathNode = new Int32Array(nodeCount);
  const pathChild = new Int32Array(nodeCount);
  const visit = (root: number) => {
    let depth = 0;
    pathNode[0] = root;
    pathChild[0] = 0;
    visited[root] = 1;
    while (depth >= 0) {
      const node = pathNode[depth]!;
      const nextChild = successors.starts[node]! + pathChild[depth]!;
      if (nextChild < successors.starts[node + 1]!) {
        pathChild[depth]! += 1;
        const child = successors.items[nextChild]!;
        if (!visited[child]) {
          visited[child] = 1;
          depth += 1;
          pathNode[depth] = child;
          pathChild[depth] = 0;
        }
      } else {
        depth -= 1;
        postOrder.push(node);
      }
    }
  };
  graph.nodes.forEach((node, index) => {
    if (isEntryNode(node) && !visited[index]) visit(index);
  });
  for (let node = 0; node < nodeCount; node += 1) if (!visited[node]) visit(node);
  return postOrder.reverse();
}

let remembered: { graph: FlowGraph; upstream: UpstreamVariables } | null = null;

/**
 * `variablesSetUpstream`, shared by every reader of the same flow (problems, the test bench,
 * personal data, endpoint contracts): worked out again only when a connection, a module or the
 * variables a module sets changed. Typing a URL or a message costs one pass of comparisons.
 */
export function upstreamVariablesOf(graph: FlowGraph, index?: GraphIndex): UpstreamVariables {
  if (remembered === null || !sameVariableFlow(remembered.graph, graph)) {
    remembered = { graph, upstream: variablesSetUpstream(graph, index) };
  } else {
    remembered = { graph, upstream: remembered.upstream };
  }
  return remembered.upstream;
}

/** Whether both graphs give the same analysis: same modules in order, kinds, connections, sets. */
function sameVariableFlow(before: FlowGraph, after: FlowGraph): boolean {
  if (before === after) return true;
  if (before.nodes.length !== after.nodes.length || before.edges.length !== after.edges.length) {
    return false;
  }
  const sameEdges =
    before.edges === after.edges ||
    before.edges.every((edge, index) => {
      const other = after.edges[index];
      return other !== undefined && edge.source === other.source && edge.target === other.target;
    });
  return (
    sameEdges &&
    before.nodes.every((node, index) => {
      const other = after.nodes[index];
      if (other === undefined || node.id !== other.id || node.type !== other.type) return false;
      if (node.data === other.data) return true;
      const setBefore = describeNode(node).variablesSet;
      const setAfter = describeNode(other).variablesSet;
      return (
        setBefore.length === setAfter.length &&
        setBefore.every((name, position) => name === setAfter[position])
      );
    })
  );
}
