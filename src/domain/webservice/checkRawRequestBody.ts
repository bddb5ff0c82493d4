import { webServiceRequestBodySchema } from './webServiceContract';

export type RawRequestBodyCheck =
  { valid: true; deviations: string[] } | { valid: false; message: string };

/**
 * Whether an author's raw JSON can be sent, and, in plain sentences naming the place, how it
 * differs from the body the platform would send. Valid JSON of another shape is sent anyway: an
 * endpoint's handling of odd bodies is worth testing.
 */
export function checkRawRequestBody(text: string): RawRequestBodyCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      valid: false,
      message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const contract = webServiceRequestBodySchema.safeParse(json);
  if (contract.success) return { valid: true, deviations: [] };
  const deviations = contract.error.issues.flatMap((issue): string[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(
        (key) => `${placeOf([...issue.path, key])} is not part of the platform's body.`,
      );
    }
    const place = placeOf(issue.path);
    const value = valueAt(json, issue.path);
    if (issue.path.length === 0) {
      return [
        `The body is ${describeJsonValue(value)}; the platform sends an object with process_definition_id, process_instance_id, params and variables.`,
      ];
    }
    if (value === undefined) return [`The body has no "${place}".`];
    if (issue.code === 'invalid_type' && issue.expected === 'string') {
      return [
        issue.path.length > 1
          ? `${place} is ${describeJsonValue(value)}; the platform sends every value as a string.`
          : `${place} is ${describeJsonValue(value)}; the platform sends a string.`,
      ];
    }
    if (issue.code === 'invalid_type') {
      return [`${place} is ${describeJsonValue(value)}; the platform sends an object.`];
    }
    return [`${place}: ${issue.message}`];
  });
  return { valid: true, deviations: [...new Set(deviations)] };
}

function placeOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || typeof key === 'symbol') return undefined;
    value = Object.entries(value).find(([name]) => name === String(key))?.[1];
  }
  return value;
}

function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a string';
}
