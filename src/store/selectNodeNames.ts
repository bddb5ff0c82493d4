import { moduleDisplayName } from '../domain/moduleDisplayName';
import type { FlowDocumentState } from './createFlowStore';

let indexById = new Map<string, number>();
let indexedNodes: FlowDocumentState['nodes'] | null = null;

/**
 * The node with `nodeId`, found through where it was last: an edit replaces a node in place, so
 * the places are looked up again only when modules are added, removed or reordered. Selectors
 * that run at every store update (every keystroke) then cost no walk over 5,000 modules.
 */
export function nodeById(nodes: FlowDocumentState['nodes'], nodeId: string) {
  const at = indexById.get(nodeId);
  const found = at === undefined ? undefined : nodes[at];
  if (found?.id === nodeId) return found;
  // A module missing from the list the places were read from is missing: no walk per update.
  if (nodes === indexedNodes) return undefined;
  indexedNodes = nodes;
  indexById = new Map(nodes.map((node, index) => [node.id, index]));
  const index = indexById.get(nodeId);
  return index === undefined ? undefined : nodes[index];
}

/**
 * How the editor names the node (`moduleDisplayName`): the author's name, else `<Kind> <id>`.
 * Cheap enough for every canvas node to subscribe with.
 */
export function selectNodeName(state: FlowDocumentState, nodeId: string): string | undefined {
  const node = nodeById(state.nodes, nodeId);
  return node ? moduleDisplayName(node) : undefined;
}
