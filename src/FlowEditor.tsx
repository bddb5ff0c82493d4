import { ReactFlowProvider } from '@xyflow/react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { FlowCanvas } from './canvas/FlowCanvas';
import { Palette } from './canvas/Palette';
import { useEditorShortcuts } from './canvas/useEditorShortcuts';
import type { FlowDocument } from './domain/flowDocumentSchema';
import { FlowListPanel } from './panels/FlowListPanel';
import { InspectorPanel } from './panels/InspectorPanel';
import { ImportProgressBanner } from './panels/ImportProgressBanner';
import { NoticeBanner } from './panels/NoticeBanner';
import { SaveFailedBanner } from './panels/SaveFailedBanner';
import { StaleFlowBanner } from './panels/StaleFlowBanner';
import { combineSaveStatuses } from './persistence/combineSaveStatuses';
import {
  announceToOtherTabs,
  followOtherTabs,
  reloadStoredFlow,
} from './persistence/followOtherTabs';
import { Toolbar } from './panels/Toolbar';
import type { FlowRepository } from './persistence/flowRepository';
import { createAutosave, type Autosave } from './persistence/createAutosave';
import { keepMyVersionAsCopy } from './persistence/keepMyVersionAsCopy';
import { flowsQueryKey, noticeOf, useFlowLibrary, type Notice } from './persistence/useFlowLibrary';
import { createFlowStore } from './store/createFlowStore';
import { FlowStoreProvider, useFlowStore, useFlowStoreApi } from './store/FlowStoreContext';
import type { TestBenchRepository } from './persistence/testBenchRepository';
import { persistTestBenches, type TestBenchAutosave } from './persistence/persistTestBenches';
import { createTestBenchStore, type TestBenchStore } from './store/createTestBenchStore';
import { TestBenchServicesProvider } from './panels/webservice-test/TestBenchServicesContext';
import { ToolsPanel } from './workspace/ToolsPanel';
import { WorkspaceLayout } from './workspace/WorkspaceLayout';
import { createPreviewSession } from './preview/createPreviewSession';
import { PreviewSessionProvider } from './preview/PreviewSessionContext';
import { cancelTestCallsOfFlow } from './webservice-calls/useWebServiceTestCall';
import { useWebServiceClient } from './webservice-calls/WebServiceClientContext';

export function FlowEditor({
  initialFlow,
  repository: storedFlows,
  testBenches,
}: {
  initialFlow: FlowDocument;
  repository: FlowRepository;
  testBenches: TestBenchRepository;
}) {
  const queryClient = useQueryClient();
  const [store] = useState(() => createFlowStore(initialFlow));
  const [repository] = useState(() => announceToOtherTabs(storedFlows));
  const [autosave] = useState(() =>
    createAutosave(store, repository, {
      onSaved: () => void queryClient.invalidateQueries({ queryKey: flowsQueryKey }),
    }),
  );
  useEffect(() => autosave.start(), [autosave]);
  useEffect(() => autosave.watchPage({ window, document }), [autosave]);
  useEffect(
    () =>
      followOtherTabs(store, autosave, repository, {
        onOtherTabChange: () => void queryClient.invalidateQueries({ queryKey: flowsQueryKey }),
      }),
    [store, autosave, repository, queryClient],
  );
  const [testBenchStore] = useState(createTestBenchStore);
  const [testBenchAutosave] = useState(() => persistTestBenches(testBenchStore, testBenches));
  useEffect(() => testBenchAutosave.start(), [testBenchAutosave]);
  const webServices = useWebServiceClient();
  const [previewSession] = useState(() =>
    createPreviewSession({ flows: store, benches: testBenchStore, webServices }),
  );
  useEffect(() => () => previewSession.dispose(), [previewSession]);

  return (
    <FlowStoreProvider store={store}>
      <PreviewSessionProvider session={previewSession}>
        <ReactFlowProvider>
          <EditorLayout
            repository={repository}
            autosave={autosave}
            testBenchAutosave={testBenchAutosave}
            testBenches={testBenches}
            testBenchStore={testBenchStore}
          />
        </ReactFlowProvider>
      </PreviewSessionProvider>
    </FlowStoreProvider>
  );
}

function EditorLayout({
  repository,
  autosave,
  testBenchAutosave,
  testBenches,
  testBenchStore,
}: {
  repository: FlowRepository;
  autosave: Autosave;
  testBenchAutosave: TestBenchAutosave;
  testBenches: TestBenchRepository;
  testBenchStore: TestBenchStore;
}) {
  const store = useFlowStoreApi();
  const [testBenchServices] = useState(() => ({
    benches: testBenchStore,
    repository: testBenches,
  }));
  const queryClient = useQueryClient();
  const webServices = useWebServiceClient();
  const library = useFlowLibrary(repository, store, autosave, (flowId) => {
    cancelTestCallsOfFlow(queryClient, webServices, flowId);
    testBenchStore.getState().flowDeleted(flowId);
  });
  const flowSaveStatus = useSyncExternalStore(autosave.subscribe, autosave.getStatus);
  const benchSaveStatus = useSyncExternalStore(
    testBenchAutosave.subscribe,
    testBenchAutosave.getStatus,
  );
  const saveStatus = combineSaveStatuses(flowSaveStatus, benchSaveStatus);
  // Each write's failure shows, whatever else the header ranks above it.
  const saveFailure = [flowSaveStatus, benchSaveStatus].find((status) => status.state === 'failed');
  const openFlowId = useFlowStore((state) => state.flowId);
  // Invalid drafts are kept outside the document: autosave never writes them.
  const hasInvalidDrafts = useFlowStore((state) => Object.keys(state.invalidFields).length > 0);
  const [notice, setNotice] = useState<Notice | null>(null);
  useEditorShortcuts();

  useEffect(() => {
    if (saveStatus.state === 'saved' && !hasInvalidDrafts) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (
        hasInvalidDrafts ||
        autosave.hasUnsavedChanges() ||
        testBenchAutosave.hasUnsavedChanges()
      ) {
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saveStatus.state, hasInvalidDrafts, autosave, testBenchAutosave]);

  const showFailure = (error: unknown) => setNotice(noticeOf(error));
  const importFile = (file: File) =>
    library.importFlow.mutate(file, { onError: showFailure, onSuccess: setNotice });

  return (
    <div className="app">
      <TestBenchServicesProvider services={testBenchServices}>
        <Toolbar
          saveStatus={saveStatus}
          onImportFile={importFile}
          onExportFailed={(message) => setNotice({ title: 'Export failed', details: [message] })}
        />
      </TestBenchServicesProvider>
      <div className="banners">
        {saveFailure?.state === 'failed' && (
          <SaveFailedBanner
            status={saveFailure}
            onRetry={() => void Promise.all([autosave.flush(), testBenchAutosave.flush()])}
          />
        )}
        {flowSaveStatus.state === 'conflict' && flowSaveStatus.flowId === openFlowId && (
          <StaleFlowBanner
            reason={flowSaveStatus.reason}
            onReload={() =>
              void reloadStoredFlow(store, autosave, repository, flowSaveStatus.flowId).then(
                (problem) => problem && setNotice({ title: 'Reload failed', details: [problem] }),
              )
            }
            onKeepCopy={() =>
              void keepMyVersionAsCopy(store, autosave, repository, flowSaveStatus.flowId).then(
                (kept) => {
                  void library.flows.refetch();
                  setNotice(
                    kept.ok
                      ? {
                          title: `Your version is kept as ${kept.copy.name}`,
                          details: ['The newer version saved in the other tab stays as it was.'],
                          tone: 'info',
                        }
                      : { title: 'Your version could not be kept', details: [kept.message] },
                  );
                },
              )
            }
          />
        )}
        {library.importing && (
          <ImportProgressBanner importing={library.importing} onCancel={library.cancelImport} />
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
