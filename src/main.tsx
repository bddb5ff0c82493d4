import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './AppShell';

// The editor (React Flow, zod, the stores and panels) is fetched at once, beside this small first
// load rather than in it, so the page answers while it arrives (README, Performance).
const editor = import('./BrowserEditor');

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppShell editor={editor} />
  </StrictMode>,
);
