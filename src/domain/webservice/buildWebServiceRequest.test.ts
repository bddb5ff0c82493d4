import { describe, expect, it } from 'vitest';
import { buildWebServiceRequest, requestBodyText, sampleParams } from './buildWebServiceRequest';
import { webServiceRequestBodySchema } from './webServiceContract';

const input = {
  flowId: 'flow-demo',
  processInstanceId: 'instance-1',
  params: { referrer: 'http://example.org/referring_page', 'user-agent': 'Mozilla/1.0N (Windows)' },
  variables: {
    nps_score: '10',
    lastname: 'Smith',
    email: 'john.smith@example.org',
    customer_tier: 'gold',
    firstname: 'John',
    tags: '["a","b"]',
  },
};

describe('buildWebServiceRequest', () => {
  it('has exactly the platform’s four top-level keys, in its order', () => {
    const body = buildWebServiceRequest(input);

    expect(Object.keys(body)).toEqual([
      'process_definition_id',
      'process_instance_id',
      'params',
      'variables',
    ]);
    expect(body.process_definition_id).toBe('flow-demo');
    expect(body.process_instance_id).toBe('instance-1');
  });

  it('sorts the variables by name and sends every value as a string', () => {
    const body = buildWebServiceRequest(input);

    expect(Object.keys(body.variables)).toEqual([
      'customer_tier',
      'email',
      'firstname',
      'lastname',
      'nps_score',
      'tags',
    ]);
    expect(body.variables).toEqual(input.variables);
    const values = [...Object.values(body.variables), ...Object.values(body.params)];
    expect(values.every((value) => typeof value === 'string')).toBe(true);
    expect(body.variables.nps_score).toBe('10');
  });

  it('copies params, so later changes to the input do not leak into the body', () => {
    const params: Record<string, string> = { ...sampleParams };
    const body = buildWebServiceRequest({ ...input, params });
    params.referrer = 'changed';

    expect(body.params).not.toBe(params);
    expect(body.params).toEqual(sampleParams);
  });

  it('passes the platform body schema, which rejects anything else', () => {
    const body = buildWebServiceRequest({ ...input, params: sampleParams });

    expect(webServiceRequestBodySchema.safeParse(body).success).toBe(true);
    expect(webServiceRequestBodySchema.safeParse({ ...body, extra: 'x' }).success).toBe(false);
    expect(
      webServiceRequestBodySchema.safeParse({ ...body, variables: { nps_score: 10 } }).success,
    ).toBe(false);
  });

  it('requestBodyText round-trips: what the author reads is what is sent', () => {
    const body = buildWebServiceRequest(input);
    const text = requestBodyText(body);
    const parsed = webServiceRequestBodySchema.parse(JSON.parse(text));

    expect(parsed).toEqual(body);
    expect(Object.keys(parsed.variables)).toEqual(Object.keys(body.variables));
    expect(requestBodyText(parsed)).toBe(text);
    expect(text).toContain('\n  "params": {');
  });

  it('sample params look like a browser: referrer and user agent', () => {
    expect(Object.keys(sampleParams).sort()).toEqual(['referrer', 'user-agent']);
  });
});
