import { getViewportForBounds, useReactFlow, useStoreApi, type Viewport } from '@xyflow/react';
import { useCallback } from 'react';
import type { AppEdge, AppNode } from '../store/appNode';
import { useFlowStoreApi } from '../store/FlowStoreContext';
import { useFitViewOptions, type ViewFit } from './fitViewOptions';
import { boundsOf, type Box } from './flowOverview';

/** The view that shows `bounds` in a canvas of that size; null while it has no size. */
export function viewportToFit(
  bounds: Box,
  canvas: { width: number; height: number; minZoom: number },
  fit: ViewFit,
): Viewport | null {
  if (canvas.width <= 0 || canvas.height <= 0) return null;
  return getViewportForBounds(
    bounds,
    canvas.width,
    canvas.height,
    canvas.minZoom,
    fit.maxZoom ?? 1,
    fit.padding ?? 0,
  );
}

export interface FitModulesOptions {
  /** The modules to show; all of them when left out. */
  nodeIds?: readonly string[];
  /** Animates the move, in ms. */
  duration?: number;
  maxZoom?: number;
}

/**
 * Fits the view to modules as React Flow's `fitView` would, from the flow store's modules and
 * their boxes: React Flow holds only the modules around the view (`createWindowedFlow`), so its
 * own `fitView` would fit those. Resolves false when there is nothing to fit or no canvas size.
 */
export function useFitModules(): (options?: FitModulesOptions) => Promise<boolean> {
  const flowStore = useFlowStoreApi();
  const reactFlowStore = useStoreApi<AppNode, AppEdge>();
  const { setViewport } = useReactFlow<AppNode, AppEdge>();
  const fitViewOptions = useFitViewOptions();
  return useCallback(
    async ({ nodeIds, duration, maxZoom }: FitModulesOptions = {}) => {
      const { nodes } = flowStore.getState();
      const chosenIds = nodeIds && new Set(nodeIds);
      const bounds = boundsOf(chosenIds ? nodes.filter((node) => chosenIds.has(node.id)) : nodes);
      const canvas = reactFlowStore.getState();
      const viewport =
        bounds &&
        viewportToFit(bounds, canvas, {
          ...fitViewOptions,
          maxZoom: Math.min(maxZoom ?? fitViewOptions.maxZoom ?? 1, canvas.maxZoom),
        });
      if (!viewport) return false;
      return setViewport(viewport, duration === undefined ? undefined : { duration });
    },
    [flowStore, reactFlowStore, setViewport, fitViewOptions],
  );
}
