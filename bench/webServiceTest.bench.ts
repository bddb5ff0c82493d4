import { describe } from 'vitest';
import { sampledBench } from './benchSampling';
import {
  composeWebServiceRequest,
  sampleValuesOf,
} from '../src/domain/webservice/composeWebServiceRequest';
import { emptyTestBench } from '../src/domain/webservice/testBenchRecords';
import { variablesAtNode } from '../src/domain/webservice/variablesAtNode';
import { variablesSetUpstream } from '../src/domain/variablesSetUpstream';
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
  sampledBench('baseline: JSON.stringify of the flow', () => {
    JSON.stringify(flow);
  });
  sampledBench('variablesAtNode (definitely/possibly, setters, samples)', () => {
    // A fresh analysis each time: the shared one would answer from memory after the first.
    variablesAtNode(flow, nodeId, variablesSetUpstream(flow));
  });
  sampledBench(`compose the request body (${rows.length} variables)`, () => {
    composeWebServiceRequest({
      flowId: flow.id,
      processInstanceId: 'chat-1',
      endpoint: { url: 'http://127.0.0.1:9/hook', authorization: '' },
      variables: sampleValuesOf(rows),
      testValues: emptyTestBench(flow.id, nodeId),
    });
  });
});
