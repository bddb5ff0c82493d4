import { platformTimeoutMs } from '../../domain/webservice/webServiceContract';
import { maxTestTimeoutMs } from '../../domain/webservice/webServiceTestApi';
import type { TestRun } from '../../domain/webservice/testBenchRecords';
import { testVerdictOf, type TestVerdictKind } from '../../domain/webservice/testVerdictOf';
import { formatMs, outcomeLabels } from './TestResultView';

interface TestHistoryProps {
  /** Newest first. */
  runs: readonly TestRun[];
  shownRunId: string | null;
  busy: boolean;
  onShow: (run: TestRun) => void;
  onResend: (run: TestRun) => void;
}

function latencyOf(run: TestRun): number | null {
  return 'timings' in run.result ? run.result.timings.totalMs : null;
}

/** The time, with the date when the run was not today. */
function timeOf(run: TestRun): string {
  const started = new Date(run.startedAt);
  return started.toDateString() === new Date().toDateString()
    ? started.toLocaleTimeString()
    : started.toLocaleString();
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

/** The node's last runs: a latency chart against the timeout, and each run to show or re-send. */
export function TestHistory({ runs, shownRunId, busy, onShow, onResend }: TestHistoryProps) {
  if (runs.length === 0) return null;
  return (
    <section className="test-history" aria-label="Test history">
      <h3>History</h3>
      <LatencyChart runs={runs} />
      <ol className="test-history-list">
        {runs.map((run) => {
          const latency = latencyOf(run);
          const label = `run from ${timeOf(run)}`;
          return (
            <li key={run.id} aria-current={run.id === shownRunId ? 'true' : undefined}>
              <span className={`outcome outcome-${historyVerdictOf(run).kind}`}>
                {historyVerdictOf(run).label}
              </span>{' '}
              <span className="muted" title={`POST ${run.request.url}`}>
                {timeOf(run)}
                {latency !== null && ` · ${formatMs(latency)}`} · {hostOf(run.request.url)}
              </span>
              <span className="test-history-actions">
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Show ${label}`}
                  disabled={run.id === shownRunId}
                  onClick={() => onShow(run)}
                >
                  Show
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Re-send ${label}`}
                  disabled={busy}
                  onClick={() => onResend(run)}
                >
                  Re-send
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

const chartWidth = 300;
const chartHeight = 70;
const lowestMs = 10;

/** Log scale: a 100 ms call and the 20 s timeout line both stay visible. */
function heightOf(ms: number): number {
  const clamped = Math.min(Math.max(ms, lowestMs), maxTestTimeoutMs);
  return (Math.log10(clamped / lowestMs) / Math.log10(maxTestTimeoutMs / lowestMs)) * chartHeight;
}

function LatencyChart({ runs }: { runs: readonly TestRun[] }) {
  const oldestFirst = [...runs].reverse();
  const slot = chartWidth / Math.max(oldestFirst.length, 10);
  const timeoutY = chartHeight - heightOf(platformTimeoutMs);
  const latencies = runs.flatMap((run) => latencyOf(run) ?? []);
  const slowest = latencies.length > 0 ? Math.max(...latencies) : null;
  return (
    <svg
      className="latency-chart"
      viewBox={`0 0 ${chartWidth} ${chartHeight + 2}`}
      role="img"
      aria-label={`Latency of the last ${runs.length} runs${slowest === null ? '' : `, slowest ${formatMs(slowest)}`}, against the 20 s timeout`}
    >
      <line className="latency-chart-timeout" x1={0} x2={chartWidth} y1={timeoutY} y2={timeoutY} />
      <text className="latency-chart-label" x={chartWidth - 2} y={timeoutY + 10} textAnchor="end">
        20 s timeout
      </text>
      {oldestFirst.map((run, index) => {
        const latency = latencyOf(run);
        if (latency === null) return null;
        const height = Math.max(1, heightOf(latency));
        return (
          <rect
            key={run.id}
            className={`latency-chart-bar outcome-${historyVerdictOf(run).kind}`}
            x={index * slot + 2}
            y={chartHeight - height}
            width={Math.max(2, slot - 4)}
            height={height}
          >
            <title>{`${historyVerdictOf(run).label}, ${formatMs(latency)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** A past run as the history names it: by what the platform would do, so a 25 s OK is "Too slow". */
function historyVerdictOf(run: TestRun): { kind: TestVerdictKind; label: string } {
  const { kind } = testVerdictOf(run.result);
  return { kind, label: kind === 'too-slow' ? 'Too slow' : outcomeLabels[kind] };
}
