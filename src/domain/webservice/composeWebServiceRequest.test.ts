import { describe, expect, it } from 'vitest';
import { composeWebServiceRequest } from './composeWebServiceRequest';
import { emptyTestBench } from './testBenchRecords';

const endpoint = { url: 'http://127.0.0.1:9/hook', authorization: 'Bearer s3cret' };
const defaults = emptyTestBench('flow-1', 'ws');

function compose(overrides: Partial<typeof defaults> = {}, url = endpoint.url) {
  return composeWebServiceRequest({
    flowId: 'flow-1',
    processInstanceId: 'chat-1',
    endpoint: { ...endpoint, url },
    variables: { email: 'john@example.org', greeting: 'Hi {{email}}', score: '9' },
    testValues: { ...defaults, ...overrides },
  });
}

describe('composeWebServiceRequest', () => {
  it('sends the platform body: ids, params, variables sorted, placeholders filled', () => {
    const composed = compose({ params: { referrer: 'https://shop.example' } });
    expect(JSON.parse(composed.bodyText)).toEqual({
      process_definition_id: 'flow-1',
      process_instance_id: 'chat-1',
      params: { referrer: 'https://shop.example' },
      variables: { email: 'john@example.org', greeting: 'Hi john@example.org', score: '9' },
    });
    expect(composed.ok && composed.request).toMatchObject({
      url: endpoint.url,
      authorization: 'Bearer s3cret',
      timeoutMs: 20_000,
    });
  });

  it('applies overrides before filling placeholders and leaves out omitted variables', () => {
    const composed = compose({
      sampleOverrides: { email: 'ann@example.org' },
      omittedVariables: ['score'],
    });
    expect(composed.sentVariables).toEqual({
      email: 'ann@example.org',
      greeting: 'Hi ann@example.org',
    });
  });

  it('sends the raw body while one is edited, and refuses one that is not JSON', () => {
    const raw = compose({ rawBody: '{"anything": 1}' });
    expect(raw.ok && raw.request.body).toBe('{"anything": 1}');
    expect(raw.composedBody).toContain('process_instance_id');

    const broken = compose({ rawBody: '{oops' });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.problems).toEqual([
      'The raw request body below is not valid JSON.',
    ]);
  });

  it('names a missing URL', () => {
    const composed = compose({}, '');
    expect(!composed.ok && composed.problems).toEqual(['Enter the URL of the WebService']);
  });
});
