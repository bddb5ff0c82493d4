import type { FitViewOptions } from '@xyflow/react';
import { useMemo } from 'react';
import { useWorkspacePreferences } from '../workspace/workspacePreferences';

/** The MiniMap's box plus its margin: a fitted flow stays clear of it. */
const miniMapClearance = '236px';

/** The parts of React Flow's fit options that do not depend on the node type. */
export type ViewFit = Pick<FitViewOptions, 'maxZoom' | 'padding'>;

/**
 * How every "show the whole flow" fits: never above 1× (a small flow is not blown up), with
 * room for the zoom controls on the left and, while it is shown, the MiniMap on the right.
 */
export function fitViewOptionsFor(miniMapVisible: boolean): ViewFit {
  return {
    maxZoom: 1,
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
