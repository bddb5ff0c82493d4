import { PanelLeftClose, PanelLeftOpen, PanelRightClose, PanelRightOpen } from 'lucide-react';
import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import {
  Group,
  Panel,
  Separator,
  useDefaultLayout,
  usePanelRef,
  type PanelImperativeHandle,
} from 'react-resizable-panels';
import { useWorkspacePreferences } from './workspacePreferences';

interface WorkspaceLayoutProps {
  /** Palette and flow list. */
  sidebar: ReactNode;
  canvas: ReactNode;
  inspector: ReactNode;
  /** The selected module's tools and the problems, below the inspector. */
  tools: ReactNode;
}

/** Width of a collapsed side panel: room for the button that opens it again. */
const railSize = 40;

function useCollapsedState(panel: RefObject<PanelImperativeHandle | null>) {
  const [collapsed, setCollapsed] = useState(false);
  const onResize = () => setCollapsed(panel.current?.isCollapsed() ?? false);
  return { collapsed, onResize };
}

/**
 * The author's workspace: flows and palette on the left, the canvas in the middle, the
 * inspector above the module's tools on the right. Panels resize and collapse; their sizes are
 * remembered in this browser.
 */
export function WorkspaceLayout({ sidebar, canvas, inspector, tools }: WorkspaceLayoutProps) {
  const outerLayout = useDefaultLayout({ id: 'flowbench-workspace', storage: localStorage });
  const detailsLayout = useDefaultLayout({ id: 'flowbench-details', storage: localStorage });
  const sidebarPanel = usePanelRef();
  const detailsPanel = usePanelRef();
  const toolsPanel = usePanelRef();
  const sidebarState = useCollapsedState(sidebarPanel);
  const detailsState = useCollapsedState(detailsPanel);
  const revealToolsRequest = useWorkspacePreferences((state) => state.revealToolsRequest);

  useEffect(() => {
    if (revealToolsRequest === 0) return;
    detailsPanel.current?.expand();
    toolsPanel.current?.expand();
  }, [revealToolsRequest, detailsPanel, toolsPanel]);

  return (
    <Group
      orientation="horizontal"
      className="workspace"
      id="flowbench-workspace"
      defaultLayout={outerLayout.defaultLayout}
      onLayoutChanged={outerLayout.onLayoutChanged}
    >
      <Panel
        id="sidebar"
        panelRef={sidebarPanel}
        defaultSize={232}
        minSize={180}
        maxSize={420}
        collapsible
        collapsedSize={railSize}
        groupResizeBehavior="preserve-pixel-size"
        onResize={sidebarState.onResize}
      >
        <CollapsibleContent
          panel={sidebarPanel}
          collapsed={sidebarState.collapsed}
          what="modules and flows"
          side="left"
          className="sidebar sidebar-left"
        >
          {sidebar}
        </CollapsibleContent>
      </Panel>
      <Separator className="resize-handle" />
      <Panel id="canvas" minSize="40%">
        <main className="main">{canvas}</main>
      </Panel>
      <Separator className="resize-handle" />
      <Panel
        id="details"
        panelRef={detailsPanel}
        defaultSize="36%"
        minSize={320}
        maxSize="58%"
        collapsible
        collapsedSize={railSize}
        groupResizeBehavior="preserve-pixel-size"
        onResize={detailsState.onResize}
      >
        <CollapsibleContent
          panel={detailsPanel}
          collapsed={detailsState.collapsed}
          what="inspector and tools"
          side="right"
          className="details"
        >
          <Group
            orientation="vertical"
            id="flowbench-details"
            defaultLayout={detailsLayout.defaultLayout}
            onLayoutChanged={detailsLayout.onLayoutChanged}
          >
            <Panel id="inspector" defaultSize="42%" minSize={44} collapsible collapsedSize={44}>
              <aside className="sidebar sidebar-inspector">{inspector}</aside>
            </Panel>
            <Separator className="resize-handle resize-handle-horizontal" />
            <Panel id="tools" panelRef={toolsPanel} minSize={44} collapsible collapsedSize={44}>
              <div className="sidebar sidebar-tools">{tools}</div>
            </Panel>
          </Group>
        </CollapsibleContent>
      </Panel>
    </Group>
  );
}

/**
 * A side panel's content with its collapse button, or, collapsed, the narrow rail with the
 * button that brings it back.
 */
function CollapsibleContent({
  panel,
  collapsed,
  what,
  side,
  className,
  children,
}: {
  panel: RefObject<PanelImperativeHandle | null>;
  collapsed: boolean;
  /** What the panel holds, for the buttons' names: `Collapse ${what}`, `Expand ${what}`. */
  what: string;
  side: 'left' | 'right';
  className: string;
  children: ReactNode;
}) {
  if (collapsed) {
    const ExpandIcon = side === 'left' ? PanelLeftOpen : PanelRightOpen;
    return (
      <div className="panel-rail">
        <button
          type="button"
          className="icon-button"
          aria-label={`Expand ${what}`}
          title={`Expand ${what}`}
          onClick={() => panel.current?.expand()}
        >
          <ExpandIcon size={18} aria-hidden="true" />
        </button>
      </div>
    );
  }
  const CollapseIcon = side === 'left' ? PanelLeftClose : PanelRightClose;
  const Container = side === 'left' ? 'aside' : 'div';
  return (
    <Container className={className}>
      <button
        type="button"
        className="icon-button panel-collapse"
        aria-label={`Collapse ${what}`}
        title={`Collapse ${what}`}
        onClick={() => panel.current?.collapse()}
      >
        <CollapseIcon size={16} aria-hidden="true" />
      </button>
      {children}
    </Container>
  );
}
