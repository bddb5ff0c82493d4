import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FlowEditor } from './FlowEditor';
import type { FlowRepository } from './persistence/flowRepository';
import { openInitialFlow } from './persistence/openInitialFlow';
import type { TestBenchRepository } from './persistence/testBenchRepository';
import type { WebServiceClient } from './webservice-calls/createWebServiceClient';
import { WebServiceClientProvider } from './webservice-calls/WebServiceClientContext';

function StartedApp({ repository, testBenches }: Omit<AppProps, 'webServices'>) {
  const initialFlow = useQuery({
    queryKey: ['initial-flow'],
    queryFn: () => openInitialFlow(repository, window.location.origin),
    staleTime: Infinity,
    retry: false,
  });
  if (initialFlow.isPending) return <p className="loading">Opening your flows…</p>;
  if (initialFlow.isError) {
    return (
      <div className="banner banner-error" role="alert">
        <strong>Flowbench could not open the browser storage.</strong> {initialFlow.error.message}.
        Flows are kept in IndexedDB; check that this site may store data.
      </div>
    );
  }
  return (
    <FlowEditor initialFlow={initialFlow.data} repository={repository} testBenches={testBenches} />
  );
}

interface AppProps {
  repository: FlowRepository;
  testBenches: TestBenchRepository;
  /** The way to the app's WebService route, for the test bench and the chat preview. */
  webServices: WebServiceClient;
}

export function App({ repository, testBenches, webServices }: AppProps) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Everything goes to this app's own server or the browser's storage, never the
          // internet: being "offline" must not hold anything back.
          queries: { refetchOnWindowFocus: false, networkMode: 'always' },
          mutations: { networkMode: 'always' },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <WebServiceClientProvider client={webServices}>
        <StartedApp repository={repository} testBenches={testBenches} />
      </WebServiceClientProvider>
    </QueryClientProvider>
  );
}
