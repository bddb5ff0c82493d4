import { buildWebServiceRequest, requestBodyText } from './buildWebServiceRequest';
import { fillSampleTemplates } from './fillSampleTemplates';
import type { TestBenchValues } from './testBenchRecords';
import { webServiceTestRequestSchema, type ParsedWebServiceTestRequest } from './webServiceTestApi';

export interface WebServiceRequestComposition {
  /** The platform's `process_definition_id`. */
  flowId: string;
  /** One chat: fixed for a whole preview conversation, fresh for every bench request. */
  processInstanceId: string;
  /** The module's endpoint as configured. */
  endpoint: { url: string; authorization: string };
  /** What the chat holds at the module, by name: the bench's samples or a running chat's values. */
  variables: Readonly<Record<string, string>>;
  /** The author's test values; the preview passes none beyond its params. */
  testValues: Pick<
    TestBenchValues,
    'sampleOverrides' | 'omittedVariables' | 'params' | 'rawBody' | 'timeoutMs'
  >;
}

export type ComposedWebServiceRequest = {
  /** The variables that go out, placeholders filled, after overrides and left-out ones. */
  sentVariables: Record<string, string>;
  /** The platform's body as composed from the variables. */
  composedBody: string;
  /** What is sent: the raw body while the author edits one, else the composed body. */
  bodyText: string;
} & ({ ok: true; request: ParsedWebServiceTestRequest } | { ok: false; problems: string[] });

/**
 * The exact request the platform would send from a WebService module, and what stops it from
 * being sent. One composition for the test bench, the chat preview and `npm run bench`.
 */
export function composeWebServiceRequest(
  composition: WebServiceRequestComposition,
): ComposedWebServiceRequest {
  const { testValues } = composition;
  const omitted = new Set(testValues.omittedVariables);
  // Placeholders ("SAVE{{nps_score}}") are filled after the author's edits, as the platform would.
  const sentVariables = fillSampleTemplates(
    Object.fromEntries(
      Object.entries(composition.variables)
        .filter(([name]) => !omitted.has(name))
        .map(([name, value]) => [name, testValues.sampleOverrides[name] ?? value]),
    ),
  );
  const composedBody = requestBodyText(
    buildWebServiceRequest({
      flowId: composition.flowId,
      processInstanceId: composition.processInstanceId,
      params: testValues.params,
      variables: sentVariables,
    }),
  );
  const bodyText = testValues.rawBody ?? composedBody;
  const parsed = webServiceTestRequestSchema.safeParse({
    url: composition.endpoint.url,
    authorization: composition.endpoint.authorization,
    body: bodyText,
    timeoutMs: testValues.timeoutMs,
  });
  if (parsed.success)
    return { sentVariables, composedBody, bodyText, ok: true, request: parsed.data };
  return {
    sentVariables,
    composedBody,
    bodyText,
    ok: false,
    problems: parsed.error.issues.map((issue) =>
      issue.path[0] === 'body' ? 'The raw request body below is not valid JSON.' : issue.message,
    ),
  };
}

/** The bench's starting values: each variable at the node with its sample. */
export function sampleValuesOf(
  variables: readonly { name: string; sample: string }[],
): Record<string, string> {
  return Object.fromEntries(variables.map((variable) => [variable.name, variable.sample]));
}
