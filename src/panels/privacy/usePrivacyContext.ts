import { useMemo } from 'react';
import { personalVariablesOf } from '../../domain/privacy/personalVariables';
import type { PrivacyContext } from '../../domain/privacy/personalDataSent';
import { upstreamVariablesOf } from '../../domain/variablesSetUpstream';
import type { FlowGraph } from '../../domain/flowGraph';
import { useFlowStore } from '../../store/FlowStoreContext';
import { selectFlowContent } from '../../store/selectFlowContent';

/**
 * The flow's privacy analysis, worked out again only when a configuration, a name or a
 * connection changes (moving a module changes nothing it sends); a change of approved hosts
 * keeps the analysis and only swaps the list. `graph` is the flow it was worked out on.
 */
export function usePrivacyContext(): { context: PrivacyContext; graph: FlowGraph } {
  const graph = useFlowStore(selectFlowContent);
  const approvedHosts = useFlowStore((state) => state.settings.approvedHosts);
  const analysis = useMemo(() => {
    return {
      graph,
      personal: personalVariablesOf(graph),
      upstream: upstreamVariablesOf(graph),
    };
  }, [graph]);
  return useMemo(
    () => ({
      graph: analysis.graph,
      context: { personal: analysis.personal, upstream: analysis.upstream, approvedHosts },
    }),
    [analysis, approvedHosts],
  );
}
