import type { FlowGraph } from '../flowGraph';
import { sampleValuesOf } from '../webservice/composeWebServiceRequest';
import { fillSampleTemplates } from '../webservice/fillSampleTemplates';
import { variablesAtNode } from '../webservice/variablesAtNode';

/**
 * The variables `Run from here` starts with at `nodeId`: what the test bench would compose for
 * it, each variable a chat may hold there with its sample, placeholders filled.
 */
export function startingValuesAt(graph: FlowGraph, nodeId: string): Record<string, string> {
  return fillSampleTemplates(sampleValuesOf(variablesAtNode(graph, nodeId)));
}
