import type { FitViewOptions } from '@xyflow/react';
import { useMemo } from 'react';
import { useWorkspacePreferences } from '../workspace/workspacePreferences';

/** The MiniMap's box plus its margin: a fitted flow stays clear of it. */
const miniMapClearance = '236px';

/**
 * How every "show the whole flow" fits: never above 1× (a small flow is not blown up), with
 * room for the zoom controls on the left and, while it is shown, the MiniMap on the right.
 */
/** The parts of React Flow's fit options that do not depend on the node type. */
export type ViewFit = Pick<FitViewOptions, 'maxZoom' | 'padding' | 'includeHiddenNodes'>;

export function fitViewOptionsFor(miniMapVisible: boolean): ViewFit {
  return {
    maxZoom: 1,
    // Zoomed out, modules are drawn as one picture and hidden from React Flow: they still count.
    includeHiddenNodes: true,
    padding: {
      top: '32px',
      bottom: '32px',
      left: '64px',
      right: miniMapVisible ? miniMapClearance : '32px',
    },
  };
}

export function useFitViewOptions(): ViewFit {
  const miniMapVisible = useWorkspacePreferences((state) => state.miniMapVisible);
  return useMemo(() => fitViewOptionsFor(miniMapVisible), [miniMapVisible]);
}
