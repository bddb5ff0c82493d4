import { lazy, Suspense, useEffect, useId } from 'react';
import { moduleViews } from '../modules/moduleViews';
import { PanelLoading } from '../panels/PanelLoading';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import type { FlowState } from '../store/createFlowStore';
import { useFlowStore } from '../store/FlowStoreContext';
import { selectFlowProblems } from '../store/selectFlowProblems';
import { selectSelectedNodes } from '../store/selectSelectedNodes';
import { useWorkspacePreferences, type ToolsTab } from './workspacePreferences';
import { nodeById } from '../store/selectNodeNames';

/** The chat preview and its runner are fetched when its tab is first opened. */
const ChatPreviewPanel = lazy(() =>
  import('../preview/ChatPreviewPanel').then((module) => ({ default: module.ChatPreviewPanel })),
);

/** The one selected module, when its kind declares tools (a WebService's test bench). */
function selectedNodeWithTools(state: FlowState): string | null {
  const selected = selectSelectedNodes(state);
  const node = selected.length === 1 ? selected[0] : undefined;
  return node && moduleViews[node.type].tools ? node.id : null;
}

/**
 * The tabs beside the inspector: the selected module's tools (from the registry) and the
 * flow's problems, with the chat preview between them.
 */
export function ToolsPanel() {
  const toolsNodeId = useFlowStore(selectedNodeWithTools);
  const tools = useFlowStore((state) => {
    const node = toolsNodeId ? nodeById(state.nodes, toolsNodeId) : null;
    return node ? moduleViews[node.type].tools : undefined;
  });
  const problemCount = useFlowStore((state) => selectFlowProblems(state).length);
  const toolsTab = useWorkspacePreferences((state) => state.toolsTab);
  const showToolsTab = useWorkspacePreferences((state) => state.showToolsTab);
  const id = useId();

  // Selecting a module with tools opens them, as the bench always did; a chat preview under
  // way stays in view while the author looks at modules.
  useEffect(() => {
    if (toolsNodeId && useWorkspacePreferences.getState().toolsTab !== 'preview') {
      showToolsTab('module');
    }
  }, [toolsNodeId, showToolsTab]);

  const active: ToolsTab =
    toolsTab === 'module' ? (tools && toolsNodeId ? 'module' : 'problems') : toolsTab;
  const tabs: { key: ToolsTab; label: string; badge: number | null }[] = [
    ...(tools ? [{ key: 'module' as const, label: tools.title, badge: null }] : []),
    { key: 'preview', label: 'Preview', badge: null },
    { key: 'problems', label: 'Problems', badge: problemCount },
  ];

  return (
    <section className="tools-panel" aria-label="Tools">
      <div className="tools-tabs" role="tablist" aria-label="Tools">
        {tabs.map((tab) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={`${id}-${tab.key}-tab`}
            aria-selected={active === tab.key}
            aria-controls={`${id}-panel`}
            className="tools-tab"
            onClick={() => showToolsTab(tab.key, true)}
          >
            {tab.label}
            {tab.badge !== null && (
              <span className={`count${tab.badge > 0 ? ' count-problems' : ''}`}>{tab.badge}</span>
            )}
          </button>
        ))}
      </div>
      <div
        className="tools-body"
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-${active}-tab`}
      >
        {active === 'module' && tools && toolsNodeId ? (
          <Suspense fallback={<PanelLoading what={`the ${tools.title.toLowerCase()}`} />}>
            <tools.Panel nodeId={toolsNodeId} />
          </Suspense>
        ) : active === 'preview' ? (
          <Suspense fallback={<PanelLoading what="the chat preview" />}>
            <ChatPreviewPanel />
          </Suspense>
        ) : (
          <ProblemsPanel />
        )}
      </div>
    </section>
  );
}
