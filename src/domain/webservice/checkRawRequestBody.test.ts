import { describe, expect, it } from 'vitest';
import { checkRawRequestBody } from './checkRawRequestBody';

const platformBody = {
  process_definition_id: 'flow-1',
  process_instance_id: 'chat-1',
  params: { referrer: 'http://example.org/' },
  variables: { nps_score: '10' },
};

const deviationsOf = (json: unknown) => {
  const check = checkRawRequestBody(JSON.stringify(json));
  if (!check.valid) throw new Error(check.message);
  return check.deviations;
};

describe('checkRawRequestBody', () => {
  it('accepts the platform body without remarks', () => {
    expect(deviationsOf(platformBody)).toEqual([]);
  });

  it('refuses text that is not JSON, saying so', () => {
    const check = checkRawRequestBody('{"hello": ');

    expect(check.valid).toBe(false);
    expect(!check.valid && check.message).toMatch(/^Not valid JSON: /);
  });

  it('names a value that is not a string by its place, in a plain sentence', () => {
    const deviations = deviationsOf({
      ...platformBody,
      variables: { nps_score: 10, tags: ['a'] },
    });

    expect(deviations).toEqual([
      'variables.nps_score is a number; the platform sends every value as a string.',
      'variables.tags is a list; the platform sends every value as a string.',
    ]);
    expect(deviations.join(' ')).not.toMatch(/Invalid input|✖|expected string/);
  });

  it('names the keys the body lacks or has in excess', () => {
    expect(deviationsOf({ hello: 'world' })).toEqual([
      'The body has no "process_definition_id".',
      'The body has no "process_instance_id".',
      'The body has no "params".',
      'The body has no "variables".',
      "hello is not part of the platform's body.",
    ]);
    expect(deviationsOf({ ...platformBody, params: 'x' })).toEqual([
      'params is a string; the platform sends an object.',
    ]);
  });

  it('says what the body is when it is not an object at all', () => {
    expect(deviationsOf([1, 2])).toEqual([
      'The body is a list; the platform sends an object with process_definition_id, process_instance_id, params and variables.',
    ]);
  });
});
