import { createContext, lazy, Suspense, use, type ReactNode } from 'react';
import type { TestBenchRepository } from '../../persistence/testBenchRepository';
import type { TestBenchStore } from '../../store/createTestBenchStore';
import { useFlowStore } from '../../store/FlowStoreContext';
import { EndpointActions } from '../endpoint-tools/EndpointActions';
import { PanelLoading } from '../PanelLoading';
import { PersonalDataSent } from '../privacy/PersonalDataSent';
import { PreviewUsesSelect } from '../../preview/PreviewUsesSelect';

/** The test bench is fetched the first time a WebService is selected, not with the editor. */
const WebServiceTestPanel = lazy(() =>
  import('./WebServiceTestPanel').then((module) => ({ default: module.WebServiceTestPanel })),
);

interface TestBenchServices {
  benches: TestBenchStore;
  repository: TestBenchRepository;
}

const TestBenchServicesContext = createContext<TestBenchServices | null>(null);

/** Hands the session's test benches to whichever panel shows a WebService's tools. */
export function TestBenchServicesProvider({
  services,
  children,
}: {
  services: TestBenchServices;
  children: ReactNode;
}) {
  return <TestBenchServicesContext value={services}>{children}</TestBenchServicesContext>;
}

/** The session's test benches: their store and where they are kept. */
export function useTestBenchServices(): TestBenchServices {
  const services = use(TestBenchServicesContext);
  if (!services) throw new Error('Test benches are only known inside <TestBenchServicesProvider>');
  return services;
}

/**
 * The WebService module's tools: its endpoint tools, what personal data it sends, and its test
 * bench (one per flow and node).
 */
export function WebServiceTools({ nodeId }: { nodeId: string }) {
  const services = useTestBenchServices();
  const flowId = useFlowStore((state) => state.flowId);
  return (
    <>
      <EndpointActions nodeId={nodeId} />
      <PreviewUsesSelect nodeId={nodeId} benches={services.benches} />
      <PersonalDataSent nodeId={nodeId} />
      <Suspense fallback={<PanelLoading what="the test bench" />}>
        <WebServiceTestPanel
          key={`${flowId}/${nodeId}`}
          nodeId={nodeId}
          benches={services.benches}
          repository={services.repository}
        />
      </Suspense>
    </>
  );
}
