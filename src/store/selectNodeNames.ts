import { moduleDisplayName } from '../domain/moduleDisplayName';
import type { FlowDocumentState } from './createFlowStore';

let cachedNodes: FlowDocumentState['nodes'] | null = null;
let nodesById = new Map<string, FlowDocumentState['nodes'][number]>();

/** Nodes by id, built once per `nodes` array, so each node's lookup is O(1). */
function nodeById(nodes: FlowDocumentState['nodes'], nodeId: string) {
  if (nodes !== cachedNodes) {
    cachedNodes = nodes;
    nodesById = new Map(nodes.map((node) => [node.id, node]));
  }
  return nodesById.get(nodeId);
}

/**
 * How the editor names the node (`moduleDisplayName`): the author's name, else `<Kind> <id>`.
 * Cheap enough for every canvas node to subscribe with.
 */
export function selectNodeName(state: FlowDocumentState, nodeId: string): string | undefined {
  const node = nodeById(state.nodes, nodeId);
  return node ? moduleDisplayName(node) : undefined;
}
