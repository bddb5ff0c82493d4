import { createContext, use, type ReactNode } from 'react';
import type { TestBenchRepository } from '../../persistence/testBenchRepository';
import type { TestBenchStore } from '../../store/createTestBenchStore';

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
