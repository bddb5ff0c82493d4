import './configureZod';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createIndexedDbFlowRepository } from './persistence/flowRepository';
import { createIndexedDbTestBenchRepository } from './persistence/testBenchRepository';
import { createWebServiceClient } from './webservice-calls/createWebServiceClient';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App
      repository={createIndexedDbFlowRepository()}
      testBenches={createIndexedDbTestBenchRepository()}
      webServices={createWebServiceClient()}
    />
  </StrictMode>,
);
