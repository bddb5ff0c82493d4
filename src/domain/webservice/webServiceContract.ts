import { z } from 'zod';

/** How long the platform's WebService module waits before the flow moves on without an answer. */
export const platformTimeoutMs = 20_000;
/** How long a customer waits for the bot's reply before the chat UI feels broken (about 30 s). */
export const chatReplyBudgetMs = 30_000;
/** An endpoint "has to respond after a few seconds": up to here the customer barely notices. */
export const comfortableLatencyMs = 3_000;

/** `params` of the platform's request: produced by the browser, every value a string. */
export const webServiceParamsSchema = z.record(z.string(), z.string());

/**
 * The body the platform POSTs to a WebService URL. `variables` sits at the top level next to
 * `params`, and every value is a string (lists travel as JSON-encoded strings).
 */
export const webServiceRequestBodySchema = z.strictObject({
  process_definition_id: z.string(),
  process_instance_id: z.string(),
  params: webServiceParamsSchema,
  variables: z.record(z.string(), z.string()),
});
export type WebServiceRequestBody = z.infer<typeof webServiceRequestBodySchema>;

/** The one response shape that sets variables: `{ "data": { "variables": { … } } }`. */
export const webServiceResponseBodySchema = z.object({
  data: z.object({ variables: z.record(z.string(), z.unknown()) }),
});

/** A 2xx: the only statuses whose body the platform reads. */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/** A 3xx: the platform does not follow it, so it ends the call like an error. */
export function isRedirectStatus(status: number): boolean {
  return status >= 300 && status < 400;
}
