import { useFitModules } from '../../canvas/useFitModules';
import { useEffect, useId, useRef } from 'react';
import { latencyZoneOf } from '../../domain/webservice/latencyZoneOf';
import { platformTimeoutMs } from '../../domain/webservice/webServiceContract';
import { useFlowStoreApi } from '../../store/FlowStoreContext';
import { useWorkspacePreferences } from '../../workspace/workspacePreferences';
import {
  endpointChecksAtOnce,
  useEndpointChecks,
  type EndpointCheckRow,
  type EndpointCheckStatus,
} from './useEndpointChecks';
import './endpointTools.css';

interface CheckAllEndpointsDialogProps {
  open: boolean;
  /** Bumped for every press of `Check all endpoints`: each starts a check unless one runs. */
  checkRequest: number;
  onClose: () => void;
}

/** One table of every WebService module's endpoint as its test request finds it. */
export function CheckAllEndpointsDialog({
  open,
  checkRequest,
  onClose,
}: CheckAllEndpointsDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { rows, running, start, cancel } = useEndpointChecks();
  const flowStore = useFlowStoreApi();
  const showToolsTab = useWorkspacePreferences((state) => state.showToolsTab);
  const fitModules = useFitModules();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  useEffect(() => {
    if (checkRequest > 0) start();
    // Only a new request starts a check; `start` itself changes with every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checkRequest]);

  const openBench = (nodeId: string) => {
    flowStore.getState().selectNodes([nodeId]);
    showToolsTab('module', true);
    void fitModules({ nodeIds: [nodeId], duration: 300, maxZoom: 1.2 });
    onClose();
  };

  const settled = rows.filter(
    (row) => row.status.kind !== 'waiting' && row.status.kind !== 'checking',
  ).length;

  return (
    <dialog ref={dialog} className="endpoint-dialog" aria-labelledby={titleId} onClose={onClose}>
      <header className="endpoint-dialog-header">
        <h2 id={titleId}>Check all endpoints</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="muted">
        Each WebService module&apos;s test request (its saved test values, else the samples) goes
        through this app&apos;s server, {endpointChecksAtOnce} at a time; each result joins the
        module&apos;s test history. Select a module to open its test bench.
      </p>
      <div className="endpoint-check-progress">
        <progress aria-label="Endpoints checked" max={Math.max(rows.length, 1)} value={settled} />
        <span role="status">
          {rows.length === 0
            ? 'This flow has no WebService modules.'
            : running
              ? `Checking… ${settled} of ${rows.length} done`
              : `${settled} of ${rows.length} done`}
        </span>
        {running ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={start}>
            Check again
          </button>
        )}
      </div>
      <div className="endpoint-files">
        <table className="test-table endpoint-checks">
          <caption>Endpoint checks</caption>
          <thead>
            <tr>
              <th scope="col">Module</th>
              <th scope="col">Host</th>
              <th scope="col">Outcome</th>
              <th scope="col">Latency (of 20 s)</th>
              <th scope="col">Expected variables missing</th>
              <th scope="col">Contract warnings</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <CheckRow key={row.nodeId} row={row} onOpen={() => openBench(row.nodeId)} />
            ))}
          </tbody>
        </table>
      </div>
    </dialog>
  );
}

function CheckRow({ row, onOpen }: { row: EndpointCheckRow; onOpen: () => void }) {
  const { status } = row;
  return (
    <tr data-outcome={status.kind === 'done' ? status.verdict.kind : status.kind}>
      <th scope="row">
        <button type="button" className="link-button" onClick={onOpen} title="Open its test bench">
          {row.moduleName}
        </button>
        {row.useRequestQueue && (
          <span
            className="endpoint-queue-tag"
            title="Uses the request queue: at runtime the call is sent in the background and its answer cannot set variables."
          >
            request queue
          </span>
        )}
      </th>
      <td>{row.host}</td>
      <td className={`endpoint-outcome endpoint-outcome-${outcomeTone(status)}`}>
        {outcomeText(status)}
      </td>
      <td>{latencyText(status)}</td>
      <td>
        {status.kind === 'done'
          ? status.check.missing.length > 0
            ? status.check.missing.join(', ')
            : 'none'
          : '–'}
      </td>
      <td>
        {status.kind !== 'done' ? (
          '–'
        ) : status.check.warnings.length === 0 ? (
          'none'
        ) : (
          <ul className="endpoint-warnings">
            {status.check.warnings.map((warning) => (
              <li key={warning.kind + warning.message}>{warning.message}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function outcomeText(status: EndpointCheckStatus): string {
  switch (status.kind) {
    case 'waiting':
      return 'Waiting';
    case 'checking':
      return 'Checking…';
    case 'not-sent':
      return `Not sent: ${status.reason}`;
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return status.message;
    case 'done': {
      const { result, verdict } = status;
      if (result.outcome === 'http-error') return `${verdict.headline} ${result.response.status}`;
      if (result.outcome === 'network-error') return `${verdict.headline}: ${result.reason}`;
      if (result.outcome === 'rejected' || result.outcome === 'invalid-response') {
        return `${verdict.headline}: ${result.reason}`;
      }
      return verdict.headline;
    }
  }
}

function outcomeTone(status: EndpointCheckStatus): 'ok' | 'bad' | 'neutral' {
  if (status.kind === 'done') return status.verdict.kind === 'ok' ? 'ok' : 'bad';
  return status.kind === 'failed' || status.kind === 'not-sent' ? 'bad' : 'neutral';
}

function latencyText(status: EndpointCheckStatus): string {
  // A connection that failed says nothing about how fast the endpoint answers.
  if (status.kind !== 'done' || !('timings' in status.result) || !status.verdict.latency) {
    return '–';
  }
  const ms = Math.round(status.result.timings.totalMs);
  if (status.result.outcome === 'timeout') return `timed out after ${ms} ms`;
  const zone = latencyZoneOf(ms);
  const share = Math.round((ms / platformTimeoutMs) * 100);
  return `${ms} ms (${share < 1 ? '<1' : share} %)${zone === 'slow' ? ', slow' : zone === 'timeout' ? ', too slow' : ''}`;
}
