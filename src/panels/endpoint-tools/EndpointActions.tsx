import { lazy, Suspense, useState } from 'react';
import { downloadFile } from '../downloadFile';
import { useEndpointContract } from './useEndpointContract';
import './endpointTools.css';

const GenerateEndpointDialog = lazy(() =>
  import('./GenerateEndpointDialog').then((module) => ({ default: module.GenerateEndpointDialog })),
);

/** A WebService module's endpoint tools: generate its function, export its OpenAPI document. */
export function EndpointActions({ nodeId }: { nodeId: string }) {
  const contract = useEndpointContract(nodeId);
  const [generating, setGenerating] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  if (!contract) return null;

  const exportOpenApi = async () => {
    try {
      const [{ openApiDocumentOf }, { functionNameOf }] = await Promise.all([
        import('../../domain/endpointGenerators/openApiDocumentOf'),
        import('../../domain/endpointGenerators/nodeEndpointCore'),
      ]);
      const document = openApiDocumentOf(contract.moduleName, [contract]);
      downloadFile(
        `${functionNameOf(contract)}.openapi.json`,
        `${JSON.stringify(document, null, 2)}\n`,
      );
      setExportError(null);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="endpoint-actions" role="group" aria-label="Endpoint">
      <button type="button" onClick={() => setGenerating(true)}>
        Generate endpoint
      </button>
      <button type="button" onClick={() => void exportOpenApi()}>
        Export OpenAPI
      </button>
      {exportError && (
        <p role="alert" className="field-error">
          The OpenAPI document could not be made: {exportError}
        </p>
      )}
      {generating && (
        <Suspense fallback={<p className="muted">Loading the generator…</p>}>
          <GenerateEndpointDialog contract={contract} onClose={() => setGenerating(false)} />
        </Suspense>
      )}
    </div>
  );
}
