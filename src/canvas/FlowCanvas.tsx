import {
  Background,
  ControlButton,
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type IsValidConnection,
  type ReactFlowState,
  type Viewport,
} from '@xyflow/react';
import { Map as MapIcon, Maximize } from 'lucide-react';
import { useWorkspacePreferences } from '../workspace/workspacePreferences';
import { useFitViewOptions } from './fitViewOptions';
import { useFitModules, viewportToFit } from './useFitModules';
import {
  memo,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type DragEvent,
  type MouseEvent,
} from 'react';
import { usePreviewEdgesTaken } from '../preview/PreviewSessionContext';
import { useShallow } from 'zustand/react/shallow';
import { addableModuleKinds } from '../domain/addableModuleKinds';
import { isModuleKind } from '../modules/moduleDefinitions';
import type { AppEdge, AppNode } from '../store/appNode';
import { useFlowStore } from '../store/FlowStoreContext';
import { defaultModuleSize } from '../domain/moduleBoxes';
import { nodeTypes } from './nodeTypes';
import { paletteDragType } from './paletteDragType';
import { FlowMiniMap } from './FlowMiniMap';
import { boundsOf, moduleAt, overviewZoom } from './flowOverview';
import { OverviewLayer } from './OverviewLayer';
import { createCanvasNodeView } from './canvasNodeView';
import {
  createWindowedFlow,
  visibleRect,
  windowAround,
  windowServes,
  type FlowRect,
} from './canvasWindow';

const noNodes: AppNode[] = [];
const noEdges: AppEdge[] = [];

const isValidConnection: IsValidConnection<AppEdge> = (connection) =>
  connection.source !== connection.target;

const widthOf = (state: ReactFlowState) => state.width;
const heightOf = (state: ReactFlowState) => state.height;
const minZoomOf = (state: ReactFlowState) => state.minZoom;

/**
 * The view that shows all of `nodes` as React Flow's `fitView` would, computed from the modules'
 * boxes (measured or estimated) rather than from React Flow's copy of the nodes, which a large
 * flow's first frame need not wait for; null while the canvas has no size, or when no `nodes`
 * are given (the open flow has been fitted: not measured again on every edit).
 */
function useFittedViewport(nodes: readonly AppNode[] | null): Viewport | null {
  const fitViewOptions = useFitViewOptions();
  const width = useStore(widthOf);
  const height = useStore(heightOf);
  const minZoom = useStore(minZoomOf);
  return useMemo(() => {
    const bounds = nodes && boundsOf(nodes);
    return bounds && viewportToFit(bounds, { width, height, minZoom }, fitViewOptions);
  }, [nodes, width, height, minZoom, fitViewOptions]);
}

/**
 * Shows the whole flow when it opens (sizes are known before drawing): on start and on every
 * open. Returns the zoom the open flow is being fitted to until it is fitted: a flow that opens
 * below the overview zoom is drawn as the overview from its first frame, and React Flow gets its
 * modules as hidden boxes, never as thousands of modules and connections to draw first.
 */
function useFitViewOnOpen(nodes: readonly AppNode[]): number | null {
  const flowId = useFlowStore((state) => state.flowId);
  const { setViewport } = useReactFlow<AppNode, AppEdge>();
  const [fittedFlowId, setFittedFlowId] = useState<string | null>(null);
  const opening = fittedFlowId !== flowId;
  const fitted = useFittedViewport(opening ? nodes : null);
  useEffect(() => {
    if (!opening || !fitted) return;
    void setViewport(fitted).then((done) => {
      if (done) setFittedFlowId(flowId);
    });
  }, [opening, fitted, flowId, setViewport]);
  return opening && fitted ? fitted.zoom : null;
}

/**
 * The part of the flow React Flow is given at editing zoom (`createWindowedFlow`): moved only when
 * the view leaves it, so panning does not re-render the canvas on every frame. Null zoomed out,
 * where the overview draws the flow and React Flow gets none of it.
 */
function useCanvasWindow(zoomedOut: boolean): FlowRect | null {
  const reactFlowStore = useStoreApi<AppNode, AppEdge>();
  const [followView] = useState(() => {
    let current: FlowRect | null = null;
    return () => {
      const { transform, width, height } = reactFlowStore.getState();
      const visible = visibleRect(transform, width, height);
      if (current === null || !windowServes(current, visible)) current = windowAround(visible);
      return current;
    };
  });
  const canvasWindow = useSyncExternalStore(reactFlowStore.subscribe, followView);
  return zoomedOut ? null : canvasWindow;
}

/** What React Flow gets: the modules and connections around the view; nothing zoomed out. */
function useCanvasFlow(
  nodes: readonly AppNode[],
  edges: readonly AppEdge[],
  zoomedOut: boolean,
): { nodes: AppNode[]; edges: AppEdge[] } {
  const canvasWindow = useCanvasWindow(zoomedOut);
  const [windowedFlow] = useState(createWindowedFlow);
  const [canvasNodesOf] = useState(createCanvasNodeView);
  if (canvasWindow === null) return { nodes: noNodes, edges: noEdges };
  const shown = windowedFlow(nodes, edges, canvasWindow);
  return { nodes: canvasNodesOf(shown.nodes), edges: shown.edges };
}

/** The flow's edges, those the chat preview has taken marked `edge-taken`. */
function useEdgesWithPreviewPath(edges: AppEdge[]): AppEdge[] {
  const edgesTaken = usePreviewEdgesTaken();
  return useMemo(() => {
    if (!edgesTaken || edgesTaken.length === 0) return edges;
    const taken = new Set(edgesTaken);
    return edges.map((edge) =>
      taken.has(edge.id) ? { ...edge, className: 'edge-taken', animated: false } : edge,
    );
  }, [edges, edgesTaken]);
}

interface FlowCanvasProps {
  /** A file dropped onto the canvas: imported as a new flow. */
  onFileDropped: (file: File) => void;
}

export function FlowCanvas({ onFileDropped }: FlowCanvasProps) {
  const { nodes, edges, onNodesChange, onEdgesChange, onConnect, addNode, selectNodes } =
    useFlowStore(
      useShallow((state) => ({
        nodes: state.nodes,
        edges: state.edges,
        onNodesChange: state.onNodesChange,
        onEdgesChange: state.onEdgesChange,
        onConnect: state.onConnect,
        addNode: state.addNode,
        selectNodes: state.selectNodes,
      })),
    );
  const { screenToFlowPosition } = useReactFlow<AppNode, AppEdge>();
  const openingZoom = useFitViewOnOpen(nodes);
  // Zoomed out, one drawing shows the flow (OverviewLayer); the switch re-renders once, not on
  // every zoom step.
  const opensZoomedOut = openingZoom !== null && openingZoom < overviewZoom;
  const zoomedOut = useStore((state) => state.transform[2] < overviewZoom) || opensZoomedOut;
  const shownEdges = useEdgesWithPreviewPath(edges);
  const canvasFlow = useCanvasFlow(nodes, shownEdges, zoomedOut);

  const acceptsDrag = (event: DragEvent) =>
    event.dataTransfer.types.includes(paletteDragType) ||
    event.dataTransfer.types.includes('Files');

  const onDragOver = (event: DragEvent) => {
    if (!acceptsDrag(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };

  /** Zoomed out, a click on a module's box selects it, as a click on the module would. */
  const onPaneClick = (event: MouseEvent) => {
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const node = moduleAt(nodes, point);
    if (node) selectNodes([node.id]);
  };

  const onDrop = (event: DragEvent) => {
    if (!acceptsDrag(event)) return;
    event.preventDefault();
    const kind = event.dataTransfer.getData(paletteDragType);
    if (isModuleKind(kind) && addableModuleKinds(nodes).includes(kind)) {
      // The module's centre lands at the pointer, where the author sees it dropped.
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const size = defaultModuleSize(kind);
      addNode(kind, { x: point.x - size.width / 2, y: point.y - size.height / 2 });
      return;
    }
    const file = event.dataTransfer.files[0];
    if (file) onFileDropped(file);
  };

  return (
    <div className="canvas" role="region" aria-label="Canvas">
      <ReactFlow<AppNode, AppEdge>
        nodes={canvasFlow.nodes}
        edges={canvasFlow.edges}
        onPaneClick={zoomedOut ? onPaneClick : undefined}
        onlyRenderVisibleElements
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onDragOver={onDragOver}
        onDrop={onDrop}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        minZoom={0.05}
      >
        <CanvasOverlays zoomedOut={zoomedOut} />
      </ReactFlow>
    </div>
  );
}

/**
 * The background, overview, mini map and controls: the same while the flow changes, so a
 * keystroke that hands React Flow a new module list leaves them be.
 */
const CanvasOverlays = memo(function CanvasOverlays({ zoomedOut }: { zoomedOut: boolean }) {
  const fitModules = useFitModules();
  const miniMapVisible = useWorkspacePreferences((state) => state.miniMapVisible);
  const setMiniMapVisible = useWorkspacePreferences((state) => state.setMiniMapVisible);
  return (
    <>
      <Background gap={20} color="#d5d9e0" />
      {zoomedOut && <OverviewLayer />}
      {miniMapVisible && <FlowMiniMap ariaLabel="Mini map" />}
      <Controls showFitView={false} showInteractive={false}>
        <ControlButton
          className="react-flow__controls-fitview"
          onClick={() => void fitModules()}
          aria-label="Fit View"
          title="Fit View"
        >
          <Maximize size={14} aria-hidden="true" />
        </ControlButton>
        <ControlButton
          onClick={() => setMiniMapVisible(!miniMapVisible)}
          aria-label={miniMapVisible ? 'Hide mini map' : 'Show mini map'}
          title={miniMapVisible ? 'Hide mini map' : 'Show mini map'}
          aria-pressed={miniMapVisible}
        >
          <MapIcon size={14} aria-hidden="true" />
        </ControlButton>
      </Controls>
    </>
  );
});
