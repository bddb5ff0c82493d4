import { useState } from 'react';
import { ReturnedVariablesTable } from './ReturnedVariablesTable';
import { shownRowLimit } from '../fields/usePagedFilter';
import { checkWebServiceResponse } from '../../domain/webservice/checkWebServiceResponse';
import { curlCommandFor } from '../../domain/webservice/curlCommandFor';
import { testVerdictOf, type LatencyVerdict } from '../../domain/webservice/testVerdictOf';
import {
  comfortableLatencyMs,
  isRedirectStatus,
  platformTimeoutMs,
} from '../../domain/webservice/webServiceContract';
import type {
  WebServiceTestOutcome,
  WebServiceTestResult,
} from '../../domain/webservice/webServiceTestApi';
import type { TestRun } from '../../domain/webservice/testBenchRecords';
import { LazyJsonCodeView } from '../code/LazyJsonCodeView';
import { describeResponseTransport } from '../../domain/webservice/describeResponseTransport';

export const outcomeLabels: Record<WebServiceTestOutcome, string> = {
  ok: 'OK',
  'http-error': 'HTTP error',
  'invalid-response': 'Invalid response',
  timeout: 'Timeout',
  'network-error': 'Network error',
  rejected: 'Rejected',
};

export function formatMs(ms: number): string {
  return `${Math.round(ms)} ms`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** One sentence on what happened, for outcomes where the status alone does not say it. */
function explain(result: WebServiceTestResult): string | null {
  switch (result.outcome) {
    case 'ok':
      return null;
    case 'http-error':
      return isRedirectStatus(result.response.status)
        ? `The endpoint redirected (${result.response.status}); redirects are not followed.`
        : `The endpoint answered ${result.response.status}: the flow goes on without new variables.`;
    case 'invalid-response':
      return `${result.reason} The flow goes on without new variables.`;
    case 'timeout': {
      const phase = {
        connecting: 'while connecting',
        'waiting-for-response': 'while waiting for the response',
        'reading-body': 'while the body was still arriving',
      }[result.phase];
      return `No complete answer within ${formatMs(result.timeoutMs)} (${phase}).${
        result.timeoutMs < platformTimeoutMs
          ? ' This test used a shorter deadline than the platform’s 20 s.'
          : ' The flow proceeds without new variables.'
      }`;
    }
    case 'network-error':
      return `${result.reason} (${result.code})`;
    case 'rejected':
      return `Not sent: ${result.reason}`;
  }
}

/** What one test call returned: timings against the timeout, variables, contract warnings. */
export function TestResultView({ run, heading }: { run: TestRun; heading: string }) {
  const { result } = run;
  const check = checkWebServiceResponse(result, run.request.body, run.expectedVariables);
  const response = 'response' in result ? result.response : null;
  const explanation = explain(result);
  const verdict = testVerdictOf(result);
  return (
    <section
      className="test-result"
      aria-label="Test result"
      data-outcome={result.outcome}
      data-verdict={verdict.kind}
    >
      <h3>
        {heading}: <span className={`outcome outcome-${verdict.kind}`}>{verdict.headline}</span>
      </h3>
      {explanation && <p className="test-explanation">{explanation}</p>}
      <dl className="test-facts">
        {response && (
          <>
            <dt>Status</dt>
            <dd>
              {response.status} {response.statusText}
            </dd>
          </>
        )}
        {'timings' in result && (
          <>
            <dt>Latency</dt>
            <dd>{formatMs(result.timings.totalMs)}</dd>
            <dt>Time to first byte</dt>
            <dd>
              {result.timings.firstByteMs === null ? '—' : formatMs(result.timings.firstByteMs)}
            </dd>
          </>
        )}
        {response && (
          <>
            <dt>Size</dt>
            <dd>
              {response.truncated
                ? 'over 1 MiB (only the first 1 MiB was kept)'
                : formatBytes(response.sizeBytes)}
            </dd>
          </>
        )}
      </dl>
      {'timings' in result && verdict.latency && (
        <LatencyBar
          latencyMs={result.timings.totalMs}
          verdict={verdict.latency}
          testTimeoutMs={run.request.timeoutMs}
        />
      )}

      {(response !== null || check.missing.length > 0) && result.outcome !== 'timeout' && (
        <ReturnedVariablesTable check={check} />
      )}

      {check.warnings.length > 0 && (
        <section className="test-warnings" aria-label="Contract warnings">
          <h4>Contract warnings</h4>
          <ul>
            {check.warnings.slice(0, shownRowLimit).map((warning) => (
              <li key={`${warning.kind}:${warning.message}`} data-kind={warning.kind}>
                {warning.message}
              </li>
            ))}
          </ul>
          {check.warnings.length > shownRowLimit && (
            <p className="muted">
              … and {check.warnings.length - shownRowLimit} more of the same kinds.
            </p>
          )}
        </section>
      )}

      {response && (
        <>
          <details className="test-details">
            <summary>Response headers ({Object.keys(response.headers).length})</summary>
            <table className="test-table" aria-label="Response headers">
              <tbody>
                {Object.entries(response.headers).map(([name, value]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <details className="test-details" open>
            <summary>Response body</summary>
            <div role="region" aria-label="Response body">
              {describeResponseTransport(response).map((note) => (
                <p key={note} className="muted test-transport-note">
                  {note}
                </p>
              ))}
              {response.body === '' ? (
                <p className="muted">(empty)</p>
              ) : response.bodyEncoding === 'base64' ? (
                <pre className="code test-base64-body">{response.body}</pre>
              ) : (
                <LazyJsonCodeView label="Response body" value={prettyBody(response.body)} />
              )}
            </div>
          </details>
        </>
      )}
      <CopyAsCurl run={run} />
    </section>
  );
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function CopyAsCurl({ run }: { run: TestRun }) {
  const [copyState, setCopyState] = useState<string | null>(null);
  const command = curlCommandFor(run.request);
  const copy = () => {
    navigator.clipboard.writeText(command).then(
      () => setCopyState('Copied the cURL command.'),
      (error: unknown) =>
        setCopyState(
          `Could not copy (${error instanceof Error ? error.message : String(error)}); select the command below.`,
        ),
    );
  };
  return (
    <details className="test-details">
      <summary>Request as cURL</summary>
      <button type="button" onClick={copy}>
        Copy as cURL
      </button>
      <span role="status" className="muted">
        {' '}
        {copyState}
      </span>
      <pre className="code" role="region" aria-label="cURL command" tabIndex={0}>
        {command}
      </pre>
    </details>
  );
}

/** The latency on a scale that shows what it means for the customer in the chat. */
export function LatencyBar({
  latencyMs,
  verdict,
  testTimeoutMs,
}: {
  latencyMs: number;
  verdict: LatencyVerdict;
  testTimeoutMs: number;
}) {
  const scaleMs = Math.max(platformTimeoutMs * 1.1, latencyMs, testTimeoutMs);
  const percent = (ms: number) => `${Math.min(100, (ms / scaleMs) * 100)}%`;
  return (
    <figure className="latency" aria-label="Latency against the timeout">
      <div
        className="latency-bar"
        role="img"
        aria-label={`${formatMs(latencyMs)} of the platform's 20 s timeout`}
      >
        <div
          className="latency-zone latency-fine"
          style={{ width: percent(comfortableLatencyMs) }}
        />
        <div
          className="latency-zone latency-slow"
          style={{
            left: percent(comfortableLatencyMs),
            width: `calc(${percent(platformTimeoutMs)} - ${percent(comfortableLatencyMs)})`,
          }}
        />
        <div
          className="latency-zone latency-timeout"
          style={{ left: percent(platformTimeoutMs), right: 0 }}
        />
        <div
          className={`latency-marker latency-marker-${verdict.zone}`}
          style={{ left: percent(latencyMs) }}
        />
      </div>
      <div className="latency-scale" aria-hidden="true">
        <span>0</span>
        <span style={{ left: percent(comfortableLatencyMs) }}>3 s</span>
        <span style={{ left: percent(platformTimeoutMs) }}>20 s timeout</span>
      </div>
      <figcaption className={`latency-meaning latency-meaning-${verdict.tone}`}>
        {verdict.meaning}
      </figcaption>
    </figure>
  );
}
