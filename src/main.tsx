import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './AppShell';
import { readLastOpenFlow } from './persistence/readLastOpenFlow';

// The editor (React Flow, zod, the stores and panels) is fetched at once, beside this small first
// load rather than in it, so the page answers while it arrives (README, Performance); meanwhile
// the flow open last time is read from the browser's storage, for the editor to parse.
const editor = import('./BrowserEditor');
const lastOpenFlow = readLastOpenFlow();
// Whatever failed here is met again, and shown, when the editor reads the storage itself.
lastOpenFlow.catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppShell editor={editor} lastOpenFlow={lastOpenFlow} />
  </StrictMode>,
);
