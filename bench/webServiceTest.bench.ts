import { bench, describe } from 'vitest';
import {
  buildWebServiceRequest,
  requestBodyText,
} from '../src/domain/webservice/buildWebServiceRequest';
import { variablesAtNode } from '../src/domain/webservice/variablesAtNode';
import { createLargeFlow } from './createLargeFlow';

// The test bench works out the variables at the selected WebService whenever a configuration
// or connection changes. Timed on the last WebService of a 5,000-module flow (everything is
// upstream of it) next to a linear baseline over the same data.
const moduleCount = 5000;
const flow = createLargeFlow(moduleCount);
const lastWebService = flow.nodes.findLast((node) => node.type === 'web-service');
const nodeId = lastWebService?.id ?? flow.nodes[flow.nodes.length - 1]!.id;
const rows = variablesAtNode(flow, nodeId);

describe(`test bench variables, ${moduleCount} modules`, () => {
  bench('baseline: JSON.stringify of the flow', () => {
    JSON.stringify(flow);
  });
  bench('variablesAtNode (definitely/possibly, setters, samples)', () => {
    variablesAtNode(flow, nodeId);
  });
  bench(`compose the request body (${rows.length} variables)`, () => {
    requestBodyText(
      buildWebServiceRequest({
        flowId: flow.id,
        processInstanceId: 'chat-1',
        params: {},
        variables: Object.fromEntries(rows.map((row) => [row.name, row.sample])),
      }),
    );
  });
});
