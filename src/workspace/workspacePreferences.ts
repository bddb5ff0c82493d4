import { z } from 'zod';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** The tabs of the tools panel: the selected module's own tools, the chat preview, problems. */
export const toolsTabSchema = z.enum(['module', 'preview', 'problems']);
export type ToolsTab = z.infer<typeof toolsTabSchema>;

const storedPreferencesSchema = z.object({
  miniMapVisible: z.boolean().catch(true),
});

interface WorkspacePreferences {
  miniMapVisible: boolean;
  toolsTab: ToolsTab;
  /** Bumped when something asks to show the tools panel (the toolbar's Problems button). */
  revealToolsRequest: number;
  setMiniMapVisible: (visible: boolean) => void;
  showToolsTab: (tab: ToolsTab, reveal?: boolean) => void;
}

/**
 * How this browser arranges the workspace. Panel sizes are kept by react-resizable-panels
 * itself (`useDefaultLayout`); this holds the rest. View state only: never part of a flow.
 */
export const useWorkspacePreferences = create<WorkspacePreferences>()(
  persist(
    (set) => ({
      miniMapVisible: true,
      toolsTab: 'module',
      revealToolsRequest: 0,
      setMiniMapVisible: (miniMapVisible) => set({ miniMapVisible }),
      showToolsTab: (toolsTab, reveal = false) =>
        set((state) => ({
          toolsTab,
          revealToolsRequest: reveal ? state.revealToolsRequest + 1 : state.revealToolsRequest,
        })),
    }),
    {
      name: 'flowbench.workspace',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ miniMapVisible: state.miniMapVisible }),
      merge: (stored, current) => {
        const parsed = storedPreferencesSchema.safeParse(stored);
        return parsed.success ? { ...current, ...parsed.data } : current;
      },
    },
  ),
);
