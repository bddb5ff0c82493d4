import { createContext, use, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PreviewSession, PreviewSessionState } from './createPreviewSession';

const PreviewSessionContext = createContext<PreviewSession | null>(null);

export function PreviewSessionProvider({
  session,
  children,
}: {
  session: PreviewSession;
  children: ReactNode;
}) {
  return <PreviewSessionContext value={session}>{children}</PreviewSessionContext>;
}

function usePreviewSessionApi(): PreviewSession {
  const session = use(PreviewSessionContext);
  if (!session) throw new Error('The chat preview must be used inside <PreviewSessionProvider>');
  return session;
}

export function usePreviewSession<T>(select: (state: PreviewSessionState) => T): T {
  return useStore(usePreviewSessionApi(), select);
}

/** Whether the chat preview is at this module now: one boolean per node, cheap to watch. */
export function useIsPreviewStep(nodeId: string): boolean {
  return useStore(usePreviewSessionApi(), (state) => state.run?.currentModuleId === nodeId);
}

/** The edges the preview's chat has taken, as a set of ids (stable while they stay the same). */
export function usePreviewEdgesTaken(): readonly string[] | null {
  return useStore(usePreviewSessionApi(), (state) => state.run?.edgesTaken ?? null);
}
