import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FlowEditor } from './FlowEditor';
import type { FlowRepository } from './persistence/flowRepository';
import { openInitialFlow } from './persistence/openInitialFlow';
import type { TestBenchRepository } from './persistence/testBenchRepository';

function StartedApp({ repository, testBenches }: AppProps) {
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
}

export function App({ repository, testBenches }: AppProps) {
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
      <StartedApp repository={repository} testBenches={testBenches} />
    </QueryClientProvider>
  );
}
