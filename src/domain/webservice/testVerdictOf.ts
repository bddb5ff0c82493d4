import { latencyZoneDescriptions, latencyZoneOf, type LatencyZone } from './latencyZoneOf';
import { platformTimeoutMs } from './webServiceContract';
import type { WebServiceTestOutcome, WebServiceTestResult } from './webServiceTestApi';

/** The outcome as the platform would live it: an answer after 20 s counts for nothing. */
export type TestVerdictKind = WebServiceTestOutcome | 'too-slow';

export interface LatencyVerdict {
  /** Where the latency falls on the chat's scale. */
  zone: LatencyZone;
  /** `failed` when the answer came in time but sets nothing: speed does not make it good. */
  tone: LatencyZone | 'failed';
  meaning: string;
}

export interface TestVerdict {
  kind: TestVerdictKind;
  headline: string;
  /** Whether the platform would take variables from this answer at runtime. */
  setsVariablesAtRuntime: boolean;
  /** What the latency means for the chat; null when no answer could be timed (a failed connection, a refused URL). */
  latency: LatencyVerdict | null;
}

export const testVerdictHeadlines: Record<TestVerdictKind, string> = {
  ok: 'OK',
  'too-slow': 'Too slow: the platform gives up at 20 s',
  'http-error': 'HTTP error',
  'invalid-response': 'Invalid response',
  timeout: 'Timeout',
  'network-error': 'Network error',
  rejected: 'Rejected',
};

/** Whether an answer took so long that the platform would already have moved on. */
export function isTooSlowForPlatform(latencyMs: number): boolean {
  return latencyZoneOf(latencyMs) === 'timeout';
}

/**
 * What a test result means for the flow at runtime. A test may wait up to 60 s, but the
 * platform gives up at 20 s: a later answer, however good, is headed as too slow and sets
 * nothing. A failed answer is never praised for its speed.
 */
export function testVerdictOf(result: WebServiceTestResult): TestVerdict {
  const kind: TestVerdictKind =
    result.outcome !== 'timeout' &&
    'timings' in result &&
    'response' in result &&
    isTooSlowForPlatform(result.timings.totalMs)
      ? 'too-slow'
      : result.outcome;
  return {
    kind,
    headline: testVerdictHeadlines[kind],
    setsVariablesAtRuntime: kind === 'ok',
    latency: latencyVerdictOf(result, kind),
  };
}

function latencyVerdictOf(
  result: WebServiceTestResult,
  kind: TestVerdictKind,
): LatencyVerdict | null {
  // A connection that failed says nothing about how fast the endpoint answers.
  if (result.outcome === 'rejected' || result.outcome === 'network-error') return null;
  const latencyMs = result.timings.totalMs;
  const zone = latencyZoneOf(latencyMs);
  if (result.outcome === 'timeout') {
    return result.timeoutMs < platformTimeoutMs && latencyMs < platformTimeoutMs
      ? {
          zone,
          tone: 'timeout',
          meaning: `Cut off by this test's ${Math.round(result.timeoutMs)} ms deadline: the endpoint had not answered yet. The platform would wait up to 20 s.`,
        }
      : { zone: 'timeout', tone: 'timeout', meaning: latencyZoneDescriptions.timeout };
  }
  if (kind === 'too-slow') {
    return {
      zone,
      tone: 'timeout',
      meaning: `Answered after ${Math.round(latencyMs)} ms: the platform gives up at 20 s, so at runtime the flow proceeds without new variables.`,
    };
  }
  if (result.outcome === 'http-error' || result.outcome === 'invalid-response') {
    return {
      zone,
      tone: 'failed',
      meaning: `Answered in ${Math.round(latencyMs)} ms, but ${
        result.outcome === 'http-error' ? 'with an error' : 'with nothing the platform can use'
      }: the flow goes on without new variables.`,
    };
  }
  return { zone, tone: zone, meaning: latencyZoneDescriptions[zone] };
}
