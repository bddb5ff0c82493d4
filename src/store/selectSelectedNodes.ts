import { addableModuleKinds } from '../domain/addableModuleKinds';
import type { ModuleKind } from '../modules/moduleDefinitions';
import type { AppNode } from './appNode';
import type { FlowDocumentState } from './createFlowStore';

const selectedByNodes = new WeakMap<readonly AppNode[], readonly AppNode[]>();
const addableByNodes = new WeakMap<readonly AppNode[], readonly ModuleKind[]>();

/**
 * The selected modules, found once per node list and shared by every panel that asks: while a
 * module of a large flow is dragged or edited, one pass instead of one per reader per frame.
 */
export function selectSelectedNodes(state: Pick<FlowDocumentState, 'nodes'>): readonly AppNode[] {
  let selected = selectedByNodes.get(state.nodes);
  if (!selected) {
    selected = state.nodes.filter((node) => node.selected);
    selectedByNodes.set(state.nodes, selected);
  }
  return selected;
}

/** The kinds the palette offers for this node list (`addableModuleKinds`), once per list. */
export function selectAddableKinds(state: Pick<FlowDocumentState, 'nodes'>): readonly ModuleKind[] {
  let kinds = addableByNodes.get(state.nodes);
  if (!kinds) {
    kinds = addableModuleKinds(state.nodes);
    addableByNodes.set(state.nodes, kinds);
  }
  return kinds;
}
