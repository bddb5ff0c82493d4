import {
  Background,
  ControlButton,
  Controls,
  getViewportForBounds,
  ReactFlow,
  useReactFlow,
  useStore,
  type IsValidConnection,
  type ReactFlowState,
  type Viewport,
} from '@xyflow/react';
import { Map as MapIcon } from 'lucide-react';
import { useWorkspacePreferences } from '../workspace/workspacePreferences';
import { useFitViewOptions } from './fitViewOptions';
import { useEffect, useMemo, useState, type DragEvent, type MouseEvent } from 'react';
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

const noEdges: AppEdge[] = [];

const isValidConnection: IsValidConnection<AppEdge> = (connection) =>
  connection.source !== connection.target;

const widthOf = (state: ReactFlowState) => state.width;
const heightOf = (state: ReactFlowState) => state.height;
const minZoomOf = (state: ReactFlowState) => state.minZoom;

/**
 * The view that shows all of `nodes` as React Flow's `fitView` would, computed from the modules'
 * boxes (measured or estimated) rather than from React Flow's copy of the nodes, which a large
 * flow's first frame need not wait for; null while the canvas has no size.
 */
/** The viewport that fits `nodes`; none asked for (null) once the flow has been fitted. */
function useFittedViewport(nodes: readonly AppNode[] | null): Viewport | null {
  const fitViewOptions = useFitViewOptions();
  const width = useStore(widthOf);
  const height = useStore(heightOf);
  const minZoom = useStore(minZoomOf);
  return useMemo(() => {
    const bounds = nodes && boundsOf(nodes);
    if (!bounds || width <= 0 || height <= 0) return null;
    return getViewportForBounds(
      bounds,
      width,
      height,
      minZoom,
      fitViewOptions.maxZoom ?? 1,
      fitViewOptions.padding ?? 0,
    );
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
  // Not measured again on every edit of an open flow: a pass over all its modules.
  const fitted = useFittedViewport(opening ? nodes : null);
  useEffect(() => {
    if (!opening || !fitted) return;
    void setViewport(fitted).then((done) => {
      if (done) setFittedFlowId(flowId);
    });
  }, [opening, fitted, flowId, setViewport]);
  return opening && fitted ? fitted.zoom : null;
}

/** Hidden modules handed to React Flow per frame while a large flow opens zoomed out. */
const hiddenNodesPerFrame = 5_000;

/**
 * The nodes React Flow gets. Zoomed out it draws none of them (the overview does) and keeps them
 * only to fit the view to, so a large flow that opens zoomed out is handed over a slice per
 * frame: taking 50,000 new nodes in at once would hold the page for a long frame.
 */
function useCanvasNodes(
  nodes: readonly AppNode[],
  zoomedOut: boolean,
  opensZoomedOut: boolean,
): AppNode[] {
  const flowId = useFlowStore((state) => state.flowId);
  const [canvasNodesOf] = useState(createCanvasNodeView);
  const [handedOver, setHandedOver] = useState({ flowId, count: Infinity });
  const current =
    handedOver.flowId === flowId
      ? handedOver
      : { flowId, count: opensZoomedOut ? hiddenNodesPerFrame : Infinity };
  if (current !== handedOver) setHandedOver(current);
  const count = zoomedOut ? current.count : Infinity;
  const complete = count >= nodes.length;
  useEffect(() => {
    if (complete) return;
    const frame = requestAnimationFrame(() => {
      const next = count + hiddenNodesPerFrame;
      setHandedOver({ flowId, count: next >= nodes.length ? Infinity : next });
    });
    return () => cancelAnimationFrame(frame);
  }, [complete, count, flowId, nodes.length]);
  const handedNodes = useMemo(
    () => (complete ? nodes : nodes.slice(0, count)),
    [nodes, complete, count],
  );
  return canvasNodesOf(handedNodes, zoomedOut);
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
  const canvasNodes = useCanvasNodes(nodes, zoomedOut, opensZoomedOut);
  const shownEdges = useEdgesWithPreviewPath(edges);
  const fitViewOptions = useFitViewOptions();
  const miniMapVisible = useWorkspacePreferences((state) => state.miniMapVisible);
  const setMiniMapVisible = useWorkspacePreferences((state) => state.setMiniMapVisible);

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
        nodes={canvasNodes}
        edges={zoomedOut ? noEdges : shownEdges}
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
        <Background gap={20} color="#d5d9e0" />
        {zoomedOut && <OverviewLayer />}
        {miniMapVisible && <FlowMiniMap ariaLabel="Mini map" />}
        <Controls fitViewOptions={fitViewOptions} showInteractive={false}>
          <ControlButton
            onClick={() => setMiniMapVisible(!miniMapVisible)}
            aria-label={miniMapVisible ? 'Hide mini map' : 'Show mini map'}
            title={miniMapVisible ? 'Hide mini map' : 'Show mini map'}
            aria-pressed={miniMapVisible}
          >
            <MapIcon size={14} aria-hidden="true" />
          </ControlButton>
        </Controls>
      </ReactFlow>
    </div>
  );
}
