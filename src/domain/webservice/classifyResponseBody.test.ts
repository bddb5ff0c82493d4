import { describe, expect, it } from 'vitest';
import { classifyResponseBody, looksLikeHtml } from './classifyResponseBody';

describe('classifyResponseBody', () => {
  it('accepts data.variables and hands them back', () => {
    expect(classifyResponseBody('{"data":{"variables":{"tier":"gold","n":1}}}', false)).toEqual({
      acceptable: true,
      kind: 'variables',
      variables: { tier: 'gold', n: 1 },
    });
  });

  it.each([
    ['', 'empty'],
    ['  \n', 'empty'],
    ['{}', 'no-variables'],
    ['{"ok":true}', 'no-variables'],
    ['{"data":{"id":1}}', 'no-variables'],
    ['{"data":null}', 'no-variables'],
  ])('accepts %j as setting nothing', (body, kind) => {
    expect(classifyResponseBody(body, false)).toEqual({ acceptable: true, kind, variables: null });
  });

  it.each([
    ['OK', 'not-json', 'The body is not JSON.'],
    ['<!DOCTYPE html><html><body>Hi</body></html>', 'html', 'The body is HTML, not JSON.'],
    ['<html lang="en">', 'html', 'The body is HTML, not JSON.'],
    ['[1,2]', 'not-an-object', 'The body is JSON but not an object.'],
    ['"text"', 'not-an-object', 'The body is JSON but not an object.'],
    ['null', 'not-an-object', 'The body is JSON but not an object.'],
    [
      '{"variables":{"tier":"gold"}}',
      'variables-at-top-level',
      'variables is at the top level; the platform only reads data.variables.',
    ],
    [
      '{"data":{"variables":["a"]}}',
      'data-variables-not-object',
      'data.variables is not an object of name → value, so it sets nothing.',
    ],
    [
      '{"data":{"variables":null}}',
      'data-variables-not-object',
      'data.variables is not an object of name → value, so it sets nothing.',
    ],
  ])('rejects %j', (body, kind, reason) => {
    expect(classifyResponseBody(body, false)).toEqual({ acceptable: false, kind, reason });
  });

  it('says a cut-off body is incomplete rather than not JSON', () => {
    expect(classifyResponseBody('{"data":{"variables":{"a":"', true)).toEqual({
      acceptable: false,
      kind: 'truncated',
      reason: 'The body was cut off at 1 MiB, so it is not complete JSON.',
    });
  });

  it('recognises HTML but not text that merely contains a tag', () => {
    expect(looksLikeHtml('  <p>Hello</p>')).toBe(true);
    expect(looksLikeHtml('<?xml version="1.0"?><a/>')).toBe(true);
    expect(looksLikeHtml('Error: <b>bad</b>')).toBe(false);
    expect(looksLikeHtml('{"html":"<p>"}')).toBe(false);
  });
});
