import { ReactFlowProvider } from '@xyflow/react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { FlowCanvas } from './canvas/FlowCanvas';
import { Palette } from './canvas/Palette';
import { useEditorShortcuts } from './canvas/useEditorShortcuts';
import type { FlowDocument } from './domain/flowDocumentSchema';
import { FlowListPanel } from './panels/FlowListPanel';
import { InspectorPanel } from './panels/InspectorPanel';
import { NoticeBanner } from './panels/NoticeBanner';
import { SaveFailedBanner } from './panels/SaveFailedBanner';
import { Toolbar } from './panels/Toolbar';
import type { FlowRepository } from './persistence/flowRepository';
import { createAutosave, type Autosave } from './persistence/createAutosave';
import { flowsQueryKey, noticeOf, useFlowLibrary, type Notice } from './persistence/useFlowLibrary';
import { createFlowStore } from './store/createFlowStore';
import { FlowStoreProvider, useFlowStoreApi } from './store/FlowStoreContext';
import type { TestBenchRepository } from './persistence/testBenchRepository';
import { persistTestBenches } from './persistence/persistTestBenches';
import { createTestBenchStore, type TestBenchStore } from './store/createTestBenchStore';
import { TestBenchServicesProvider } from './panels/webservice-test/WebServiceTools';
import { ToolsPanel } from './workspace/ToolsPanel';
import { WorkspaceLayout } from './workspace/WorkspaceLayout';

export function FlowEditor({
  initialFlow,
  repository,
  testBenches,
}: {
  initialFlow: FlowDocument;
  repository: FlowRepository;
  testBenches: TestBenchRepository;
}) {
  const queryClient = useQueryClient();
  const [store] = useState(() => createFlowStore(initialFlow));
  const [autosave] = useState(() =>
    createAutosave(store, repository, {
      onSaved: () => void queryClient.invalidateQueries({ queryKey: flowsQueryKey }),
    }),
  );
  useEffect(() => autosave.start(), [autosave]);
  useEffect(() => autosave.watchPage({ window, document }), [autosave]);
  const [testBenchStore] = useState(createTestBenchStore);
  useEffect(() => persistTestBenches(testBenchStore, testBenches), [testBenchStore, testBenches]);

  return (
    <FlowStoreProvider store={store}>
      <ReactFlowProvider>
        <EditorLayout
          repository={repository}
          autosave={autosave}
          testBenches={testBenches}
          testBenchStore={testBenchStore}
        />
      </ReactFlowProvider>
    </FlowStoreProvider>
  );
}

function EditorLayout({
  repository,
  autosave,
  testBenches,
  testBenchStore,
}: {
  repository: FlowRepository;
  autosave: Autosave;
  testBenches: TestBenchRepository;
  testBenchStore: TestBenchStore;
}) {
  const store = useFlowStoreApi();
  const [testBenchServices] = useState(() => ({
    benches: testBenchStore,
    repository: testBenches,
  }));
  const library = useFlowLibrary(repository, store, autosave, (flowId) =>
    testBenchStore.getState().flowDeleted(flowId),
  );
  const saveStatus = useSyncExternalStore(autosave.subscribe, autosave.getStatus);
  const [notice, setNotice] = useState<Notice | null>(null);
  useEditorShortcuts();

  useEffect(() => {
    if (saveStatus.state === 'saved') return;
    const warn = (event: BeforeUnloadEvent) => {
      if (autosave.hasUnsavedChanges()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saveStatus.state, autosave]);

  const showFailure = (error: unknown) => setNotice(noticeOf(error));
  const importFile = (file: File) =>
    library.importFlow.mutate(file, { onError: showFailure, onSuccess: setNotice });

  return (
    <div className="app">
      <Toolbar
        saveStatus={saveStatus}
        onImportFile={importFile}
        onExportFailed={(message) => setNotice({ title: 'Export failed', details: [message] })}
      />
      <div className="banners">
        {saveStatus.state === 'failed' && (
          <SaveFailedBanner status={saveStatus} onRetry={() => void autosave.flush()} />
        )}
        {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      </div>
      <TestBenchServicesProvider services={testBenchServices}>
        <WorkspaceLayout
          sidebar={
            <>
              <Palette />
              <FlowListPanel library={library} onFailure={showFailure} />
            </>
          }
          canvas={<FlowCanvas onFileDropped={importFile} />}
          inspector={<InspectorPanel />}
          tools={<ToolsPanel />}
        />
      </TestBenchServicesProvider>
    </div>
  );
}
