import type { FlowGraph } from '../flowGraph';
import { moduleDisplayName } from '../moduleDisplayName';
import { variablesAtNode, type VariableAtNode } from '../webservice/variablesAtNode';

/** What one WebService module's endpoint must do, as the generators and the OpenAPI export need it. */
export interface EndpointContract {
  nodeId: string;
  moduleName: string;
  flowName: string;
  /** The module's URL as configured, `''` when it has none yet. */
  url: string;
  /** How the module authenticates: none, `Bearer <token>`, or another Authorization value. */
  authorization: 'none' | 'bearer' | 'other';
  useRequestQueue: boolean;
  /** Every variable the platform sends to this module, flow variables first. */
  receivedVariables: readonly VariableAtNode[];
  /** The author's required variables: missing or empty, the endpoint answers 400. */
  requiredVariables: readonly string[];
  /** What the flow expects back in `data.variables`. */
  expectedVariables: readonly string[];
}

/** The contract of the WebService module `nodeId`, or null when there is no such module. */
export function endpointContractOf(
  graph: FlowGraph,
  nodeId: string,
  flowName: string,
): EndpointContract | null {
  const node = graph.nodes.find((candidate) => candidate.id === nodeId);
  if (node?.type !== 'web-service') return null;
  const { data } = node;
  const authorization = data.authorization.trim();
  return {
    nodeId,
    moduleName: moduleDisplayName(node),
    flowName,
    url: data.url,
    authorization:
      authorization === '' ? 'none' : /^bearer\s+\S/i.test(authorization) ? 'bearer' : 'other',
    useRequestQueue: data.useRequestQueue,
    receivedVariables: variablesAtNode(graph, nodeId),
    requiredVariables: data.requiredVariables,
    expectedVariables: data.expectedVariables,
  };
}
