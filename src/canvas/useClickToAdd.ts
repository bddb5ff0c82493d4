import { useReactFlow, useStoreApi } from '@xyflow/react';
import { outputIdsOf } from '../domain/flowDocumentSchema';
import { placeNewModule, type ModuleBox } from '../domain/placeNewModule';
import { moduleDefinitions, type ModuleKind } from '../modules/moduleDefinitions';
import type { AppEdge, AppNode } from '../store/appNode';
import { useFlowStoreApi } from '../store/FlowStoreContext';
import { defaultModuleSize } from '../domain/moduleBoxes';

function boxOf(node: AppNode): ModuleBox {
  const size = defaultModuleSize(node.type);
  return {
    ...node.position,
    width: node.measured?.width ?? size.width,
    height: node.measured?.height ?? size.height,
  };
}

/** The first output of `node` that leads nowhere yet, if any. */
function freeOutputOf(node: AppNode, edges: readonly AppEdge[]): string | undefined {
  const taken = new Set(
    edges.filter((edge) => edge.source === node.id).map((edge) => edge.sourceHandle ?? 'out'),
  );
  return outputIdsOf(node).find((output) => !taken.has(output));
}

/**
 * Adding a module by clicking its palette button: with one module selected that has a free
 * output, the new module goes below it, connected (as in n8n); otherwise near the centre of the
 * view. Either way on a free spot, and selected.
 */
export function useClickToAdd(): (kind: ModuleKind) => void {
  const store = useFlowStoreApi();
  const reactFlowStore = useStoreApi<AppNode, AppEdge>();
  const { screenToFlowPosition, setCenter, getZoom } = useReactFlow<AppNode, AppEdge>();

  return (kind) => {
    const { nodes, edges, addConnectedNode } = store.getState();
    const canvas = reactFlowStore.getState().domNode?.getBoundingClientRect();
    const viewCentre = canvas?.width
      ? screenToFlowPosition({
          x: canvas.left + canvas.width / 2,
          y: canvas.top + canvas.height / 2,
        })
      : { x: 0, y: 0 };
    const selected = nodes.filter((node) => node.selected);
    const previous = selected.length === 1 ? selected[0] : undefined;
    const output =
      previous && moduleDefinitions[kind].hasInput ? freeOutputOf(previous, edges) : undefined;
    const position = placeNewModule({
      occupied: nodes.map(boxOf),
      size: defaultModuleSize(kind),
      viewCentre,
      below: previous && output ? boxOf(previous) : null,
    });
    addConnectedNode(
      kind,
      position,
      previous && output ? { nodeId: previous.id, sourceHandle: output } : null,
    );
    // Placed below a module near the edge of the view, it would land out of sight: follow it.
    if (!canvas?.width) return;
    const size = defaultModuleSize(kind);
    const topLeft = screenToFlowPosition({ x: canvas.left, y: canvas.top });
    const bottomRight = screenToFlowPosition({ x: canvas.right, y: canvas.bottom });
    const inView =
      position.x >= topLeft.x &&
      position.y >= topLeft.y &&
      position.x + size.width <= bottomRight.x &&
      position.y + size.height <= bottomRight.y;
    if (!inView) {
      void setCenter(position.x + size.width / 2, position.y + size.height / 2, {
        zoom: getZoom(),
        duration: 200,
      });
    }
  };
}
