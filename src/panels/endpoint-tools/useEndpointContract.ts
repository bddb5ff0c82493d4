import { useMemo } from 'react';
import { endpointContractOf } from '../../domain/endpointGenerators/endpointContractOf';
import { useFlowStore } from '../../store/FlowStoreContext';
import { selectFlowContent } from '../../store/selectFlowContent';

/**
 * The contract of a WebService module as the flow stands, worked out again only when a module's
 * configuration, a name or a connection changes (not when a module is dragged).
 */
export function useEndpointContract(nodeId: string) {
  const content = useFlowStore(selectFlowContent);
  const flowName = useFlowStore((state) => state.name);
  return useMemo(() => endpointContractOf(content, nodeId, flowName), [content, nodeId, flowName]);
}
