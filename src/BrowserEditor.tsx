import './configureZod';
import '@xyflow/react/dist/style.css';
import { useState } from 'react';
import { App } from './App';
import { defaultDatabaseName } from './persistence/flowbenchDatabase';
import { createIndexedDbFlowRepository } from './persistence/flowRepository';
import type { LastOpenFlowRead } from './persistence/readLastOpenFlow';
import { createIndexedDbTestBenchRepository } from './persistence/testBenchRepository';
import { createWebServiceClient } from './webservice-calls/createWebServiceClient';

/**
 * The editor on this browser's storage and this app's server: what the shell fetches, handing
 * it what it read of the last open flow meanwhile.
 */
export function BrowserEditor({ lastOpenFlow }: { lastOpenFlow: Promise<LastOpenFlowRead> }) {
  const [services] = useState(() => ({
    repository: createIndexedDbFlowRepository(defaultDatabaseName, lastOpenFlow),
    testBenches: createIndexedDbTestBenchRepository(),
    webServices: createWebServiceClient(),
  }));
  return <App {...services} />;
}
