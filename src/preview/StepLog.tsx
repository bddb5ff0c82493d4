import type { FlowRunState, StepLogEntry } from '../domain/flowRunner/flowRunState';
import { chatReplyBudgetMs, platformTimeoutMs } from '../domain/webservice/webServiceContract';
import { formatSeconds } from '../panels/formatSeconds';

/** Every module the chat passed, with the conversation's timeline above it. */
export function StepLog({ run }: { run: FlowRunState }) {
  return (
    <section className="step-log" aria-label="Step log">
      <h3>Step log</h3>
      <ConversationTimeline run={run} />
      <ol className="step-list">
        {run.stepLog.map((entry) => (
          <StepItem key={entry.index} entry={entry} />
        ))}
      </ol>
    </section>
  );
}

function StepItem({ entry }: { entry: StepLogEntry }) {
  const call = entry.webServiceCall;
  return (
    <li className="step-item" data-module-id={entry.moduleId}>
      <div className="step-head">
        <span className="step-name">{entry.moduleName}</span>
        {entry.kindLabel.toLowerCase() !== entry.moduleName.toLowerCase() && (
          <span className="step-kind">{entry.kindLabel}</span>
        )}
        <span className="step-time">
          {formatSeconds(entry.startMs)}
          {entry.endMs > entry.startMs ? ` – ${formatSeconds(entry.endMs)}` : ''}
        </span>
      </div>
      {call && (
        <div className={`step-call step-call-${call.outcome}`}>
          <span className="step-call-outcome">{call.headline}</span>{' '}
          <span className="step-call-latency">{Math.round(call.latencyMs)} ms</span>
          {call.mode !== 'call' && (
            <span className="step-call-mode">
              {
                {
                  recorded: 'recorded response',
                  timeout: 'simulated timeout',
                  error: 'simulated error',
                  call: '',
                }[call.mode]
              }
            </span>
          )}
          {call.variablesSet.length > 0 && (
            <span className="step-call-set">sets {call.variablesSet.join(', ')}</span>
          )}
          <details className="step-call-details">
            <summary>Request and response</summary>
            <p className="step-call-url">
              POST <code>{call.request.url}</code>
            </p>
            <pre className="code">{call.request.body}</pre>
            {call.result && 'response' in call.result && call.result.response ? (
              <>
                <p>
                  HTTP {call.result.response.status} {call.result.response.statusText}
                </p>
                <pre className="code">{call.result.response.body || '(empty body)'}</pre>
              </>
            ) : (
              <p className="muted">
                {call.result === null ? 'Queued: the answer is ignored.' : 'No response.'}
              </p>
            )}
          </details>
        </div>
      )}
      {entry.notes.length > 0 && (
        <ul className="step-notes">
          {entry.notes.map((note, index) => (
            <li key={index} className={`step-note step-note-${note.tone}`}>
              {note.text}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * A waterfall of the conversation: one row per customer turn, each WebService call a bar on
 * the same time axis, with the platform's 20 s and the chat's ~30 s marked.
 */
function ConversationTimeline({ run }: { run: FlowRunState }) {
  const longest = Math.max(
    0,
    ...run.turns.flatMap((turn) => [turn.longestWaitMs, ...turn.calls.map((c) => c.endOffsetMs)]),
  );
  const axisMs = Math.max(chatReplyBudgetMs * 1.1, longest * 1.05);
  const at = (ms: number) => `${Math.min(100, (ms / axisMs) * 100)}%`;
  return (
    <figure
      className="timeline"
      aria-label="Conversation timeline"
      title="Each row is a customer turn; bars are WebService calls. The platform gives up on a call at 20 s; the chat UI waits about 30 s for a reply."
    >
      <div className="timeline-rows">
        {run.turns.map((turn) => (
          <div
            key={turn.index}
            className={`timeline-row${turn.exceedsBudget ? ' timeline-row-over' : ''}`}
            data-turn={turn.index}
          >
            <div className="timeline-label">
              <span className="timeline-turn">
                {turn.customerMessage === null ? 'Start' : `“${turn.customerMessage}”`}
              </span>
              <span className="timeline-wait">
                {turn.replyWaitMs === null
                  ? 'waiting for a reply'
                  : `reply after ${formatSeconds(turn.replyWaitMs)} of ${formatSeconds(chatReplyBudgetMs)}`}
                {turn.exceedsBudget &&
                  ` · waits ${formatSeconds(turn.longestWaitMs)}: over the chat's budget`}
              </span>
            </div>
            <div className="timeline-track">
              <span className="timeline-mark" style={{ left: at(platformTimeoutMs) }} />
              <span
                className="timeline-mark timeline-mark-budget"
                style={{ left: at(chatReplyBudgetMs) }}
              />
              {turn.calls.map((call) => (
                <span
                  key={`${call.moduleId}-${call.callIndex}`}
                  className={`timeline-bar timeline-bar-${call.outcome}`}
                  data-module-id={call.moduleId}
                  style={{
                    left: at(call.startOffsetMs),
                    width: `max(3px, calc(${at(call.endOffsetMs)} - ${at(call.startOffsetMs)}))`,
                  }}
                  title={`${call.moduleName}: ${formatSeconds(call.endOffsetMs - call.startOffsetMs)}`}
                />
              ))}
            </div>
          </div>
        ))}
      </div>
      <figcaption className="timeline-axis" aria-hidden="true">
        <span style={{ left: 0 }}>0</span>
        <span style={{ left: at(platformTimeoutMs) }}>20 s timeout</span>
        <span style={{ left: at(chatReplyBudgetMs) }}>30 s budget</span>
      </figcaption>
    </figure>
  );
}
