import type { EndpointContract } from './endpointContractOf';
import type { GeneratedFile } from './EndpointTarget';

/** The environment variable the generated code reads the expected Authorization from. */
export const endpointTokenVariable = 'WEBSERVICE_TOKEN';
/** The generated code answers by then with what it has: well within the platform's 20 s. */
export const endpointAnswerWithinMs = 15_000;
/** The file every Node target shares: the contract, the checks and the author's logic. */
export const nodeCoreFileName = 'webServiceCall.js';

/** Text safe inside a JS block or line comment: no comment end, no line break. */
export function commentText(text: string): string {
  return text.replace(/\*\//g, '* /').replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** A JS identifier for the function, from the module's name: `CRM lookup` → `crmLookup`. */
export function functionNameOf(contract: EndpointContract): string {
  const words = contract.moduleName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  const camel = words
    .map((word, index) =>
      index > 0
        ? word.charAt(0).toUpperCase() + word.slice(1)
        : word === word.toUpperCase()
          ? word.toLowerCase()
          : word.charAt(0).toLowerCase() + word.slice(1),
    )
    .join('');
  return /^[A-Za-z]/.test(camel) ? camel : `webService${camel}`;
}

/** The npm package name of the generated project: `crmLookup` → `crm-lookup`. */
export function packageNameOf(contract: EndpointContract): string {
  return functionNameOf(contract)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

function describeSource(variable: EndpointContract['receivedVariables'][number]): string {
  const setter = variable.setBy[0];
  if (setter) return setter.name;
  return variable.scope === 'customer' ? "the customer's profile" : 'an earlier module';
}

/** The JSDoc type of the variables the module receives, each with how certainly it is set. */
function receivedVariablesTypedef(contract: EndpointContract): string {
  const properties = contract.receivedVariables.map((variable) => {
    const name = variable.certainty === 'definitely' ? variable.name : `[${variable.name}]`;
    return ` * @property {string} ${name} ${variable.certainty} set (${commentText(describeSource(variable))})`;
  });
  return [
    '/**',
    ' * The variables this module receives. The platform sends every variable the chat holds, each',
    ' * as a string. Definitely set: on every path to the module; possibly set (optional here): only',
    " * on some paths, or from the customer's profile.",
    ' * @typedef {object} ReceivedVariables',
    ...properties,
    ' */',
  ].join('\n');
}

function receivedVariablesList(contract: EndpointContract): string {
  const lines = contract.receivedVariables.map(
    (variable) => `  ${variable.name}: '${variable.certainty}',`,
  );
  return lines.length === 0
    ? 'export const receivedVariables = {};'
    : `export const receivedVariables = {\n${lines.join('\n')}\n};`;
}

function stringList(names: readonly string[]): string {
  return `[${names.map((name) => `'${name}'`).join(', ')}]`;
}

/** The author's part: one line per expected variable, each a clear TODO. */
function answerLines(contract: EndpointContract): string {
  if (contract.expectedVariables.length === 0) {
    return '  // The module expects no variables back; set some here if later modules need them.';
  }
  const received = new Set(contract.receivedVariables.map((variable) => variable.name));
  return contract.expectedVariables
    .map((name) =>
      received.has(name)
        ? // Sending back what came in keeps the chat's value until the author's logic decides.
          `  answer.${name} = variables.${name} ?? 'TODO: ${name}'; // TODO: your value; until then the one received`
        : `  answer.${name} = 'TODO: ${name}'; // TODO: your value`,
    )
    .join('\n');
}

function authorizationCheck(contract: EndpointContract): string {
  if (contract.authorization === 'none') return '';
  const expected = contract.authorization === 'bearer' ? '`Bearer ${token}`' : 'token';
  return `
  // The module sends an Authorization header: only the platform knows the token.
  const token = process.env.${endpointTokenVariable};
  if (!token) return { status: 500, body: { error: '${endpointTokenVariable} is not set.' } };
  if (!sameText(authorization ?? '', ${expected})) {
    return { status: 403, body: { error: 'Forbidden.' } };
  }
`;
}

const sameTextFunction = `
/** Compares hashes, so the check takes the same time whatever the guess. */
function sameText(given, expected) {
  const digest = (text) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
`;

/** \`webServiceCall.js\`: the module's contract in code, shared by every Node target. */
export function nodeCoreFile(contract: EndpointContract, path = nodeCoreFileName): GeneratedFile {
  const withAuthorization = contract.authorization !== 'none';
  const content = `// The WebService endpoint of the module "${commentText(contract.moduleName)}" in the flow "${commentText(contract.flowName)}",
// generated by Flowbench. The platform POSTs
// { process_definition_id, process_instance_id, params, variables } and takes back
// { data: { variables } }, every value a string. It waits 20 s at most, then moves on without
// new variables.
${withAuthorization ? "import { createHash, timingSafeEqual } from 'node:crypto';\n" : ''}
${receivedVariablesTypedef(contract)}

/** Each variable the module receives, and whether every path to it sets it. */
${receivedVariablesList(contract)}

/** Missing or empty, each of these makes the endpoint answer 400. */
export const requiredVariables = ${stringList(contract.requiredVariables)};

/** What the flow expects back in data.variables. */
export const expectedVariables = ${stringList(contract.expectedVariables)};

/** Answer by then with what is ready: the platform gives up at 20 s. */
export const answerWithinMs = ${endpointAnswerWithinMs};

/**
 * TODO: your logic. Set each expected variable as a string as soon as you know it; when
 * answerWithinMs has passed, what is set by then is sent.
 * @param {ReceivedVariables} variables
 * @param {Record<string, string>} answer
 */
async function fillAnswer(variables, answer) {
${answerLines(contract)}
}

/**
 * One call of the platform, whatever the hosting: the request's method, Authorization header
 * and body (parsed JSON or its text) in, the status and JSON body to answer out.
 * @param {{ method: string, authorization: string | undefined, body: unknown }} call
 * @returns {Promise<{ status: number, body: object }>}
 */
export async function answerWebServiceCall({ method, authorization, body }) {
  if (method !== 'POST') return { status: 405, body: { error: 'Use POST.' } };${authorizationCheck(contract)}
  const variables = readVariables(body);
  if (variables === null) {
    return { status: 400, body: { error: 'The body must be JSON with a variables object.' } };
  }
  const missing = requiredVariables.find((name) => !variables[name]);
  if (missing !== undefined) {
    return { status: 400, body: { error: \`variables.\${missing} is missing.\` } };
  }
  try {
    return { status: 200, body: { data: { variables: await answerInTime(variables) } } };
  } catch (error) {
    console.error(error);
    return { status: 500, body: { error: 'The endpoint failed.' } };
  }
}

async function answerInTime(variables) {
  const answer = {};
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(resolve, answerWithinMs);
  });
  try {
    await Promise.race([fillAnswer(variables, answer), deadline]);
  } finally {
    clearTimeout(timer);
  }
  // A copy: what the logic sets after the deadline is not sent. The platform keeps strings.
  return Object.fromEntries(
    Object.entries(answer).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : JSON.stringify(value) ?? '',
    ]),
  );
}

/** The body's variables, strings only; null when the body is not the platform's shape. */
function readVariables(body) {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return null;
    }
  }
  const variables = parsed?.variables;
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) return null;
  return Object.fromEntries(
    Object.entries(variables).filter(([, value]) => typeof value === 'string'),
  );
}
${withAuthorization ? sameTextFunction : ''}`;
  return { path, language: 'javascript', content };
}

/** A \`node --test\` test of the core: 200 with every expected variable, 403, 400. */
export function nodeCoreTestFile(
  contract: EndpointContract,
  path = 'webServiceCall.test.js',
  corePath = `./${nodeCoreFileName}`,
): GeneratedFile {
  const samples = Object.fromEntries(
    contract.receivedVariables.map((variable) => [variable.name, variable.sample]),
  );
  for (const name of contract.requiredVariables) samples[name] ||= `sample ${name}`;
  const withAuthorization = contract.authorization !== 'none';
  const authorizationValue =
    contract.authorization === 'bearer' ? "'Bearer test-token'" : "'test-token'";
  const content = `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerWebServiceCall, expectedVariables, requiredVariables } from '${corePath}';
${withAuthorization ? `\nprocess.env.${endpointTokenVariable} = 'test-token';\n` : ''}
const authorization = ${withAuthorization ? authorizationValue : 'undefined'};
const sampleVariables = ${JSON.stringify(samples, null, 2)};

const call = (variables, headers = { authorization }) =>
  answerWebServiceCall({
    method: 'POST',
    authorization: headers.authorization,
    body: { process_definition_id: 'flow', process_instance_id: 'chat', params: {}, variables },
  });

test('answers every expected variable as a string', async () => {
  const { status, body } = await call(sampleVariables);
  assert.equal(status, 200);
  for (const name of expectedVariables) {
    assert.equal(typeof body.data.variables[name], 'string', name);
  }
});

test('answers 400 naming a missing required variable', async () => {
  for (const name of requiredVariables) {
    const { [name]: _left, ...others } = sampleVariables;
    const { status, body } = await call(others);
    assert.equal(status, 400);
    assert.match(body.error, new RegExp(\`variables\\\\.\${name}\\\\b\`));
  }
});
${
  withAuthorization
    ? `
test('answers 403 without the token or with a wrong one', async () => {
  assert.equal((await call(sampleVariables, {})).status, 403);
  assert.equal((await call(sampleVariables, { authorization: 'Bearer wrong' })).status, 403);
});
`
    : ''
}`;
  return { path, language: 'javascript', content };
}
