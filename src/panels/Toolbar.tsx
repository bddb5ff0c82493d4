import { useRef } from 'react';
import { flowNameSchema } from '../domain/flowDocumentSchema';
import { flowFromCanvas } from '../store/appNode';
import { useFlowStore, useFlowStoreApi, useUndoAvailability } from '../store/FlowStoreContext';
import { downloadFile, safeFileName } from './downloadFile';
import { TextField } from './fields/TextField';
import { FindModuleBox } from './FindModuleBox';
import { EndpointToolbarActions } from './endpoint-tools/EndpointToolbarActions';
import { PrivacyReportButton } from './privacy/PrivacyReportButton';
import { useTidyUp } from '../canvas/useTidyUp';
import { CircleAlert, Redo2, Undo2 } from 'lucide-react';
import { selectFlowProblems } from '../store/selectFlowProblems';
import { useWorkspacePreferences } from '../workspace/workspacePreferences';
import type { SaveStatus } from '../persistence/createAutosave';

/** `<name>.flow.json`, with characters file systems dislike replaced. */
export function exportFileName(name: string): string {
  return `${safeFileName(name)}.flow.json`;
}

const saveStatusText: Record<SaveStatus['state'], string> = {
  saved: 'All changes saved',
  pending: 'Unsaved changes…',
  saving: 'Saving…',
  failed: 'Not saved',
  conflict: 'Not saved: changed in another tab',
};

interface ToolbarProps {
  saveStatus: SaveStatus;
  onImportFile: (file: File) => void;
  onExportFailed: (message: string) => void;
}

export function Toolbar({ saveStatus, onImportFile, onExportFailed }: ToolbarProps) {
  const store = useFlowStoreApi();
  const name = useFlowStore((state) => state.name);
  const flowId = useFlowStore((state) => state.flowId);
  const renameFlow = useFlowStore((state) => state.renameFlow);
  const undo = useFlowStore((state) => state.undo);
  const redo = useFlowStore((state) => state.redo);
  const { canUndo, canRedo } = useUndoAvailability();
  const problemCount = useFlowStore((state) => selectFlowProblems(state).length);
  const showToolsTab = useWorkspacePreferences((state) => state.showToolsTab);
  const importInput = useRef<HTMLInputElement>(null);
  const tidyUp = useTidyUp();

  const exportFlow = () => {
    const invalidDrafts = Object.values(store.getState().invalidFields).reduce(
      (count, fields) => count + Object.keys(fields).length,
      0,
    );
    if (invalidDrafts > 0) {
      onExportFailed(
        `${invalidDrafts === 1 ? 'A field holds' : `${invalidDrafts} fields hold`} text that is not valid (see Problems); the file would keep the previous value. Fix or undo it, then export.`,
      );
      return;
    }
    try {
      const flow = flowFromCanvas(store.getState());
      downloadFile(exportFileName(flow.name), `${JSON.stringify(flow, null, 2)}\n`);
    } catch (error) {
      onExportFailed(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <header className="toolbar">
      <h1 className="brand">Flowbench</h1>
      <div className="toolbar-name" title={name}>
        <TextField
          key={flowId}
          label="Flow name"
          value={name}
          schema={flowNameSchema}
          onValid={renameFlow}
        />
      </div>
      <FindModuleBox />
      <div className="toolbar-actions" role="toolbar" aria-label="Flow actions">
        <button
          type="button"
          className="toolbar-icon-button"
          onClick={undo}
          disabled={!canUndo}
          aria-label="Undo"
          title="Undo (Ctrl/Cmd+Z)"
        >
          <Undo2 size={16} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="toolbar-icon-button"
          onClick={redo}
          disabled={!canRedo}
          aria-label="Redo"
          title="Redo (Shift+Ctrl/Cmd+Z)"
        >
          <Redo2 size={16} aria-hidden="true" />
        </button>
        <button type="button" onClick={tidyUp} title="Lay the flow out top to bottom">
          Tidy up
        </button>
        <button
          type="button"
          className={`problems-button${problemCount > 0 ? ' has-problems' : ''}`}
          onClick={() => showToolsTab('problems', true)}
          title="Show the flow's problems"
        >
          <CircleAlert size={15} aria-hidden="true" />
          Problems <span className="count">{problemCount}</span>
        </button>
        <PrivacyReportButton />
        <button type="button" onClick={exportFlow}>
          Export flow
        </button>
        <EndpointToolbarActions onExportFailed={onExportFailed} />
        <label className="file-button">
          Import flow
          <input
            ref={importInput}
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) onImportFile(file);
              event.target.value = '';
            }}
          />
        </label>
      </div>
      <p className={`save-status save-${saveStatus.state}`} role="status">
        {saveStatus.state === 'conflict' && saveStatus.reason === 'deleted'
          ? 'Not saved: deleted in another tab'
          : saveStatusText[saveStatus.state]}
      </p>
    </header>
  );
}
