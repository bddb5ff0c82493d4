import type { Edge, Node } from '@xyflow/react';
import {
  currentSchemaVersion,
  flowDocumentSchema,
  type FlowDocument,
} from '../domain/flowDocumentSchema';
import type { FlowSettings } from '../domain/flowSettingsSchema';
import type { ModuleDataByKind, ModuleKind } from '../modules/moduleDefinitions';

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

export function nodesFromFlow(flow: FlowDocument): AppNode[] {
  return flow.nodes.map((node) => ({ ...node }));
}

export function edgesFromFlow(flow: FlowDocument): AppEdge[] {
  return flow.edges.map((edge) => ({ ...edge }));
}

/**
 * The flow file form of what the canvas holds, without selection, sizes or other view state.
 * Parsing strips those and re-checks the graph; the store keeps it valid, so a throw is a bug.
 */
export function flowFromCanvas(flow: {
  flowId: string;
  name: string;
  settings?: FlowSettings;
  nodes: readonly AppNode[];
  edges: readonly AppEdge[];
}): FlowDocument {
  return flowDocumentSchema.parse({
    schemaVersion: currentSchemaVersion,
    id: flow.flowId,
    name: flow.name,
    settings: flow.settings,
    nodes: flow.nodes,
    edges: flow.edges.map((edge) => ({ ...edge, sourceHandle: edge.sourceHandle ?? 'out' })),
  });
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
