import { webServiceResponseBodySchema } from './webServiceContract';

export type ResponseBodyVerdict =
  | { acceptable: true; variables: Record<string, unknown> | null }
  | { acceptable: false; problem: BodyProblem; reason: string };

export type BodyProblem =
  | 'truncated'
  | 'html'
  | 'not-json'
  | 'not-an-object'
  | 'data-variables-not-object'
  | 'variables-at-top-level';

/**
 * Whether a 2xx body is one the platform understands. An empty body and a JSON object without
 * `data.variables` are fine (they set nothing); anything the author most likely meant otherwise
 * is not: text that is not JSON, JSON that is not an object, `variables` at the top level,
 * `data.variables` that is not an object.
 */
export function classifyResponseBody(body: string, truncated: boolean): ResponseBodyVerdict {
  if (body.trim() === '') return { acceptable: true, variables: null };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    if (truncated) {
      return {
        acceptable: false,
        problem: 'truncated',
        reason: 'The body was cut off at 1 MiB, so it is not complete JSON.',
      };
    }
    return looksLikeHtml(body)
      ? { acceptable: false, problem: 'html', reason: 'The body is HTML, not JSON.' }
      : { acceptable: false, problem: 'not-json', reason: 'The body is not JSON.' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      acceptable: false,
      problem: 'not-an-object',
      reason: 'The body is JSON but not an object.',
    };
  }
  const parsed = webServiceResponseBodySchema.safeParse(json);
  if (parsed.success) return { acceptable: true, variables: parsed.data.data.variables };
  if ('data' in json && hasKey(json.data, 'variables')) {
    return {
      acceptable: false,
      problem: 'data-variables-not-object',
      reason: 'data.variables is not an object of name → value, so it sets nothing.',
    };
  }
  if ('variables' in json) {
    return {
      acceptable: false,
      problem: 'variables-at-top-level',
      reason: 'variables is at the top level; the platform only reads data.variables.',
    };
  }
  return { acceptable: true, variables: null };
}

export function looksLikeHtml(body: string): boolean {
  return /^\s*<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(body);
}

function hasKey(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && key in value;
}
