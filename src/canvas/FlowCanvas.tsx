import {
  Background,
  ControlButton,
  Controls,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  type IsValidConnection,
} from '@xyflow/react';
import { Map as MapIcon } from 'lucide-react';
import { useWorkspacePreferences } from '../workspace/workspacePreferences';
import { useFitViewOptions, type ViewFit } from './fitViewOptions';
import { useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
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
import { moduleAt, overviewZoom } from './flowOverview';
import { OverviewLayer } from './OverviewLayer';
import { createCanvasNodeView } from './canvasNodeView';

const noEdges: AppEdge[] = [];

const isValidConnection: IsValidConnection<AppEdge> = (connection) =>
  connection.source !== connection.target;

/** Shows the whole flow when it opens (sizes are known before drawing): on start and on every open. */
function useFitViewOnOpen(fitView: (options: ViewFit) => Promise<boolean>) {
  const fitViewOptions = useFitViewOptions();
  const flowId = useFlowStore((state) => state.flowId);
  const nodesInitialized = useNodesInitialized();
  const fittedFlowId = useRef<string | null>(null);
  useEffect(() => {
    if (!nodesInitialized || fittedFlowId.current === flowId) return;
    fittedFlowId.current = flowId;
    void fitView(fitViewOptions);
  }, [flowId, nodesInitialized, fitView, fitViewOptions]);
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
  // Zoomed out, one drawing shows the flow (OverviewLayer); the switch re-renders once, not on
  // every zoom step.
  const zoomedOut = useStore((state) => state.transform[2] < overviewZoom);
  const [canvasNodesOf] = useState(createCanvasNodeView);
  const canvasNodes = canvasNodesOf(nodes, zoomedOut);
  const shownEdges = useEdgesWithPreviewPath(edges);
  const { screenToFlowPosition, fitView } = useReactFlow<AppNode, AppEdge>();
  useFitViewOnOpen(fitView);
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
