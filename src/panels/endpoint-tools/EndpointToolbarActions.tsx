import { Activity, FileBraces } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { useFlowStore, useFlowStoreApi } from '../../store/FlowStoreContext';
import { downloadFile, safeFileName } from '../downloadFile';

const CheckAllEndpointsDialog = lazy(() =>
  import('./CheckAllEndpointsDialog').then((module) => ({
    default: module.CheckAllEndpointsDialog,
  })),
);

/** The flow's endpoint tools in the toolbar: check every endpoint, export their OpenAPI. */
export function EndpointToolbarActions({
  onExportFailed,
}: {
  onExportFailed: (message: string) => void;
}) {
  const flowStore = useFlowStoreApi();
  const flowId = useFlowStore((state) => state.flowId);
  const [open, setOpen] = useState(false);
  // The checks belong to the flow they ran on: another flow starts without any.
  const [checks, setChecks] = useState({ flowId, request: 0 });
  const checkRequest = checks.flowId === flowId ? checks.request : 0;

  const exportOpenApi = async () => {
    try {
      const [{ openApiDocumentOf }, { endpointContractOf }] = await Promise.all([
        import('../../domain/endpointGenerators/openApiDocumentOf'),
        import('../../domain/endpointGenerators/endpointContractOf'),
      ]);
      const state = flowStore.getState();
      const contracts = state.nodes
        .map((node) => endpointContractOf(state, node.id, state.name))
        .filter((contract) => contract !== null);
      const document = openApiDocumentOf(state.name, contracts);
      downloadFile(
        `${safeFileName(state.name)}.openapi.json`,
        `${JSON.stringify(document, null, 2)}\n`,
      );
    } catch (error) {
      onExportFailed(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <>
      <button
        type="button"
        className="toolbar-icon-button"
        onClick={() => {
          setOpen(true);
          setChecks({ flowId, request: checkRequest + 1 });
        }}
        aria-label="Check all endpoints"
        title="Check all endpoints: send every WebService module's test request"
      >
        <Activity size={16} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="toolbar-icon-button"
        onClick={() => void exportOpenApi()}
        aria-label="Export OpenAPI"
        title="Export OpenAPI: a document of every WebService endpoint of this flow"
      >
        <FileBraces size={16} aria-hidden="true" />
      </button>
      {checkRequest > 0 && (
        <Suspense fallback={null}>
          <CheckAllEndpointsDialog
            key={flowId}
            open={open}
            checkRequest={checkRequest}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </>
  );
}
