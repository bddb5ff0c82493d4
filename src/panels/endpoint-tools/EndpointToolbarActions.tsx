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
        onClick={() => {
          setOpen(true);
          setChecks({ flowId, request: checkRequest + 1 });
        }}
        title="Send every WebService module's test request and compare the answers"
      >
        Check all endpoints
      </button>
      <button
        type="button"
        onClick={() => void exportOpenApi()}
        title="Download an OpenAPI 3.1 document of every WebService endpoint of this flow"
      >
        Export OpenAPI
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
