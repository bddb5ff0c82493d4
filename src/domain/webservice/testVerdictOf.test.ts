import { describe, expect, it } from 'vitest';
import { testVerdictOf } from './testVerdictOf';
import type { WebServiceTestResponse, WebServiceTestResult } from './webServiceTestApi';

const response: WebServiceTestResponse = {
  status: 200,
  statusText: 'OK',
  headers: {},
  body: '{"data":{"variables":{"customer_tier":"gold"}}}',
  sizeBytes: 46,
  truncated: false,
};

const ok = (totalMs: number): WebServiceTestResult => ({
  outcome: 'ok',
  timings: { totalMs, firstByteMs: totalMs },
  response,
});

const httpError = (totalMs: number): WebServiceTestResult => ({
  outcome: 'http-error',
  timings: { totalMs, firstByteMs: totalMs },
  response: { ...response, status: 500, statusText: 'Internal Server Error', body: 'down' },
});

describe('testVerdictOf', () => {
  it('a quick good answer is OK and praised for its speed', () => {
    const verdict = testVerdictOf(ok(120));

    expect(verdict).toMatchObject({ kind: 'ok', headline: 'OK', setsVariablesAtRuntime: true });
    expect(verdict.latency).toMatchObject({ zone: 'fine', tone: 'fine' });
    expect(verdict.latency?.meaning).toContain('Responds within a few seconds');
  });

  it('a good answer after 20 s is headed as too slow: the platform would have given up', () => {
    const verdict = testVerdictOf(ok(25_000));

    expect(verdict.kind).toBe('too-slow');
    expect(verdict.headline).toBe('Too slow: the platform gives up at 20 s');
    expect(verdict.setsVariablesAtRuntime).toBe(false);
    expect(verdict.latency).toMatchObject({ zone: 'timeout', tone: 'timeout' });
    expect(verdict.latency?.meaning).toContain('25000 ms');
    expect(testVerdictOf(ok(20_000)).kind).toBe('too-slow');
    expect(testVerdictOf(ok(19_999)).kind).toBe('ok');
  });

  it('an error is never praised for answering quickly', () => {
    const verdict = testVerdictOf(httpError(40));

    expect(verdict).toMatchObject({ kind: 'http-error', headline: 'HTTP error' });
    expect(verdict.setsVariablesAtRuntime).toBe(false);
    expect(verdict.latency?.tone).toBe('failed');
    expect(verdict.latency?.meaning).not.toContain('Responds within a few seconds');
    expect(verdict.latency?.meaning).toContain('with an error');
    expect(testVerdictOf(httpError(21_000)).kind).toBe('too-slow');
  });

  it('a failed connection or a refused URL has no latency verdict at all', () => {
    const networkError: WebServiceTestResult = {
      outcome: 'network-error',
      timings: { totalMs: 2, firstByteMs: null },
      code: 'ECONNREFUSED',
      reason: 'Nothing listens there.',
    };

    expect(testVerdictOf(networkError)).toMatchObject({
      kind: 'network-error',
      headline: 'Network error',
      latency: null,
    });
    expect(testVerdictOf({ outcome: 'rejected', reason: 'private' }).latency).toBeNull();
  });

  it("a timeout says whose deadline cut it off: this test's, or the platform's", () => {
    const timeout = (timeoutMs: number): WebServiceTestResult => ({
      outcome: 'timeout',
      timings: { totalMs: timeoutMs, firstByteMs: null },
      timeoutMs,
      phase: 'waiting-for-response',
      response: null,
    });

    expect(testVerdictOf(timeout(300)).headline).toBe('Timeout');
    expect(testVerdictOf(timeout(300)).latency?.meaning).toContain("Cut off by this test's 300 ms");
    expect(testVerdictOf(timeout(20_000)).latency?.meaning).toContain('after 20 s');
  });
});
