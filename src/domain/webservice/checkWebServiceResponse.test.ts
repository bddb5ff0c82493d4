import { describe, expect, it } from 'vitest';
import { buildWebServiceRequest, requestBodyText, sampleParams } from './buildWebServiceRequest';
import { checkWebServiceResponse, sentVariablesOf } from './checkWebServiceResponse';
import { classifyResponseBody } from './classifyResponseBody';
import {
  webServiceTestResultSchema,
  type WebServiceTestResponse,
  type WebServiceTestResult,
} from './webServiceTestApi';

const sentBody = requestBodyText(
  buildWebServiceRequest({
    flowId: 'flow-demo',
    processInstanceId: 'instance-1',
    params: sampleParams,
    variables: {
      email: 'john.smith@example.org',
      firstname: 'John',
      lastname: 'Smith',
      nps_score: '10',
      customer_tier: 'silver',
    },
  }),
);

const timings = { totalMs: 120, firstByteMs: 95 };

function responseOf(
  status: number,
  body: string,
  extra: Partial<WebServiceTestResponse> = {},
): WebServiceTestResponse {
  return {
    status,
    statusText: '',
    headers: { 'content-type': 'application/json' },
    body,
    sizeBytes: Buffer.byteLength(body),
    truncated: false,
    ...extra,
  };
}

/** The envelope the server would send for a 2xx: `ok` or `invalid-response`, as it decides. */
function twoHundred(
  body: string,
  extra: Partial<WebServiceTestResponse> = {},
): WebServiceTestResult {
  const response = responseOf(200, body, extra);
  const verdict = classifyResponseBody(response.body, response.truncated);
  return webServiceTestResultSchema.parse(
    verdict.acceptable
      ? { outcome: 'ok', timings, response }
      : { outcome: 'invalid-response', timings, response, reason: verdict.reason },
  );
}

function httpError(
  status: number,
  body = '',
  headers: Record<string, string> = {},
): WebServiceTestResult {
  return webServiceTestResultSchema.parse({
    outcome: 'http-error',
    timings,
    response: responseOf(status, body, { headers }),
  });
}

const variablesBody = (variables: Record<string, unknown>) =>
  JSON.stringify({ data: { variables } });

function kindsOf(result: WebServiceTestResult, expected: readonly string[] = []) {
  return checkWebServiceResponse(result, sentBody, expected).warnings.map(
    (warning) => warning.kind,
  );
}

describe('checkWebServiceResponse', () => {
  it('compares returned variables with the sent body: new, changed, unchanged', () => {
    const result = twoHundred(
      variablesBody({ customer_tier: 'gold', nps_score: '10', coupon_code: 'WELCOME10' }),
    );

    expect(result.outcome).toBe('ok');
    expect(checkWebServiceResponse(result, sentBody, ['customer_tier', 'coupon_code'])).toEqual({
      returned: [
        { name: 'customer_tier', value: 'gold', isString: true, change: 'changed' },
        { name: 'nps_score', value: '10', isString: true, change: 'unchanged' },
        { name: 'coupon_code', value: 'WELCOME10', isString: true, change: 'new' },
      ],
      setAtRuntime: true,
      missing: [],
      warnings: [],
    });
  });

  it('lists the expected variables the response does not return', () => {
    const check = checkWebServiceResponse(
      twoHundred(variablesBody({ customer_tier: 'gold' })),
      sentBody,
      ['firstname', 'lastname', 'customer_tier'],
    );

    expect(check.missing).toEqual(['firstname', 'lastname']);
  });

  it('every expected variable is missing when a 2xx response sets none', () => {
    const expected = ['firstname', 'customer_tier'];

    for (const body of ['', '{"status":"ok"}', '{"variables":{"firstname":"John"}}', '<html>']) {
      const check = checkWebServiceResponse(twoHundred(body), sentBody, expected);
      expect(check.returned, body).toEqual([]);
      expect(check.missing, body).toEqual(expected);
    }
  });

  it('warns about non-string values and says what to send instead', () => {
    const check = checkWebServiceResponse(
      twoHundred(variablesBody({ nps_score: 10, tags: ['a', 'b'], vip: true })),
      sentBody,
      [],
    );

    expect(check.returned).toEqual([
      { name: 'nps_score', value: '10', isString: false, change: 'unchanged' },
      { name: 'tags', value: '["a","b"]', isString: false, change: 'new' },
      { name: 'vip', value: 'true', isString: false, change: 'new' },
    ]);
    expect(check.warnings.map((warning) => warning.kind)).toEqual([
      'non-string-value',
      'non-string-value',
      'non-string-value',
    ]);
    const [number, list, flag] = check.warnings.map((warning) => warning.message);
    expect(number).toBe(
      'nps_score is a number, not a string: the platform keeps strings, so send "10".',
    );
    expect(number).not.toContain('JSON-encoded');
    expect(list).toContain('tags is a list');
    expect(list).toContain('send "[\\"a\\",\\"b\\"]"');
    expect(list).toContain('lists travel as JSON-encoded strings');
    expect(flag).toContain('vip is a boolean');
  });

  it('variables at the top level: invalid response, nothing set, one clear warning', () => {
    const result = twoHundred('{"variables":{"customer_tier":"gold"}}');

    expect(result.outcome).toBe('invalid-response');
    const check = checkWebServiceResponse(result, sentBody, []);
    expect(check.returned).toEqual([]);
    expect(check.warnings).toHaveLength(1);
    expect(check.warnings[0]?.kind).toBe('variables-at-top-level');
    expect(check.warnings[0]?.message).toContain('data.variables');
  });

  it('an HTML page with 2xx is reported as HTML, not as "not JSON"', () => {
    const result = twoHundred('<!DOCTYPE html>\n<html><body>Welcome</body></html>', {
      headers: { 'content-type': 'text/html' },
    });

    expect(result.outcome).toBe('invalid-response');
    expect(kindsOf(result)).toEqual(['html-body']);
  });

  it('an empty 2xx body succeeds but sets nothing', () => {
    expect(kindsOf(twoHundred(''))).toEqual(['empty-body']);
    expect(kindsOf(twoHundred(' \n'))).toEqual(['empty-body']);
    expect(checkWebServiceResponse(twoHundred(''), sentBody, []).returned).toEqual([]);
  });

  it('JSON without data.variables sets nothing, and text that is not JSON says so', () => {
    expect(kindsOf(twoHundred('{"status":"ok"}'))).toEqual(['no-variables']);
    const notJson = checkWebServiceResponse(twoHundred('OK'), sentBody, []);
    expect(notJson.warnings).toEqual([{ kind: 'not-json', message: 'The body is not JSON.' }]);
  });

  it('warns about a customer variable only when the response changes its value', () => {
    const unchanged = checkWebServiceResponse(
      twoHundred(variablesBody({ firstname: 'John', email: 'john.smith@example.org' })),
      sentBody,
      [],
    );
    expect(unchanged.warnings).toEqual([]);

    const changed = checkWebServiceResponse(
      twoHundred(variablesBody({ firstname: 'Johnny', customer_tier: 'gold', phone: '+1 555' })),
      sentBody,
      [],
    );
    expect(changed.warnings.map((warning) => warning.kind)).toEqual([
      'customer-variable-overwritten',
      'customer-variable-overwritten',
    ]);
    expect(changed.warnings[0]?.message).toMatch(/^firstname is a customer variable/);
    expect(changed.warnings[1]?.message).toMatch(/^phone is a customer variable/);
  });

  it('a redirect is not followed: the warning names where it points', () => {
    const check = checkWebServiceResponse(
      httpError(302, '', { location: 'https://api.example.org/v2/hook' }),
      sentBody,
      [],
    );

    expect(check.returned).toEqual([]);
    expect(check.warnings).toHaveLength(1);
    expect(check.warnings[0]?.kind).toBe('redirect-not-followed');
    expect(check.warnings[0]?.message).toContain(
      '302 redirecting to https://api.example.org/v2/hook',
    );
    expect(kindsOf(httpError(301))).toEqual(['redirect-not-followed']);
  });

  it('other HTTP errors return nothing and bring no contract warnings', () => {
    const check = checkWebServiceResponse(
      httpError(500, variablesBody({ customer_tier: 'gold' })),
      sentBody,
      [],
    );

    expect(check.returned).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(kindsOf(httpError(403, 'Forbidden'))).toEqual([]);
  });

  it('after an HTTP error every expected variable is missing: the flow goes on without them', () => {
    const check = checkWebServiceResponse(httpError(500, 'Oops'), sentBody, [
      'customer_tier',
      'coupon_code',
    ]);

    expect(check.missing).toEqual(['customer_tier', 'coupon_code']);
  });

  it("an answer slower than the platform's 20 s is flagged: at runtime it would set nothing", () => {
    const slow = webServiceTestResultSchema.parse({
      outcome: 'ok',
      timings: { totalMs: 21_000, firstByteMs: 20_990 },
      response: responseOf(200, variablesBody({ customer_tier: 'gold' })),
    });

    const check = checkWebServiceResponse(slow, sentBody, ['customer_tier', 'coupon_code']);

    expect(check.warnings.map((warning) => warning.kind)).toEqual(['slower-than-platform-timeout']);
    expect(check.warnings[0]?.message).toContain('21000 ms');
    // Returned, but too late: at runtime none of it is set and every expected variable is missing.
    expect(check.returned.map((variable) => variable.name)).toEqual(['customer_tier']);
    expect(check.setAtRuntime).toBe(false);
    expect(check.missing).toEqual(['customer_tier', 'coupon_code']);
    expect(
      checkWebServiceResponse(twoHundred(variablesBody({ customer_tier: 'gold' })), sentBody, [])
        .setAtRuntime,
    ).toBe(true);
    expect(kindsOf(twoHundred(variablesBody({ customer_tier: 'gold' })))).toEqual([]);
  });

  it('a body cut off at 1 MiB is reported as truncated, with the size limit', () => {
    const body = `{"data":{"variables":{"blob":"${'x'.repeat(200)}`;
    const result = twoHundred(body, { truncated: true, sizeBytes: 1_500_000 });

    const check = checkWebServiceResponse(result, sentBody, []);
    expect(check.warnings.map((warning) => warning.kind)).toEqual(['truncated']);
    expect(check.warnings[0]?.message).toContain('only its first 1 MiB was kept');
    expect(check.warnings[0]?.message).not.toContain('after 1500000');
    expect(check.returned).toEqual([]);
  });

  it('names the shape problem of JSON the platform cannot read', () => {
    const kindsOf = (body: string) =>
      checkWebServiceResponse(twoHundred(body), sentBody, []).warnings.map((w) => w.kind);

    expect(kindsOf('{"data":{},"variables":{"tier":"gold"}}')).toEqual(['variables-at-top-level']);
    expect(kindsOf('{"data":{"variables":["a"]}}')).toEqual(['data-variables-not-object']);
    expect(kindsOf('[1,2]')).toEqual(['not-an-object']);
    expect(kindsOf('OK')).toEqual(['not-json']);
  });

  it('timeouts, network errors and rejected URLs return nothing', () => {
    const results: WebServiceTestResult[] = [
      {
        outcome: 'timeout',
        timings: { totalMs: 20_000, firstByteMs: null },
        timeoutMs: 20_000,
        phase: 'waiting-for-response',
        response: null,
      },
      {
        outcome: 'network-error',
        timings: { totalMs: 3, firstByteMs: null },
        code: 'ECONNREFUSED',
        reason: 'Nothing listens on api.example.org:443.',
      },
      { outcome: 'rejected', reason: 'The URL points to a private address.' },
    ];

    for (const result of results) {
      expect(checkWebServiceResponse(result, sentBody, ['customer_tier']), result.outcome).toEqual({
        returned: [],
        setAtRuntime: false,
        missing: [],
        warnings: [],
      });
    }
  });

  it('a timeout while reading the body sets nothing, even if data.variables had arrived', () => {
    const result = webServiceTestResultSchema.parse({
      outcome: 'timeout',
      timings: { totalMs: 20_000, firstByteMs: 50 },
      timeoutMs: 20_000,
      phase: 'reading-body',
      response: responseOf(200, variablesBody({ customer_tier: 'gold' })),
    });

    expect(checkWebServiceResponse(result, sentBody, []).returned).toEqual([]);
  });
});

describe('sentVariablesOf', () => {
  it('reads the variables of a sent body as strings', () => {
    expect(sentVariablesOf(sentBody)).toMatchObject({ nps_score: '10', firstname: 'John' });
    expect(sentVariablesOf('{"variables":{"n":5,"l":["a"]}}')).toEqual({ n: '5', l: '["a"]' });
  });

  it('is empty for a body without variables or one that is not JSON', () => {
    expect(sentVariablesOf('{}')).toEqual({});
    expect(sentVariablesOf('not json')).toEqual({});
  });
});
