import type { Edge, Node } from '@xyflow/react';
import {
  currentSchemaVersion,
  findGraphIssues,
  flowDocumentSchema,
  flowEdgeSchema,
  type FlowDocument,
  type FlowEdge,
} from '../domain/flowDocumentSchema';
import type { FlowSettings } from '../domain/flowSettingsSchema';
import {
  flowNodeSchema,
  type FlowNode,
  type ModuleDataByKind,
  type ModuleKind,
} from '../modules/moduleDefinitions';

/** A canvas node of one module kind. `type` is required: it is the module kind. */
export type AppNodeOf<K extends ModuleKind> = Node<ModuleDataByKind[K], K> & {
  type: K;
  /** The author's name for the module; without one it is called `<Kind> <id>`. */
  name?: string;
};

/** Any canvas node: the union over all module kinds, so `type` narrows `data`. */
export type AppNode = { [K in ModuleKind]: AppNodeOf<K> }[ModuleKind];

export type AppEdge = Edge;

/** Narrows a canvas node to one module kind. */
export function isNodeOfKind<K extends ModuleKind>(
  node: AppNode,
  kind: K,
): node is AppNode & AppNodeOf<K> {
  return node.type === kind;
}

/**
 * The file form of canvas nodes and edges already checked: by a node's configuration object (the
 * store replaces it on every change) and by the edge object. Turning a flow of 50,000 modules
 * into its file form on every autosave would otherwise take the page for half a second.
 */
const checkedNodes = new WeakMap<object, FlowNode>();
const checkedEdges = new WeakMap<AppEdge, FlowEdge>();

/**
 * Documents opened since the file form was last asked for: their nodes and edges were checked
 * when the document was parsed, and are remembered as such then, not while the flow opens. The
 * last few only: a document not remembered costs a check of its nodes, not a wrong file.
 */
let openedDocuments: FlowDocument[] = [];
const openedDocumentsKept = 4;

function rememberOpenedDocuments() {
  for (const flow of openedDocuments) {
    for (const node of flow.nodes) checkedNodes.set(node.data, node);
    for (const edge of flow.edges) checkedEdges.set(edge, edge);
  }
  openedDocuments = [];
}

/**
 * The canvas nodes of a flow document (checked when it was parsed): the document's own node
 * objects, not copies, since a large flow's 50,000 copies would hold the page; every change
 * replaces a node rather than changing it, so the document stays as it was.
 */
export function nodesFromFlow(flow: FlowDocument): AppNode[] {
  rememberWhenAsked(flow);
  return [...flow.nodes];
}

export function edgesFromFlow(flow: FlowDocument): AppEdge[] {
  rememberWhenAsked(flow);
  return [...flow.edges];
}

function rememberWhenAsked(flow: FlowDocument) {
  if (openedDocuments.includes(flow)) return;
  openedDocuments = [...openedDocuments.slice(1 - openedDocumentsKept), flow];
}

/** The graph last found valid: moves and renames leave it so and need no check. */
let lastValidGraph: { nodes: readonly AppNode[]; edges: readonly AppEdge[] } | null = null;

/** Whether `b` has the ids, configurations (hence outputs) and edges `a` was checked with. */
function sameGraph(
  a: { nodes: readonly AppNode[]; edges: readonly AppEdge[] } | null,
  b: { nodes: readonly AppNode[]; edges: readonly AppEdge[] },
): boolean {
  if (a === null || a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((node, index) => {
    const other = b.nodes[index];
    return other !== undefined && node.id === other.id && node.data === other.data;
  });
}

function fileNodeOf(node: AppNode): FlowNode {
  const known = checkedNodes.get(node.data);
  if (
    known !== undefined &&
    known.id === node.id &&
    known.type === node.type &&
    known.name === node.name &&
    known.position.x === node.position.x &&
    known.position.y === node.position.y
  ) {
    return known;
  }
  const parsed = flowNodeSchema.parse(node);
  checkedNodes.set(node.data, parsed);
  return parsed;
}

function fileEdgeOf(edge: AppEdge): FlowEdge {
  const known = checkedEdges.get(edge);
  if (known !== undefined) return known;
  const parsed = flowEdgeSchema.parse({ ...edge, sourceHandle: edge.sourceHandle ?? 'out' });
  checkedEdges.set(edge, parsed);
  return parsed;
}

/**
 * The flow file form of what the canvas holds, without selection, sizes or other view state.
 * Parsing strips those and the graph is checked again (as `flowDocumentSchema` does); nodes and
 * edges unchanged since they were last checked are not parsed again. The store keeps the flow
 * valid, so a throw is a bug.
 */
export function flowFromCanvas(flow: {
  flowId: string;
  name: string;
  settings?: FlowSettings;
  nodes: readonly AppNode[];
  edges: readonly AppEdge[];
}): FlowDocument {
  rememberOpenedDocuments();
  const header = flowDocumentSchema.parse({
    schemaVersion: currentSchemaVersion,
    id: flow.flowId,
    name: flow.name,
    settings: flow.settings,
    nodes: [],
    edges: [],
  });
  const nodes = flow.nodes.map(fileNodeOf);
  const edges = flow.edges.map(fileEdgeOf);
  const issues = sameGraph(lastValidGraph, flow)
    ? []
    : findGraphIssues(
        nodes.map((node) => ({ id: node.id, node })),
        edges,
      );
  if (issues.length === 0) lastValidGraph = { nodes: flow.nodes, edges: flow.edges };
  if (issues.length > 0) {
    throw new Error(
      `The flow is not valid: ${issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  return { ...header, nodes, edges };
}

/** Whether two edge lists connect the same handles to the same nodes, in the same order. */
export function sameConnections(a: readonly AppEdge[], b: readonly AppEdge[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((edge, index) => {
    const other = b[index];
    return (
      other !== undefined &&
      edge.id === other.id &&
      edge.source === other.source &&
      edge.target === other.target &&
      edge.sourceHandle === other.sourceHandle
    );
  });
}
