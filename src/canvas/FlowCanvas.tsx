import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type IsValidConnection,
} from '@xyflow/react';
import { Map as MapIcon } from 'lucide-react';
import { moduleViews } from '../modules/moduleViews';
import { useWorkspacePreferences } from '../workspace/workspacePreferences';
import { useFitViewOptions, type ViewFit } from './fitViewOptions';
import { useEffect, useMemo, useRef, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { addableModuleKinds } from '../domain/addableModuleKinds';
import { isModuleKind } from '../modules/moduleDefinitions';
import type { AppEdge, AppNode } from '../store/appNode';
import { useFlowStore } from '../store/FlowStoreContext';
import { defaultModuleSize } from '../domain/moduleBoxes';
import { nodeTypes } from './nodeTypes';
import { paletteDragType } from './paletteDragType';
import { withKnownSize } from './withKnownSize';

const miniMapNodeColor = (node: AppNode) => moduleViews[node.type].color;

const isValidConnection: IsValidConnection<AppEdge> = (connection) =>
  connection.source !== connection.target;

/** Shows the whole flow once its nodes are measured, on start and whenever another flow opens. */
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

interface FlowCanvasProps {
  /** A file dropped onto the canvas: imported as a new flow. */
  onFileDropped: (file: File) => void;
}

export function FlowCanvas({ onFileDropped }: FlowCanvasProps) {
  const { nodes, edges, onNodesChange, onEdgesChange, onConnect, addNode } = useFlowStore(
    useShallow((state) => ({
      nodes: state.nodes,
      edges: state.edges,
      onNodesChange: state.onNodesChange,
      onEdgesChange: state.onEdgesChange,
      onConnect: state.onConnect,
      addNode: state.addNode,
    })),
  );
  const canvasNodes = useMemo(() => nodes.map(withKnownSize), [nodes]);
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
        edges={edges}
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
        {miniMapVisible && (
          <MiniMap<AppNode>
            pannable
            zoomable
            ariaLabel="Mini map"
            nodeColor={miniMapNodeColor}
            nodeStrokeWidth={0}
            nodeBorderRadius={6}
          />
        )}
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
