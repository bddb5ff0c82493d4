import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { classifyPersonalVariables } from '../../domain/privacy/personalVariables';
import type { PrivacyContext } from '../../domain/privacy/personalDataSent';
import { variablesSetUpstream } from '../../domain/variablesSetUpstream';
import type { FlowGraph } from '../../domain/flowGraph';
import { useFlowStore, useFlowStoreApi } from '../../store/FlowStoreContext';

/**
 * The flow's privacy analysis, worked out again only when a configuration, a name or a
 * connection changes (moving a module changes nothing it sends); a change of approved hosts
 * keeps the analysis and only swaps the list. `graph` is the flow it was worked out on.
 */
export function usePrivacyContext(): { context: PrivacyContext; graph: FlowGraph } {
  const store = useFlowStoreApi();
  const nodeData = useFlowStore(useShallow((state) => state.nodes.map((node) => node.data)));
  const nodeNames = useFlowStore(useShallow((state) => state.nodes.map((node) => node.name)));
  const edges = useFlowStore((state) => state.edges);
  const approvedHosts = useFlowStore((state) => state.settings.approvedHosts);
  const analysis = useMemo(() => {
    void nodeData;
    void nodeNames;
    const graph: FlowGraph = { nodes: store.getState().nodes, edges };
    return {
      graph,
      personal: classifyPersonalVariables(graph),
      upstream: variablesSetUpstream(graph),
    };
  }, [store, nodeData, nodeNames, edges]);
  return useMemo(
    () => ({
      graph: analysis.graph,
      context: { personal: analysis.personal, upstream: analysis.upstream, approvedHosts },
    }),
    [analysis, approvedHosts],
  );
}
