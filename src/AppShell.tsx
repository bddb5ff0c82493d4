import { useEffect, useState, type ComponentType } from 'react';
import type { LastOpenFlowRead } from './persistence/readLastOpenFlow';

type EditorComponent = ComponentType<{ lastOpenFlow: Promise<LastOpenFlowRead> }>;

type EditorCode =
  | { state: 'loading' }
  | { state: 'loaded'; Editor: EditorComponent }
  | { state: 'failed'; message: string };

/**
 * The page until the editor's code is there (fetched beside the first load, see `main.tsx`):
 * the same line the editor shows while it opens the flow, so the two read as one. Not a
 * `Suspense` boundary: React holds back revealing one for up to 300 ms after its fallback
 * showed, which would delay every opening of a flow.
 */
export function AppShell({
  editor,
  lastOpenFlow,
}: {
  editor: Promise<{ BrowserEditor: EditorComponent }>;
  /** Read meanwhile, handed to the editor. */
  lastOpenFlow: Promise<LastOpenFlowRead>;
}) {
  const [code, setCode] = useState<EditorCode>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    editor.then(
      ({ BrowserEditor }) => current && setCode({ state: 'loaded', Editor: BrowserEditor }),
      (error: unknown) =>
        current &&
        setCode({
          state: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      current = false;
    };
  }, [editor]);

  if (code.state === 'loaded') return <code.Editor lastOpenFlow={lastOpenFlow} />;
  if (code.state === 'failed') {
    // The server stopped, or a new build replaced the files this page was built with.
    return (
      <div className="banner banner-error" role="alert">
        <strong>Flowbench could not load the editor.</strong> {code.message}. Reload the page; if it
        happens again, check that the Flowbench server is running.
      </div>
    );
  }
  return <p className="loading">Opening your flows…</p>;
}
