import { z } from 'zod';
import { acceptableBodyKindSchema, bodyProblemSchema } from './classifyResponseBody';
import { platformTimeoutMs } from './webServiceContract';

/**
 * The app's own test route: the browser posts a `WebServiceTestRequest`, the server sends the
 * platform's POST to the author's URL and answers with one `WebServiceTestResult` envelope.
 * Both sides import these schemas; the README documents them.
 */
export const webServiceTestPath = '/api/webservice-test';
/** Hands the page the per-start token it must send back in `webServiceTestTokenHeader`. */
export const webServiceTestSessionPath = '/api/session';
export const webServiceTestTokenHeader = 'x-flowbench-token';

export const maxTestTimeoutMs = 60_000;
export const minTestTimeoutMs = 100;
/** Largest request the test route accepts from the browser. */
export const maxTestRequestBytes = 256 * 1024;
/** Responses beyond this are cut off and reported as truncated. */
export const maxResponseBodyBytes = 1024 * 1024;

export const webServiceTestRequestSchema = z.strictObject({
  url: z.string().min(1, 'Enter the URL of the WebService'),
  /** Sent as the `Authorization` header when not empty. */
  authorization: z.string().default(''),
  /** The exact JSON text to POST; normally the platform's body, in raw mode anything JSON. */
  body: z.string().refine(isJson, 'The request body must be valid JSON'),
  timeoutMs: z.int().min(minTestTimeoutMs).max(maxTestTimeoutMs).default(platformTimeoutMs),
});
export type WebServiceTestRequest = z.input<typeof webServiceTestRequestSchema>;
export type ParsedWebServiceTestRequest = z.output<typeof webServiceTestRequestSchema>;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const timingsSchema = z.object({
  /** From the start of the outgoing request (DNS and connect included) to the end of the body. */
  totalMs: z.number().nonnegative(),
  /** Until the response headers arrived; null when none did. */
  firstByteMs: z.number().nonnegative().nullable(),
});

const responseSchema = z.object({
  status: z.int(),
  statusText: z.string(),
  headers: z.record(z.string(), z.string()),
  /** The body as text, at most `maxResponseBodyBytes` of it. */
  body: z.string(),
  /** Bytes received, counting what was cut off. */
  sizeBytes: z.int().nonnegative(),
  truncated: z.boolean(),
  /**
   * `base64` when the bytes are not text (as JSON text they would take more than twice their
   * size, e.g. control bytes); absent or `text` otherwise.
   */
  bodyEncoding: z.enum(['text', 'base64']).optional(),
  /** What the server undid to get `body`: a `Content-Encoding`, a charset other than UTF-8. */
  decoded: z
    .object({
      encoding: z.enum(['gzip', 'deflate', 'br']).optional(),
      charset: z.string().optional(),
    })
    .optional(),
});
export type WebServiceTestResponse = z.infer<typeof responseSchema>;

export const webServiceTestResultSchema = z.discriminatedUnion('outcome', [
  /** 2xx with an empty body or a JSON object the platform accepts. */
  z.object({
    outcome: z.literal('ok'),
    timings: timingsSchema,
    response: responseSchema,
    /** What the body is, as the proxy classified it; absent in runs stored before it did. */
    bodyKind: acceptableBodyKindSchema.optional(),
  }),
  /** Any status outside 2xx; 3xx included, because redirects are not followed. */
  z.object({ outcome: z.literal('http-error'), timings: timingsSchema, response: responseSchema }),
  /** 2xx, but the body is not JSON or not the contract's shape. */
  z.object({
    outcome: z.literal('invalid-response'),
    timings: timingsSchema,
    response: responseSchema,
    reason: z.string(),
    /** What is wrong with the body, as the proxy classified it; absent in runs stored before. */
    bodyKind: bodyProblemSchema.optional(),
  }),
  z.object({
    outcome: z.literal('timeout'),
    timings: timingsSchema,
    timeoutMs: z.int(),
    /** How far the exchange got: what the author's endpoint was doing when time ran out. */
    phase: z.enum(['connecting', 'waiting-for-response', 'reading-body']),
    response: responseSchema.nullable(),
  }),
  z.object({
    outcome: z.literal('network-error'),
    timings: timingsSchema,
    /** The system's code, e.g. `ECONNREFUSED`. */
    code: z.string(),
    /** The same in plain words. */
    reason: z.string(),
  }),
  /** The URL is not one the proxy may call; nothing was sent. */
  z.object({ outcome: z.literal('rejected'), reason: z.string() }),
]);
export type WebServiceTestResult = z.infer<typeof webServiceTestResultSchema>;
export type WebServiceTestOutcome = WebServiceTestResult['outcome'];

/** What the route answers with 4xx when the request did not come from the app itself. */
export const webServiceTestRefusalSchema = z.object({ error: z.string() });

export const webServiceTestSessionSchema = z.object({ token: z.string() });
