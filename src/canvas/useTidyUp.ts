import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { sizeOfModules } from '../domain/moduleBoxes';
import type { AppEdge, AppNode } from '../store/appNode';
import { useFlowStoreApi } from '../store/FlowStoreContext';
import { useFitViewOptions } from './fitViewOptions';

/**
 * Tidy up: lays the open flow out top to bottom (`layoutFlow`, with the sizes the canvas
 * measured) as one undo step, then shows all of it once the new positions are drawn.
 */
export function useTidyUp(): () => void {
  const store = useFlowStoreApi();
  const { fitView } = useReactFlow<AppNode, AppEdge>();
  const fitViewOptions = useFitViewOptions();
  return useCallback(() => {
    // The layout engine (dagre) is fetched the first time it is needed, not with the editor.
    void import('../domain/layoutFlow').then(({ layoutFlow }) => {
      const { nodes, edges } = store.getState();
      store.getState().applyLayout(layoutFlow({ nodes, edges }, sizeOfModules(nodes)));
      // React Flow applies the new positions on its next render; fit the view after that.
      requestAnimationFrame(() => requestAnimationFrame(() => void fitView(fitViewOptions)));
    });
  }, [store, fitView, fitViewOptions]);
}
