import { customerVariableNames } from '../customerVariables';
import { classifyResponseBody, type ResponseBodyVerdict } from './classifyResponseBody';
import { isTooSlowForPlatform } from './testVerdictOf';
import { isRedirectStatus, webServiceResponseBodySchema } from './webServiceContract';
import type { WebServiceTestResult } from './webServiceTestApi';

export type ReturnedVariableChange = 'new' | 'changed' | 'unchanged';

export interface ReturnedVariable {
  name: string;
  /** As the platform would keep it: strings as they are, anything else JSON-encoded. */
  value: string;
  isString: boolean;
  change: ReturnedVariableChange;
}

export type ContractWarningKind =
  | 'non-string-value'
  | 'variables-at-top-level'
  | 'html-body'
  | 'empty-body'
  | 'no-variables'
  | 'not-json'
  | 'not-an-object'
  | 'data-variables-not-object'
  | 'truncated'
  | 'customer-variable-overwritten'
  | 'redirect-not-followed'
  | 'slower-than-platform-timeout';

export interface ContractWarning {
  kind: ContractWarningKind;
  message: string;
}

export interface ResponseCheck {
  returned: ReturnedVariable[];
  /**
   * Whether the platform would set the returned variables. Not when the answer came after the
   * platform had given up: the test waited longer than a chat would.
   */
  setAtRuntime: boolean;
  /** Declared as expected on the node but not set by this answer at runtime. */
  missing: string[];
  warnings: ContractWarning[];
}

/**
 * What a test result means for the flow: the variables the platform would take back, compared
 * with what was sent, the expected ones that are missing, and everything in the response that
 * breaks or bends the WebService contract.
 */
export function checkWebServiceResponse(
  result: WebServiceTestResult,
  sentBodyText: string,
  expectedVariables: readonly string[],
): ResponseCheck {
  const none: ResponseCheck = { returned: [], setAtRuntime: false, missing: [], warnings: [] };
  if (!('response' in result) || result.response === null) return none;
  const { response } = result;
  const warnings: ContractWarning[] = [];

  if (response.truncated) {
    warnings.push({
      kind: 'truncated',
      message: 'The response is larger than 1 MiB; only its first 1 MiB was kept.',
    });
  }
  if (result.outcome === 'http-error') {
    if (isRedirectStatus(response.status)) {
      const location = response.headers.location;
      warnings.push({
        kind: 'redirect-not-followed',
        message: `The endpoint answered ${response.status} ${location ? `redirecting to ${location}` : 'with a redirect'}; redirects are not followed, so the flow gets no variables. Use the final URL.`,
      });
    }
    // An error status sets nothing: the flow goes on without any of the expected variables.
    return { ...none, missing: [...expectedVariables], warnings };
  }
  if (result.outcome === 'timeout') return { ...none, warnings };

  const tooSlow = isTooSlowForPlatform(result.timings.totalMs);
  if (tooSlow) {
    warnings.push({
      kind: 'slower-than-platform-timeout',
      message: `The answer took ${Math.round(result.timings.totalMs)} ms: the platform gives up after 20 s, so at runtime the flow proceeds without any of these variables.`,
    });
  }
  const verdict = bodyVerdictOf(result);
  if (verdict?.kind === 'empty') {
    warnings.push({
      kind: 'empty-body',
      message: 'The body is empty: the call succeeds, but it sets no variables.',
    });
  } else if (verdict?.kind === 'html') {
    warnings.push({
      kind: 'html-body',
      message:
        'The endpoint answered 2xx with an HTML page, not JSON: the platform sets no variables. Is the URL the API, not a web page?',
    });
  } else if (verdict?.kind === 'variables-at-top-level') {
    warnings.push({
      kind: 'variables-at-top-level',
      message:
        'variables is at the top level of the response; the platform only reads data.variables, so nothing is set. Answer { "data": { "variables": { … } } }.',
    });
  } else if (
    verdict?.kind === 'not-json' ||
    verdict?.kind === 'not-an-object' ||
    verdict?.kind === 'data-variables-not-object'
  ) {
    warnings.push({ kind: verdict.kind, message: verdict.reason });
  } else if (verdict?.kind === 'no-variables') {
    warnings.push({
      kind: 'no-variables',
      message: 'The response has no data.variables, so it sets no variables.',
    });
  }
  // A 2xx that sets nothing: the flow goes on without any of the expected variables.
  if (verdict?.kind !== 'variables') {
    return { ...none, missing: [...expectedVariables], warnings };
  }

  const sent = sentVariablesOf(sentBodyText);
  const returned = Object.entries(verdict.variables).map(([name, raw]): ReturnedVariable => {
    const isString = typeof raw === 'string';
    const value = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
    const before = Object.hasOwn(sent, name) ? sent[name] : undefined;
    const change = before === undefined ? 'new' : before === value ? 'unchanged' : 'changed';
    return { name, value, isString, change };
  });
  for (const variable of returned) {
    if (!variable.isString) {
      warnings.push({
        kind: 'non-string-value',
        message: `${variable.name} is ${describeJsonType(verdict.variables[variable.name])}, not a string: the platform keeps strings, so send "${variable.value.replaceAll('"', '\\"')}"${Array.isArray(verdict.variables[variable.name]) ? ' (lists travel as JSON-encoded strings)' : ''}.`,
      });
    }
    if (customerVariableNames.has(variable.name) && variable.change !== 'unchanged') {
      warnings.push({
        kind: 'customer-variable-overwritten',
        message: `${variable.name} is a customer variable: returning it overwrites the customer's own value, which every experience sees.`,
      });
    }
  }
  if (tooSlow) {
    return { returned, setAtRuntime: false, missing: [...expectedVariables], warnings };
  }
  const returnedNames = new Set(returned.map((variable) => variable.name));
  return {
    returned,
    setAtRuntime: true,
    missing: expectedVariables.filter((name) => !returnedNames.has(name)),
    warnings,
  };
}

/**
 * The proxy's verdict on a 2xx body, with the variables it sets. The kind comes from the result
 * envelope; only runs stored before the proxy sent it are classified here.
 */
function bodyVerdictOf(result: WebServiceTestResult): ResponseBodyVerdict | null {
  if (result.outcome !== 'ok' && result.outcome !== 'invalid-response') return null;
  const { response } = result;
  if (result.bodyKind === undefined) return classifyResponseBody(response.body, response.truncated);
  if (result.outcome === 'invalid-response') {
    return { acceptable: false, kind: result.bodyKind, reason: result.reason };
  }
  if (result.bodyKind !== 'variables') {
    return { acceptable: true, kind: result.bodyKind, variables: null };
  }
  const body = webServiceResponseBodySchema.safeParse(parseJson(response.body));
  return body.success
    ? { acceptable: true, kind: 'variables', variables: body.data.data.variables }
    : classifyResponseBody(response.body, response.truncated);
}

/** The variables of a sent body, as strings; empty when the body has none. */
export function sentVariablesOf(bodyText: string): Record<string, string> {
  const body = parseJson(bodyText);
  if (!isRecord(body) || !isRecord(body.variables)) return {};
  return Object.fromEntries(
    Object.entries(body.variables).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)),
    ]),
  );
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
