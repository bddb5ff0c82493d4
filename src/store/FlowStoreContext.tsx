import { createContext, use, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { FlowState, FlowStore } from './createFlowStore';

const FlowStoreContext = createContext<FlowStore | null>(null);

export function FlowStoreProvider({ store, children }: { store: FlowStore; children: ReactNode }) {
  return <FlowStoreContext value={store}>{children}</FlowStoreContext>;
}

export function useFlowStoreApi(): FlowStore {
  const store = use(FlowStoreContext);
  if (!store) throw new Error('useFlowStoreApi must be used inside <FlowStoreProvider>');
  return store;
}

/** Subscribes to one slice of the open flow; use an atomic selector or `useShallow`. */
export function useFlowStore<T>(selector: (state: FlowState) => T): T {
  return useStore(useFlowStoreApi(), selector);
}

export function useUndoAvailability(): { canUndo: boolean; canRedo: boolean } {
  const store = useFlowStoreApi();
  const canUndo = useStore(store.temporal, (history) => history.pastStates.length > 0);
  const canRedo = useStore(store.temporal, (history) => history.futureStates.length > 0);
  return { canUndo, canRedo };
}
