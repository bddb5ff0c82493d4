import { moduleDisplayName } from '../domain/moduleDisplayName';
import type { FlowDocumentState } from './createFlowStore';

let cachedNodes: FlowDocumentState['nodes'] | null = null;
let namesById = new Map<string, string>();

/** Display names by node id, built once per `nodes` array, so each node's lookup is O(1). */
function namesOf(nodes: FlowDocumentState['nodes']): Map<string, string> {
  if (nodes !== cachedNodes) {
    cachedNodes = nodes;
    namesById = new Map(nodes.map((node) => [node.id, moduleDisplayName(node)]));
  }
  return namesById;
}

/**
 * How the editor names the node (`moduleDisplayName`): the author's name, else `<Kind> <id>`.
 * Cheap enough for every canvas node to subscribe with.
 */
export function selectNodeName(state: FlowDocumentState, nodeId: string): string | undefined {
  return namesOf(state.nodes).get(nodeId);
}

let cachedNodesForOwnNames: FlowDocumentState['nodes'] | null = null;
let ownNamesById = new Map<string, string>();

/** The name the author gave the node, or undefined: the canvas shows it as the node's title. */
export function selectOwnNodeName(state: FlowDocumentState, nodeId: string): string | undefined {
  if (state.nodes !== cachedNodesForOwnNames) {
    cachedNodesForOwnNames = state.nodes;
    ownNamesById = new Map(
      state.nodes.flatMap((node) => (node.name ? [[node.id, node.name] as const] : [])),
    );
  }
  return ownNamesById.get(nodeId);
}
