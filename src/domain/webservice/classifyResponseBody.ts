import { z } from 'zod';
import { webServiceResponseBodySchema } from './webServiceContract';

/**
 * What a 2xx body is, in the one vocabulary the proxy and the page share: the proxy classifies
 * the body once and sends the kind in its result envelope; the page reads it from there.
 */
export const acceptableBodyKindSchema = z.enum(['empty', 'variables', 'no-variables']);
export const bodyProblemSchema = z.enum([
  'truncated',
  'html',
  'not-json',
  'not-an-object',
  'data-variables-not-object',
  'variables-at-top-level',
  /** The bytes could not be decoded (a broken gzip stream, an unknown charset). */
  'undecodable',
]);
export type BodyProblem = z.infer<typeof bodyProblemSchema>;

export type ResponseBodyVerdict =
  | { acceptable: true; kind: 'empty' | 'no-variables'; variables: null }
  | { acceptable: true; kind: 'variables'; variables: Record<string, unknown> }
  | { acceptable: false; kind: BodyProblem; reason: string };

/**
 * Whether a 2xx body is one the platform understands. An empty body and a JSON object without
 * `data.variables` are fine (they set nothing); anything the author most likely meant otherwise
 * is not: text that is not JSON, JSON that is not an object, `variables` at the top level,
 * `data.variables` that is not an object.
 */
export function classifyResponseBody(body: string, truncated: boolean): ResponseBodyVerdict {
  if (body.trim() === '') return { acceptable: true, kind: 'empty', variables: null };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    if (truncated) {
      return {
        acceptable: false,
        kind: 'truncated',
        reason: 'The body was cut off at 1 MiB, so it is not complete JSON.',
      };
    }
    return looksLikeHtml(body)
      ? { acceptable: false, kind: 'html', reason: 'The body is HTML, not JSON.' }
      : { acceptable: false, kind: 'not-json', reason: 'The body is not JSON.' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      acceptable: false,
      kind: 'not-an-object',
      reason: 'The body is JSON but not an object.',
    };
  }
  const parsed = webServiceResponseBodySchema.safeParse(json);
  if (parsed.success) {
    return { acceptable: true, kind: 'variables', variables: parsed.data.data.variables };
  }
  if ('data' in json && hasKey(json.data, 'variables')) {
    return {
      acceptable: false,
      kind: 'data-variables-not-object',
      reason: 'data.variables is not an object of name → value, so it sets nothing.',
    };
  }
  if ('variables' in json) {
    return {
      acceptable: false,
      kind: 'variables-at-top-level',
      reason: 'variables is at the top level; the platform only reads data.variables.',
    };
  }
  return { acceptable: true, kind: 'no-variables', variables: null };
}

export function looksLikeHtml(body: string): boolean {
  return /^\s*<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(body);
}

function hasKey(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && key in value;
}
