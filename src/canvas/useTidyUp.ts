import { useCallback } from 'react';
import { sizeOfModules } from '../domain/moduleBoxes';
import { useFlowStoreApi } from '../store/FlowStoreContext';
import { useFitModules } from './useFitModules';

/**
 * Tidy up: lays the open flow out top to bottom (`layoutFlow`, with the sizes the canvas
 * measured) as one undo step, then shows all of it once the new positions are drawn.
 */
export function useTidyUp(): () => void {
  const store = useFlowStoreApi();
  const fitModules = useFitModules();
  return useCallback(() => {
    // The layout engine (dagre) is fetched the first time it is needed, not with the editor.
    void import('../domain/layoutFlow').then(({ layoutFlow }) => {
      const { nodes, edges } = store.getState();
      store.getState().applyLayout(layoutFlow({ nodes, edges }, sizeOfModules(nodes)));
      void fitModules();
    });
  }, [store, fitModules]);
}
