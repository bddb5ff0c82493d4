import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { endpointContractOf } from '../../domain/endpointGenerators/endpointContractOf';
import { useFlowStore, useFlowStoreApi } from '../../store/FlowStoreContext';

/**
 * The contract of a WebService module as the flow stands, worked out again only when a module's
 * configuration, a name or a connection changes (not when a module is dragged).
 */
export function useEndpointContract(nodeId: string) {
  const store = useFlowStoreApi();
  const nodeData = useFlowStore(useShallow((state) => state.nodes.map((node) => node.data)));
  const nodeNames = useFlowStore(useShallow((state) => state.nodes.map((node) => node.name)));
  const edges = useFlowStore((state) => state.edges);
  const flowName = useFlowStore((state) => state.name);
  return useMemo(() => {
    void nodeData;
    void nodeNames;
    return endpointContractOf({ nodes: store.getState().nodes, edges }, nodeId, flowName);
  }, [store, nodeData, nodeNames, edges, nodeId, flowName]);
}
