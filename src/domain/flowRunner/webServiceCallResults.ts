import {
  checkWebServiceResponse,
  type ContractWarning,
  type ReturnedVariable,
} from '../webservice/checkWebServiceResponse';
import { testVerdictOf, type TestVerdictKind } from '../webservice/testVerdictOf';
import { platformTimeoutMs } from '../webservice/webServiceContract';
import type {
  ParsedWebServiceTestRequest,
  WebServiceTestResult,
} from '../webservice/webServiceTestApi';
import type { StepNote } from './flowRunState';
import type { RunnerClock } from './runnerClock';

/** Sends one request the way the browser's proxy client does; the runner never calls a URL itself. */
export type WebServiceCaller = (
  request: ParsedWebServiceTestRequest,
  signal: AbortSignal,
) => Promise<WebServiceTestResult>;

/** What the platform lives when the endpoint has not answered after 20 s. */
export function platformTimeoutResult(
  elapsedMs = platformTimeoutMs,
  timeoutMs = platformTimeoutMs,
): WebServiceTestResult {
  return {
    outcome: 'timeout',
    timings: { totalMs: elapsedMs, firstByteMs: null },
    timeoutMs,
    phase: 'waiting-for-response',
    response: null,
  };
}

/** The simulated error of the `Simulate an error` preview mode: an HTTP 500, nothing sent. */
export function simulatedServerErrorResult(): WebServiceTestResult {
  const body = '{"error":"Simulated by the chat preview"}';
  return {
    outcome: 'http-error',
    timings: { totalMs: 0, firstByteMs: 0 },
    response: {
      status: 500,
      statusText: 'Internal Server Error',
      headers: { 'content-type': 'application/json' },
      body,
      sizeBytes: body.length,
      truncated: false,
    },
  };
}

function unreachableResult(error: unknown, elapsedMs: number): WebServiceTestResult {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    outcome: 'network-error',
    timings: { totalMs: elapsedMs, firstByteMs: null },
    code: 'UNREACHABLE',
    reason: `The call could not be made: ${detail}`,
  };
}

/** How long the customer waits for a result recorded earlier: at most the platform's 20 s. */
export function customerWaitOf(result: WebServiceTestResult): number {
  if (result.outcome === 'rejected') return 0;
  if (result.outcome === 'timeout') return platformTimeoutMs;
  return Math.min(result.timings.totalMs, platformTimeoutMs);
}

/**
 * One call through `caller`, as the platform waits for it: a caller that throws is a network
 * error; one not settled after `timeoutMs` (the platform's 20 s) on `clock` is a timeout and is
 * aborted, as is any call when `stop` aborts (the run was restarted or disposed).
 */
export function callWithPlatformTimeout(
  caller: WebServiceCaller,
  request: ParsedWebServiceTestRequest,
  clock: RunnerClock,
  stop: AbortSignal,
  timeoutMs = platformTimeoutMs,
): Promise<WebServiceTestResult> {
  const controller = new AbortController();
  const startedAt = clock.now();
  const elapsed = () => clock.now() - startedAt;
  return new Promise((resolve) => {
    let cancelTimer = () => {};
    const onStop = () => settle(unreachableResult(new Error('the preview was stopped'), elapsed()));
    function settle(result: WebServiceTestResult) {
      cancelTimer();
      stop.removeEventListener('abort', onStop);
      if (!controller.signal.aborted) controller.abort();
      resolve(result);
    }
    if (stop.aborted) {
      onStop();
      return;
    }
    stop.addEventListener('abort', onStop);
    cancelTimer = clock.setTimer(
      () => settle(platformTimeoutResult(elapsed(), timeoutMs)),
      timeoutMs,
    );
    Promise.resolve()
      .then(() => caller(request, controller.signal))
      .then(settle, (error: unknown) => settle(unreachableResult(error, elapsed())));
  });
}

/** What an awaited call's result does to the chat, in the bench's own vocabulary. */
export interface CallEffect {
  outcome: TestVerdictKind;
  headline: string;
  /** The variables the platform would merge: none unless the answer is OK and in time. */
  returned: ReturnedVariable[];
  warnings: ContractWarning[];
  notes: StepNote[];
}

/**
 * Reads a result as the platform would: `testVerdictOf` for the outcome (an answer after 20 s
 * counts for nothing), `checkWebServiceResponse` for `data.variables` (non-strings as JSON text)
 * and the contract warnings.
 */
export function effectOfResult(
  result: WebServiceTestResult,
  sentBody: string,
  expectedVariables: readonly string[],
): CallEffect {
  const verdict = testVerdictOf(result);
  const check = checkWebServiceResponse(result, sentBody, expectedVariables);
  const returned = verdict.setsVariablesAtRuntime && check.setAtRuntime ? check.returned : [];
  const names = returned.map((variable) => variable.name).join(', ');
  const summary: StepNote =
    verdict.kind === 'ok'
      ? {
          tone: 'info',
          text: `${verdict.headline}: ${names ? `set ${names}` : 'no variables set'}.`,
        }
      : { tone: 'warning', text: `${verdict.headline}: the chat goes on without new variables.` };
  return {
    outcome: verdict.kind,
    headline: verdict.headline,
    returned,
    warnings: check.warnings,
    notes: [
      summary,
      ...check.warnings.map((warning): StepNote => ({ tone: 'warning', text: warning.message })),
    ],
  };
}
