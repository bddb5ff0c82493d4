import { useEffect, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import { newId } from '../../domain/newId';
import { requestBodyText } from '../../domain/webservice/buildWebServiceRequest';
import {
  composeWebServiceRequest,
  sampleValuesOf,
} from '../../domain/webservice/composeWebServiceRequest';
import { demoEndpointPaths } from '../../domain/webservice/demoEndpointPaths';
import { variablesAtNode } from '../../domain/webservice/variablesAtNode';
import { selectFlowContent } from '../../store/selectFlowContent';
import { platformTimeoutMs } from '../../domain/webservice/webServiceContract';
import {
  maxTestTimeoutMs,
  minTestTimeoutMs,
  type ParsedWebServiceTestRequest,
} from '../../domain/webservice/webServiceTestApi';
import type { WebServiceData } from '../../modules/web-service/webServiceModule';
import type { TestBenchRepository } from '../../persistence/testBenchRepository';
import type { TestBench, TestRun } from '../../domain/webservice/testBenchRecords';
import { isNodeOfKind } from '../../store/appNode';
import type { TestBenchStore } from '../../store/createTestBenchStore';
import { useFlowStore } from '../../store/FlowStoreContext';
import { TextField } from '../fields/TextField';
import { formatSeconds } from '../formatSeconds';
import { RequestBodyEditor } from './RequestBodyEditor';
import { TestHistory } from './TestHistory';
import { TestResultView } from './TestResultView';
import { TestVariablesTable } from './TestVariablesTable';
import { useNodeTestBench } from './useNodeTestBench';
import { useWebServiceTestCall } from '../../webservice-calls/useWebServiceTestCall';
import { nodeById } from '../../store/selectNodeNames';

const timeoutTextSchema = z
  .string()
  .trim()
  .regex(/^\d+$/, 'Enter whole milliseconds')
  .transform(Number)
  .pipe(
    z
      .int()
      .min(minTestTimeoutMs, `At least ${minTestTimeoutMs} ms`)
      .max(maxTestTimeoutMs, `At most ${maxTestTimeoutMs} ms (60 s)`),
  );

const paramFields = [
  { name: 'referrer', label: 'Referrer (params.referrer)' },
  { name: 'user-agent', label: 'User agent (params.user-agent)' },
] as const;

interface WebServiceTestPanelProps {
  nodeId: string;
  benches: TestBenchStore;
  repository: TestBenchRepository;
}

/** The test bench of one WebService node: compose the platform's request, send it, read the answer. */
export function WebServiceTestPanel({ nodeId, benches, repository }: WebServiceTestPanelProps) {
  const flowId = useFlowStore((state) => state.flowId);
  const data = useFlowStore((state) => {
    const node = nodeById(state.nodes, nodeId);
    return node && isNodeOfKind(node, 'web-service') ? node.data : null;
  });
  const { bench, loadError, readProblem, update, saveError, replacedNotice } = useNodeTestBench(
    benches,
    repository,
    flowId,
    nodeId,
  );
  return (
    <section className="panel test-bench" aria-label="WebService test">
      <h2>WebService test</h2>
      {loadError ? (
        <p role="alert" className="field-error">
          The test values of this node could not be read: {loadError.message}
        </p>
      ) : (
        !bench && <p className="muted">Loading test values…</p>
      )}
      {readProblem && (
        <details className="test-note" role="note">
          <summary>
            The test values kept for this module could not be read, so it starts with fresh ones.
          </summary>
          <pre className="code">{readProblem}</pre>
        </details>
      )}
      {bench && data && (
        <TestBenchForm
          flowId={flowId}
          nodeId={nodeId}
          data={data}
          bench={bench}
          update={update}
          benches={benches}
        />
      )}
      {saveError && (
        <p role="alert" className="field-error">
          Test values could not be saved in this browser: {saveError}
        </p>
      )}
      {replacedNotice && (
        <p role="alert" className="field-error">
          {replacedNotice}
        </p>
      )}
    </section>
  );
}

interface TestBenchFormProps {
  flowId: string;
  nodeId: string;
  data: WebServiceData;
  bench: TestBench;
  update: (change: (current: TestBench) => TestBench) => void;
  benches: TestBenchStore;
}

function TestBenchForm({ flowId, nodeId, data, bench, update, benches }: TestBenchFormProps) {
  const variables = useVariablesAtNode(nodeId);
  const [processInstanceId, setProcessInstanceId] = useState(() => newId('chat'));
  const [shownRunId, setShownRunId] = useState<string | null>(null);
  const { start: startCall, running, failure } = useWebServiceTestCall(benches, flowId, nodeId);
  const [timeoutValid, setTimeoutValid] = useState(true);
  const { sendButton, cancelButton } = useFocusFollowsRun(running !== undefined);

  const composed = composeWebServiceRequest({
    flowId,
    processInstanceId,
    endpoint: data,
    variables: sampleValuesOf(variables),
    testValues: bench,
  });
  const { composedBody } = composed;
  const requestProblems = composed.ok ? [] : composed.problems;
  // The inspector keeps a mistyped URL; sending to the old one would test the wrong endpoint.
  const urlInvalid = useFlowStore((state) => state.invalidFields[nodeId]?.url !== undefined);
  const canSend = composed.ok && timeoutValid && !urlInvalid && running === undefined;

  const send = (input: ParsedWebServiceTestRequest) => {
    setShownRunId(null);
    startCall({ request: input, expectedVariables: data.expectedVariables }, () =>
      setProcessInstanceId(newId('chat')),
    );
  };
  const resend = (run: TestRun) =>
    send({ ...run.request, body: withFreshInstanceId(run.request.body) });

  const { changeSample, resetSample, includeVariable, changeRawBody } = useBenchChanges(update);

  const shownRun =
    bench.history.find((run) => run.id === shownRunId) ??
    (shownRunId === null ? bench.history[0] : undefined);

  return (
    <>
      <p className="test-target">
        {urlInvalid ? null : data.url ? (
          <>
            POST <code>{data.url}</code>
          </>
        ) : (
          <span className="muted">Set the URL in the inspector to send a test.</span>
        )}
      </p>
      <DemoEndpointElsewhereNote nodeId={nodeId} url={data.url} />
      {data.useRequestQueue && (
        <p className="test-note" role="note">
          Use request queue is on: at runtime the request is queued and sent in the background, so
          its response cannot set variables. The test shows what the endpoint answers anyway.
        </p>
      )}

      <div className="test-send">
        <TextField
          label="Timeout (ms)"
          value={String(bench.timeoutMs)}
          schema={timeoutTextSchema}
          onValid={(timeoutMs) => update((current) => ({ ...current, timeoutMs }))}
          onValidityChange={setTimeoutValid}
          hint={
            bench.timeoutMs === platformTimeoutMs
              ? 'The platform waits 20 s.'
              : `The platform waits 20 s; this test waits ${bench.timeoutMs} ms.`
          }
        />
        <div className="test-send-buttons">
          <button
            ref={sendButton}
            type="button"
            className="primary"
            disabled={!canSend}
            onClick={() => canSend && send(composed.request)}
          >
            Send test request
          </button>
          {running && (
            <button ref={cancelButton} type="button" onClick={running.cancel}>
              Cancel
            </button>
          )}
        </div>
        {urlInvalid && (
          <p className="field-error">
            The URL is invalid: correct it in the inspector to send a test.
          </p>
        )}
        {requestProblems.length > 0 && data.url && !urlInvalid && (
          <p className="field-error">{requestProblems.join(' ')}</p>
        )}
      </div>

      <div aria-live="polite">
        {running && (
          <p className="muted" role="status">
            Waiting for the endpoint…{' '}
            <span aria-hidden="true">
              <ElapsedTime since={running.submittedAt} />
            </span>
          </p>
        )}
        {failure && !running && (
          <p role={failure.kind === 'cancelled' ? 'status' : 'alert'} className="test-failure">
            {failure.kind === 'cancelled'
              ? 'Cancelled: the request to the endpoint was stopped.'
              : failure.message}
          </p>
        )}
      </div>
      {running && <WaitingBar since={running.submittedAt} timeoutMs={running.timeoutMs} />}

      {shownRun && (
        <TestResultView
          run={shownRun}
          heading={
            shownRun.id !== bench.history[0]?.id
              ? `Result from ${new Date(shownRun.startedAt).toLocaleTimeString()}`
              : running || failure
                ? `Previous result (${new Date(shownRun.startedAt).toLocaleTimeString()})`
                : 'Result'
          }
        />
      )}

      <h3 className="test-section-title">Request</h3>
      <TestVariablesTable
        variables={variables}
        overrides={bench.sampleOverrides}
        omitted={bench.omittedVariables}
        disabled={bench.rawBody !== null}
        onValueChange={changeSample}
        onReset={resetSample}
        onIncludedChange={includeVariable}
      />

      <fieldset className="test-params" disabled={bench.rawBody !== null}>
        <legend>Params</legend>
        {paramFields.map(({ name, label }) => (
          <TextField
            key={name}
            label={label}
            value={bench.params[name] ?? ''}
            schema={z.string()}
            onValid={(value) =>
              update((current) => ({ ...current, params: { ...current.params, [name]: value } }))
            }
          />
        ))}
        <p className="field-hint">
          process_definition_id is this flow&apos;s id; process_instance_id is new for every
          request.
        </p>
      </fieldset>

      <RequestBodyEditor
        composedBody={composedBody}
        rawBody={bench.rawBody}
        onRawBodyChange={changeRawBody}
      />

      <TestHistory
        runs={bench.history}
        shownRunId={shownRun?.id ?? null}
        busy={running !== undefined}
        onShow={(run) => setShownRunId(run.id)}
        onResend={resend}
      />
    </>
  );
}

/**
 * The test values' changes, the same functions while the bench is the same: the variables table
 * and the body editor then skip the re-render at every keystroke in the module's URL.
 */
function useBenchChanges(update: (change: (current: TestBench) => TestBench) => void) {
  return useMemo(
    () => ({
      changeSample: (name: string, value: string) =>
        update((current) => ({
          ...current,
          sampleOverrides: { ...current.sampleOverrides, [name]: value },
        })),
      resetSample: (name: string) =>
        update((current) => ({
          ...current,
          sampleOverrides: Object.fromEntries(
            Object.entries(current.sampleOverrides).filter(([key]) => key !== name),
          ),
        })),
      includeVariable: (name: string, included: boolean) =>
        update((current) => ({
          ...current,
          omittedVariables: included
            ? current.omittedVariables.filter((omitted) => omitted !== name)
            : [...current.omittedVariables, name],
        })),
      changeRawBody: (rawBody: string | null) => update((current) => ({ ...current, rawBody })),
    }),
    [update],
  );
}

/**
 * The demo flow stores its endpoint with the origin it was created under; when the app now runs
 * elsewhere (another port), offer to point the module at this server's demo endpoint.
 */
function DemoEndpointElsewhereNote({ nodeId, url }: { nodeId: string; url: string }) {
  const updateNodeData = useFlowStore((state) => state.updateNodeData);
  if (!URL.canParse(url)) return null;
  const target = new URL(url);
  const here = window.location.origin;
  const isLoopback = ['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname);
  if (!isLoopback || !demoEndpointPaths.includes(target.pathname) || target.origin === here)
    return null;
  const local = new URL(`${target.pathname}${target.search}`, here).href;
  return (
    <p className="test-note" role="note">
      This looks like a Flowbench demo endpoint on another server ({target.host}).{' '}
      <button type="button" onClick={() => updateNodeData(nodeId, 'web-service', { url: local })}>
        Use this server&apos;s demo endpoint
      </button>
    </p>
  );
}

/**
 * Keeps keyboard focus in the send bar: Send is disabled while a call runs and Cancel goes away
 * when it ends, and either would drop focus to the page.
 */
function useFocusFollowsRun(isRunning: boolean) {
  const sendButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(isRunning);
  useEffect(() => {
    if (wasRunning.current === isRunning) return;
    wasRunning.current = isRunning;
    const focusIsLost =
      document.activeElement === null ||
      document.activeElement === document.body ||
      document.activeElement === sendButton.current;
    if (!focusIsLost) return;
    if (isRunning) cancelButton.current?.focus();
    else sendButton.current?.focus();
  }, [isRunning]);
  return { sendButton, cancelButton };
}

/** Milliseconds since `since`, ticking every tenth of a second. */
function useElapsedMs(since: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, now - since);
}

/** Time since `since`, ticking, so a slow endpoint is visibly slow before the result arrives. */
function ElapsedTime({ since }: { since: number }) {
  const elapsedMs = useElapsedMs(since);
  return <span className="elapsed">{(elapsedMs / 1000).toFixed(1)} s</span>;
}

/**
 * The wait filling towards this call's deadline; a deadline beyond the platform's 20 s shows
 * where a chat would already have given up.
 */
function WaitingBar({ since, timeoutMs }: { since: number; timeoutMs: number }) {
  const elapsedMs = Math.min(useElapsedMs(since), timeoutMs);
  const percent = (ms: number) => `${Math.min(100, (ms / timeoutMs) * 100)}%`;
  const pastPlatformLimit = elapsedMs >= platformTimeoutMs;
  return (
    <div className="waiting">
      <div
        className={`waiting-bar${pastPlatformLimit ? ' waiting-bar-past-limit' : ''}`}
        role="progressbar"
        aria-label="Waiting for the endpoint"
        aria-valuemin={0}
        aria-valuemax={timeoutMs}
        aria-valuenow={Math.round(elapsedMs)}
        aria-valuetext={`${(elapsedMs / 1000).toFixed(1)} s of the ${formatSeconds(timeoutMs)} deadline`}
      >
        <div className="waiting-fill" style={{ width: percent(elapsedMs) }} />
        {timeoutMs > platformTimeoutMs && (
          <div
            className="waiting-limit"
            style={{ left: percent(platformTimeoutMs) }}
            title="The platform gives up at 20 s"
          />
        )}
      </div>
      <div className="waiting-scale" aria-hidden="true">
        <span>0</span>
        {timeoutMs > platformTimeoutMs && (
          <span className="waiting-scale-limit" style={{ left: percent(platformTimeoutMs) }}>
            20 s: the platform gives up
          </span>
        )}
        <span className="waiting-scale-end">{formatSeconds(timeoutMs)} deadline</span>
      </div>
    </div>
  );
}

/**
 * The variables at the node, worked out again only when a module's configuration or a
 * connection changes: dragging a module moves it without changing what the chat holds.
 */
function useVariablesAtNode(nodeId: string) {
  const content = useFlowStore(selectFlowContent);
  // The analysis is shared and remembered: typing this module's URL reuses it.
  return useMemo(() => variablesAtNode(content, nodeId), [content, nodeId]);
}

/** Gives a re-sent platform body a new process_instance_id, as a new chat would have. */
function withFreshInstanceId(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'process_instance_id' in parsed) {
      return requestBodyText({ ...parsed, process_instance_id: newId('chat') });
    }
  } catch {
    // Not JSON: send it as it was.
  }
  return body;
}
