import { customerVariableNames } from './customerVariables';
import {
  isEntryNode,
  moduleDefinitions,
  type ModuleDataByKind,
  type ModuleKind,
} from '../modules/moduleDefinitions';
import { describeNode } from './describeNode';
import { findChatBudgetProblems } from './findChatBudgetProblems';
import type { FlowGraph, GraphNode } from './flowGraph';
import { indexGraph, type GraphIndex } from './graphIndex';
import type { FlowSettings } from './flowSettingsSchema';
import { moduleDisplayName } from './moduleDisplayName';
import { findPrivacyProblems, privacyProblemsOf } from './privacy/findPrivacyProblems';
import { calledUrlOf, privacyContextOf } from './privacy/personalDataSent';
import { personalSettingsOf } from './privacy/personalVariables';
import { variableNameSchema } from './variableNameSchema';
import {
  upstreamVariablesOf,
  variablesSetUpstream,
  type UpstreamVariables,
} from './variablesSetUpstream';

export interface FlowProblem {
  /** Stable key for lists. */
  key: string;
  /** The node to select when the author clicks the problem; null for flow-wide ones. */
  nodeId: string | null;
  /** How the list names that node (`moduleDisplayName`, e.g. `Question ask-email`); null for flow-wide ones. */
  nodeName: string | null;
  message: string;
}

export type ProblemGraph = FlowGraph & { settings?: FlowSettings };

/** Per node id: fields whose typed text is invalid (kept in the inspector, not in the graph). */
export type FieldProblems = ReadonlyMap<string, readonly string[]>;

/** Everything that would stop the flow from running as the author means it. */
export function findFlowProblems(
  /** Without settings (no approved hosts), hosts are not checked. */
  graph: ProblemGraph,
  fieldProblems: FieldProblems = new Map(),
): FlowProblem[] {
  // Worked out from scratch, not from the analysis other readers share.
  return createFlowProblemFinder(variablesSetUpstream)(graph, fieldProblems).problems;
}

/** The problems of a flow, also by node id; each node's list is kept while it stays the same. */
export interface FlowProblems {
  problems: FlowProblem[];
  /** Messages by node id; a node without problems is absent. */
  byNode: ReadonlyMap<string, readonly string[]>;
}

/**
 * What the graph analyses depend on: the connections, and per module its kind, outputs, the
 * variables it sets and uses and how long it may keep the customer waiting. Names, texts and
 * positions do not count.
 */
interface GraphShape {
  edges: FlowGraph['edges'];
  nodes: readonly GraphNode[];
  /** Module positions and connections; the analyses below read modules by position. */
  index: GraphIndex;
  startCount: number;
  /** Per module position, the outputs a connection leaves from. */
  connectedHandles: readonly (readonly string[] | undefined)[];
  upstream: UpstreamVariables;
}

interface NodeProblemsEntry {
  node: GraphNode;
  fieldProblems: readonly string[] | undefined;
  /** An extra Start's problem: listed before every module's own ones. */
  startProblems: FlowProblem[];
  problems: FlowProblem[];
  messages: readonly string[];
}

/**
 * `findFlowProblems` for a flow that changes one edit at a time. The graph analyses (reachability,
 * variables set upstream) run again only when the graph's shape changed; a module's own
 * problems are found again only when it, its invalid fields or that shape changed. Typing into
 * one module of 5,000 then costs one module's checks and a pass of identity comparisons.
 */
export function createFlowProblemFinder(
  upstreamOf: (graph: FlowGraph, index: GraphIndex) => UpstreamVariables = upstreamVariablesOf,
) {
  let shape: GraphShape | null = null;
  const entries = new Map<string, NodeProblemsEntry>();
  let last: FlowProblems | null = null;
  let budget: FlowProblem[] = [];
  let privacy: FlowProblem[] = [];
  /** The privacy problems of each module that has any. */
  let privacyByNode = new Map<string, FlowProblem[]>();
  let privacyHosts: readonly string[] | undefined;
  let budgetByNode = new Map<string, FlowProblem[]>();
  const withTail = new Map<string, { own: readonly string[]; merged: readonly string[] }>();
  /** The last call's modules and their entries, by place: an untouched module costs no lookup. */
  let lastNodes: readonly GraphNode[] = [];
  let lastEntries: NodeProblemsEntry[] = [];
  let lastFieldProblems: FieldProblems | null = null;

  /** A module's messages: its own, then the chat budget's and privacy's about it. */
  const messagesOf = (id: string, entry: NodeProblemsEntry): readonly string[] | undefined => {
    const budgetMessages = budgetByNode.get(id);
    const privacyProblems = privacyByNode.get(id);
    if (!budgetMessages && !privacyProblems) {
      return entry.messages.length > 0 ? entry.messages : undefined;
    }
    const extra = [...(budgetMessages ?? []), ...(privacyProblems ?? [])].map(
      (problem) => problem.message,
    );
    let merged = withTail.get(id);
    if (
      merged?.own !== entry.messages ||
      !sameList(merged.merged.slice(entry.messages.length), extra)
    ) {
      merged = { own: entry.messages, merged: [...entry.messages, ...extra] };
      withTail.set(id, merged);
    }
    return merged.merged;
  };

  return function findProblems(graph: ProblemGraph, fieldProblems: FieldProblems): FlowProblems {
    const shapeBefore = shape;
    const shapeKept = sameShape(shapeBefore, graph);
    // Kept with this call's lists, so that the next call compares them by identity first.
    shape = shapeKept
      ? { ...shapeBefore, nodes: graph.nodes, edges: graph.edges }
      : shapeOf(graph, upstreamOf);
    const shapeChanged = !shapeKept;
    const startProblems: FlowProblem[] = [];
    const problems: FlowProblem[] = [];
    let changed = shapeChanged || entries.size !== graph.nodes.length;
    let namesChanged = false;
    let privacyInputsChanged = changed;
    /** Modules whose URL alone changed: only their own calls are judged again. */
    const callsChanged: GraphNode[] = [];
    const entriesChanged: string[] = [];
    const entriesInOrder: NodeProblemsEntry[] = new Array<NodeProblemsEntry>(graph.nodes.length);
    const sameFieldProblems = fieldProblems === lastFieldProblems;
    if (shape.startCount === 0) {
      startProblems.push(flowProblem('The flow has no Start module'));
    }
    for (let index = 0; index < graph.nodes.length; index += 1) {
      const node = graph.nodes[index]!;
      const kept = lastEntries[index];
      if (!shapeChanged && sameFieldProblems && lastNodes[index] === node && kept) {
        entriesInOrder[index] = kept;
        for (const problem of kept.startProblems) startProblems.push(problem);
        for (const problem of kept.problems) problems.push(problem);
        continue;
      }
      const known = entries.get(node.id);
      const nodeFieldProblems = fieldProblems.get(node.id);
      const entry =
        !shapeChanged &&
        known !== undefined &&
        known.node.data === node.data &&
        known.node.name === node.name &&
        known.node.type === node.type &&
        known.fieldProblems === nodeFieldProblems
          ? known
          : nodeEntry(node, index, nodeFieldProblems, shape);
      if (entry !== known) {
        changed = true;
        const privacyChange = known ? privacyChangeOf(known.node, node) : 'marks';
        if (privacyChange === 'marks') privacyInputsChanged = true;
        else if (privacyChange === 'call') callsChanged.push(node);
      }
      if (known?.node.name !== node.name) namesChanged = true;
      if (entry !== known) {
        entries.set(node.id, entry);
        entriesChanged.push(node.id);
      }
      entriesInOrder[index] = entry;
      for (const problem of entry.startProblems) startProblems.push(problem);
      for (const problem of entry.problems) problems.push(problem);
    }
    lastNodes = graph.nodes;
    lastEntries = entriesInOrder;
    lastFieldProblems = fieldProblems;
    const entriesKept = entries.size === graph.nodes.length;
    if (!entriesKept) {
      const ids = new Set(graph.nodes.map((node) => node.id));
      for (const id of entries.keys()) if (!ids.has(id)) entries.delete(id);
    }
    const approvedHosts = graph.settings?.approvedHosts;
    if (approvedHosts !== privacyHosts) changed = true;
    if (!changed && last) return last;
    // Long waits name the modules on the way, so a rename can change them too.
    let tailsChanged = false;
    if (shapeChanged || namesChanged || !last) {
      tailsChanged = true;
      budget = findChatBudgetProblems(graph, shape.index).map(({ node, message }) =>
        nodeProblem(node, message),
      );
      budgetByNode = byNodeId(budget);
      withTail.clear();
    }
    // Privacy reads every module's personal marks and URL: found again when one of them, a
    // name, the graph or the approved hosts changed, not on every keystroke in a message.
    if (privacyInputsChanged || namesChanged || approvedHosts !== privacyHosts || !last) {
      tailsChanged = true;
      privacyHosts = approvedHosts;
      const privacyContext = privacyContextOf(graph, approvedHosts ?? [], shape.upstream);
      privacy = findPrivacyProblems(graph, privacyContext).map(({ node, message }) =>
        nodeProblem(node, message),
      );
      privacyByNode = byNodeId(privacy);
    } else if (callsChanged.length > 0) {
      // Who sends what is unchanged: a typed URL changes that module's own problems only.
      const privacyContext = privacyContextOf(graph, approvedHosts ?? [], shape.upstream);
      for (const node of callsChanged) {
        const found = privacyProblemsOf(node, privacyContext);
        if (found.length > 0) {
          privacyByNode.set(
            node.id,
            found.map(({ message }) => nodeProblem(node, message)),
          );
        } else privacyByNode.delete(node.id);
      }
      privacy = [];
      for (const node of graph.nodes) {
        const found = privacyByNode.get(node.id);
        if (found) privacy.push(...found);
      }
    }
    // A keystroke changes one module's entry: the other modules' messages are the same lists.
    let byNode: Map<string, readonly string[]>;
    if (last && entriesKept && !tailsChanged) {
      byNode = new Map(last.byNode);
      // A module whose URL changed is among them: its entry changed with its configuration.
      for (const id of entriesChanged) {
        const entry = entries.get(id);
        const messages = entry && messagesOf(id, entry);
        if (messages) byNode.set(id, messages);
        else byNode.delete(id);
      }
    } else {
      const rebuilt = new Map<string, readonly string[]>();
      entries.forEach((entry, id) => {
        const messages = messagesOf(id, entry);
        if (messages) rebuilt.set(id, messages);
      });
      byNode = rebuilt;
    }
    last = {
      problems: withUniqueKeys([...startProblems, ...problems, ...budget, ...privacy]),
      byNode,
    };
    return last;
  };
}

/** Module problems grouped by their module's id, in list order. */
function byNodeId(problems: readonly FlowProblem[]): Map<string, FlowProblem[]> {
  const grouped = new Map<string, FlowProblem[]>();
  for (const problem of problems) {
    const id = problem.nodeId ?? '';
    const group = grouped.get(id);
    if (group) group.push(problem);
    else grouped.set(id, [problem]);
  }
  return grouped;
}

/**
 * Numbers repeated keys (`key#1`, `key#2`) in list order: an id and a message can spell another
 * problem's key, and a module can have the same problem twice.
 */
function withUniqueKeys(problems: FlowProblem[]): FlowProblem[] {
  const keysSeen = new Map<string, number>();
  return problems.map((problem) => {
    const seen = keysSeen.get(problem.key) ?? 0;
    keysSeen.set(problem.key, seen + 1);
    return seen === 0 ? problem : { ...problem, key: `${problem.key}#${seen}` };
  });
}

function nodeProblem(node: GraphNode, message: string): FlowProblem {
  return {
    key: `${node.id}:${message}`,
    nodeId: node.id,
    nodeName: moduleDisplayName(node),
    message,
  };
}

function flowProblem(message: string): FlowProblem {
  return { key: `flow:${message}`, nodeId: null, nodeName: null, message };
}

/** Whether the graph analyses of `shape` still hold for `graph`. */
function sameShape(shape: GraphShape | null, graph: FlowGraph): shape is GraphShape {
  if (!shape || shape.nodes.length !== graph.nodes.length) return false;
  if (!sameEdges(shape.edges, graph.edges)) return false;
  if (shape.nodes === graph.nodes) return true;
  return shape.nodes.every((node, index) => {
    const other = graph.nodes[index];
    if (other === undefined || node.id !== other.id || node.type !== other.type) return false;
    if (node.data === other.data) return true;
    const before = describeNode(node);
    const after = describeNode(other);
    return (
      longestWaitOf(node) === longestWaitOf(other) &&
      sameList(before.variablesSet, after.variablesSet) &&
      sameList(before.variablesUsed, after.variablesUsed) &&
      sameList(
        before.outputs.map((output) => `${output.id}\u0000${output.label}`),
        after.outputs.map((output) => `${output.id}\u0000${output.label}`),
      )
    );
  });
}

/**
 * What changed of what the privacy check reads: nothing, only the URL the module calls, or its
 * personal marks (or kind), which change what every module after it sends.
 */
function privacyChangeOf(before: GraphNode, after: GraphNode): 'none' | 'call' | 'marks' {
  if (before.data === after.data) return 'none';
  if (before.type !== after.type) return 'marks';
  const settings = (node: GraphNode) =>
    personalSettingsOf(node)
      .map(({ variable, because }) => `${variable}\u0000${because}`)
      .join('\u0001');
  if (settings(before) !== settings(after)) return 'marks';
  return calledUrlOf(before) === calledUrlOf(after) ? 'none' : 'call';
}

function longestWaitOf<K extends ModuleKind>(node: { type: K; data: ModuleDataByKind[K] }) {
  return moduleDefinitions[node.type].longestCustomerWaitMs(node.data);
}

function sameEdges(a: FlowGraph['edges'], b: FlowGraph['edges']): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((edge, index) => {
    const other = b[index];
    return (
      other !== undefined &&
      edge.source === other.source &&
      edge.target === other.target &&
      (edge.sourceHandle ?? 'out') === (other.sourceHandle ?? 'out')
    );
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function shapeOf(
  graph: FlowGraph,
  upstreamOf: (graph: FlowGraph, index: GraphIndex) => UpstreamVariables,
): GraphShape {
  const index = indexGraph(graph);
  return {
    edges: graph.edges,
    nodes: graph.nodes,
    index,
    startCount: graph.nodes.filter(isEntryNode).length,
    connectedHandles: connectedHandlesOf(graph.edges, index),
    upstream: upstreamOf(graph, index),
  };
}

function connectedHandlesOf(
  edges: FlowGraph['edges'],
  index: GraphIndex,
): (string[] | undefined)[] {
  const handles = new Array<string[] | undefined>(index.nodeCount);
  for (let edge = 0; edge < edges.length; edge += 1) {
    const source = index.edgeSources[edge]!;
    if (source < 0) continue;
    const handle = edges[edge]!.sourceHandle ?? 'out';
    const list = handles[source];
    if (list) list.push(handle);
    else handles[source] = [handle];
  }
  return handles;
}

const noProblemsFound: FlowProblem[] = [];
const noMessages: readonly string[] = [];
/** Names already checked against `variableNameSchema`: a flow uses the same few again and again. */
const variableNameVerdicts = new Map<string, boolean>();

function isVariableName(name: string): boolean {
  let verdict = variableNameVerdicts.get(name);
  if (verdict === undefined) {
    verdict = variableNameSchema.safeParse(name).success;
    if (variableNameVerdicts.size > 10_000) variableNameVerdicts.clear();
    variableNameVerdicts.set(name, verdict);
  }
  return verdict;
}

/** One module's problems, in the order the list shows them. */
function nodeEntry(
  node: GraphNode,
  /** The module's place in the graph's nodes. */
  position: number,
  fieldProblems: readonly string[] | undefined,
  shape: GraphShape,
): NodeProblemsEntry {
  // Most modules have no problem: they share the empty lists and never build their name.
  let startProblems = noProblemsFound;
  let problems = noProblemsFound;
  let nodeName: string | null = null;
  const problemOf = (message: string): FlowProblem => {
    nodeName ??= moduleDisplayName(node);
    return { key: `${node.id}:${message}`, nodeId: node.id, nodeName, message };
  };
  const add = (message: string) => {
    if (problems === noProblemsFound) problems = [];
    problems.push(problemOf(message));
  };
  const facts = describeNode(node);
  if (isEntryNode(node) && shape.startCount > 1 && !isFirstStart(node, shape)) {
    startProblems = [
      problemOf(`The flow has ${shape.startCount} Start modules; a chat needs exactly one`),
    ];
  }
  if (shape.startCount > 0 && !shape.upstream.reachedFromStartAt(position)) {
    add('Not reachable from Start');
  }
  const connected = shape.connectedHandles[position];
  for (const output of facts.outputs) {
    if (!connected?.includes(output.id)) {
      add(
        output.label
          ? `Output "${output.label}" leads nowhere`
          : `${facts.label} output leads nowhere`,
      );
    }
  }
  if (fieldProblems) for (const message of fieldProblems) add(message);
  for (const message of facts.configurationProblems) add(message);
  const used = facts.variablesUsed.length > 1 ? new Set(facts.variablesUsed) : facts.variablesUsed;
  for (const name of used) {
    if (!isVariableName(name)) {
      add(`{{${name}}} is not a variable name; names are lower snake_case`);
    } else if (!customerVariableNames.has(name) && !shape.upstream.mayBeSetAt(position, name)) {
      add(`Uses {{${name}}}, which no module before it sets`);
    }
  }
  const found = startProblems.length + problems.length;
  return {
    node,
    fieldProblems,
    startProblems,
    problems,
    messages:
      found === 0 ? noMessages : [...startProblems, ...problems].map((problem) => problem.message),
  };
}

function isFirstStart(node: GraphNode, shape: GraphShape): boolean {
  return shape.nodes.find(isEntryNode)?.id === node.id;
}
