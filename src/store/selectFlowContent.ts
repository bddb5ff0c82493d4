import type { FlowGraph } from '../domain/flowGraph';
import type { AppNode } from './appNode';
import type { FlowDocumentState } from './createFlowStore';

let last: {
  nodes: readonly AppNode[];
  edges: FlowDocumentState['edges'];
  content: FlowGraph;
} | null = null;

/** Whether both lists hold the same modules with the same names and configurations. */
function sameModules(a: readonly AppNode[], b: readonly AppNode[]): boolean {
  return (
    a.length === b.length &&
    a.every((node, index) => {
      const other = b[index];
      return (
        other !== undefined &&
        node.id === other.id &&
        node.type === other.type &&
        node.name === other.name &&
        node.data === other.data
      );
    })
  );
}

/**
 * The flow as the analyses read it (modules, their names and configurations, connections): the
 * same object while only places, sizes or the selection change, so the panels that work out
 * variables or personal data skip a drag. One comparison pass per store change, shared by
 * every reader.
 */
export function selectFlowContent(state: Pick<FlowDocumentState, 'nodes' | 'edges'>): FlowGraph {
  if (last !== null && last.nodes === state.nodes && last.edges === state.edges) {
    return last.content;
  }
  const content =
    last !== null && last.edges === state.edges && sameModules(last.nodes, state.nodes)
      ? last.content
      : { nodes: state.nodes, edges: state.edges };
  last = { nodes: state.nodes, edges: state.edges, content };
  return content;
}
