import type { WebServiceRequestBody } from './webServiceContract';

export interface WebServiceRequestInput {
  /** The flow's id: the platform's `process_definition_id`. */
  flowId: string;
  /** One chat session: fresh for every request. */
  processInstanceId: string;
  params: Readonly<Record<string, string>>;
  variables: Readonly<Record<string, string>>;
}

/** The platform's request body, exactly: four top-level keys, every value a string. */
export function buildWebServiceRequest(input: WebServiceRequestInput): WebServiceRequestBody {
  return {
    process_definition_id: input.flowId,
    process_instance_id: input.processInstanceId,
    params: { ...input.params },
    variables: Object.fromEntries(
      Object.entries(input.variables).sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
}

/** The text that is shown and sent: what the author reads is byte for byte what goes out. */
export function requestBodyText(body: unknown): string {
  return JSON.stringify(body, null, 2);
}

/** The `params` a browser would produce for a customer chatting on the author's site. */
export const sampleParams: Readonly<Record<string, string>> = {
  referrer: 'http://example.org/referring_page',
  'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36',
};
