import { createContext, lazy, Suspense, use, type ReactNode } from 'react';
import type { TestBenchRepository } from '../../persistence/testBenchRepository';
import type { TestBenchStore } from '../../store/createTestBenchStore';
import { useFlowStore } from '../../store/FlowStoreContext';
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

/** The WebService module's tools: what personal data it sends, and its test bench (one per flow and node). */
export function WebServiceTools({ nodeId }: { nodeId: string }) {
  const services = use(TestBenchServicesContext);
  const flowId = useFlowStore((state) => state.flowId);
  if (!services) throw new Error('WebServiceTools must be used inside <TestBenchServicesProvider>');
  return (
    <>
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
