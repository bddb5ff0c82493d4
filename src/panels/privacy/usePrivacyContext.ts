import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { privacyContextOf, type PrivacyContext } from '../../domain/privacy/personalDataSent';
import { useFlowStore, useFlowStoreApi } from '../../store/FlowStoreContext';

/**
 * The flow's privacy analysis, worked out again only when a configuration, a name, a
 * connection or the approved hosts change: moving a module changes nothing it sends.
 */
export function usePrivacyContext(): PrivacyContext {
  const store = useFlowStoreApi();
  const nodeData = useFlowStore(useShallow((state) => state.nodes.map((node) => node.data)));
  const nodeNames = useFlowStore(useShallow((state) => state.nodes.map((node) => node.name)));
  const edges = useFlowStore((state) => state.edges);
  const approvedHosts = useFlowStore((state) => state.settings.approvedHosts);
  return useMemo(() => {
    void nodeData;
    void nodeNames;
    return privacyContextOf({ nodes: store.getState().nodes, edges }, approvedHosts);
  }, [store, nodeData, nodeNames, edges, approvedHosts]);
}
