import { createContext, use, type ReactNode } from 'react';
import type { WebServiceClient } from './createWebServiceClient';

const WebServiceClientContext = createContext<WebServiceClient | null>(null);

export function WebServiceClientProvider({
  client,
  children,
}: {
  client: WebServiceClient;
  children: ReactNode;
}) {
  return <WebServiceClientContext value={client}>{children}</WebServiceClientContext>;
}

export function useWebServiceClient(): WebServiceClient {
  const client = use(WebServiceClientContext);
  if (!client)
    throw new Error('useWebServiceClient must be used inside <WebServiceClientProvider>');
  return client;
}
