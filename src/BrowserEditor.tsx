import './configureZod';
import '@xyflow/react/dist/style.css';
import { useState } from 'react';
import { App } from './App';
import { createIndexedDbFlowRepository } from './persistence/flowRepository';
import { createIndexedDbTestBenchRepository } from './persistence/testBenchRepository';
import { createWebServiceClient } from './webservice-calls/createWebServiceClient';

/** The editor on this browser's storage and this app's server: what the shell fetches. */
export function BrowserEditor() {
  const [services] = useState(() => ({
    repository: createIndexedDbFlowRepository(),
    testBenches: createIndexedDbTestBenchRepository(),
    webServices: createWebServiceClient(),
  }));
  return <App {...services} />;
}
