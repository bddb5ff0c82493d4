import { useFlowStore } from '../../store/FlowStoreContext';
import { EndpointActions } from '../endpoint-tools/EndpointActions';
import { PersonalDataSent } from '../privacy/PersonalDataSent';
import { PreviewUsesSelect } from '../../preview/PreviewUsesSelect';
import { useTestBenchServices } from './TestBenchServicesContext';
import { WebServiceTestPanel } from './WebServiceTestPanel';

/**
 * The WebService module's tools: its endpoint tools, what personal data it sends, and its test
 * bench (one per flow and node). Fetched in one piece the first time a WebService is selected.
 */
export function WebServiceTools({ nodeId }: { nodeId: string }) {
  const services = useTestBenchServices();
  const flowId = useFlowStore((state) => state.flowId);
  return (
    <>
      <div className="panel webservice-tools-head">
        <EndpointActions nodeId={nodeId} />
        <PreviewUsesSelect nodeId={nodeId} benches={services.benches} />
      </div>
      <PersonalDataSent nodeId={nodeId} />
      <WebServiceTestPanel
        key={`${flowId}/${nodeId}`}
        nodeId={nodeId}
        benches={services.benches}
        repository={services.repository}
      />
    </>
  );
}
