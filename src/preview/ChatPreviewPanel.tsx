import './chatPreview.css';
import { useFlowStore } from '../store/FlowStoreContext';
import type { FlowState } from '../store/createFlowStore';
import { selectSelectedNodes } from '../store/selectSelectedNodes';
import { ChatWindow } from './ChatWindow';
import { startingValueNames } from './createPreviewSession';
import { PresentDialog } from './PresentDialog';
import { usePreviewSession } from './PreviewSessionContext';
import { PreviewVariablesTable } from './PreviewVariablesTable';
import { StepLog } from './StepLog';

function singleSelectedNodeId(state: FlowState): string | null {
  const selected = selectSelectedNodes(state);
  return selected.length === 1 ? selected[0]!.id : null;
}

/** The whole flow run as a customer would, WebService calls included. */
export function ChatPreviewPanel() {
  const run = usePreviewSession((state) => state.run);
  const note = usePreviewSession((state) => state.note);
  const start = usePreviewSession((state) => state.start);
  const restart = usePreviewSession((state) => state.restart);
  const presenting = usePreviewSession((state) => state.presenting);
  const setPresenting = usePreviewSession((state) => state.setPresenting);
  const selectedId = useFlowStore(singleSelectedNodeId);

  return (
    <>
      <section className="panel chat-preview" aria-label="Chat preview">
        <div className="preview-controls">
          <button type="button" className={run ? undefined : 'primary'} onClick={() => start()}>
            Start preview
          </button>
          <button type="button" disabled={!run} onClick={restart}>
            Restart
          </button>
          <button
            type="button"
            disabled={selectedId === null}
            title={selectedId === null ? 'Select one module to start the chat there' : undefined}
            onClick={() => selectedId && start(selectedId)}
          >
            Run from here
          </button>
          <button type="button" disabled={!run} onClick={() => setPresenting(true)}>
            Present
          </button>
        </div>
        {note && (
          <p className="preview-note" role="status">
            {note}
          </p>
        )}
        <StartingValues />
        {run ? (
          <>
            <ChatWindow run={run} />
            <h3 className="preview-section-title">Variables</h3>
            <PreviewVariablesTable variables={run.variables} />
            <StepLog run={run} />
          </>
        ) : (
          <p className="muted preview-empty">
            Start the preview to chat with this flow as a customer would: its questions, its
            branches and its WebService calls, with the time each call takes.
          </p>
        )}
      </section>
      {/* Beside the region, not in it: while presenting, the page holds one conversation per view. */}
      {run && presenting && <PresentDialog run={run} onClose={() => setPresenting(false)} />}
    </>
  );
}

/** The sample customer a run from Start begins with, editable; the bench uses the same one. */
function StartingValues() {
  const values = usePreviewSession((state) => state.startingValues);
  const setValue = usePreviewSession((state) => state.setStartingValue);
  return (
    <details className="starting-values">
      <summary>Starting values</summary>
      <p className="field-hint">
        The customer the chat begins with (the sample customer John Smith); used at the next start.
      </p>
      <div className="starting-values-grid">
        {startingValueNames.map((name) => (
          <label key={name} className="starting-value">
            <span>{name}</span>
            <input
              type="text"
              value={values[name] ?? ''}
              onChange={(event) => setValue(name, event.target.value)}
            />
          </label>
        ))}
      </div>
    </details>
  );
}
