import type { ModuleStep } from '../../domain/flowRunner/moduleStep';
import { composeWebServiceRequest } from '../../domain/webservice/composeWebServiceRequest';
import type { WebServiceData } from './webServiceModule';

/**
 * Composes the platform's request from the chat's variables (as the test bench does), sends it
 * and merges what comes back in `data.variables`; a failed call sets nothing and the chat goes on.
 */
export const webServiceStep: ModuleStep<WebServiceData> = async (data, context) => {
  const composed = composeWebServiceRequest({
    flowId: context.conversation.flowId,
    processInstanceId: context.conversation.processInstanceId,
    endpoint: { url: data.url, authorization: data.authorization },
    variables: context.variables,
    testValues: {
      sampleOverrides: {},
      omittedVariables: [],
      params: context.conversation.params,
      rawBody: null,
      timeoutMs: context.conversation.timeoutMs,
    },
  });
  if (!composed.ok) {
    for (const problem of composed.problems) context.note(`Not sent: ${problem}`, 'warning');
    return { kind: 'go-on', output: 'out' };
  }
  const answer = await context.sendWebServiceRequest(composed.request, {
    useRequestQueue: data.useRequestQueue,
    expectedVariables: data.expectedVariables,
  });
  return {
    kind: 'go-on',
    output: 'out',
    assignments: answer.variables.map(({ name, value }) => ({ name, value })),
  };
};
