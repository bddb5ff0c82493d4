import { Panel, useReactFlow, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type PointerEvent,
  type WheelEvent,
} from 'react';
import type { AppEdge, AppNode } from '../store/appNode';
import { useFlowStoreApi } from '../store/FlowStoreContext';
import { boundsOf, boxOf, drawMiniatureInSlices, type Box } from './flowOverview';
import './FlowMiniMap.css';

const size = { width: 200, height: 150 };
/** Room around the flow in the picture, in pixels of the mini map. */
const margin = 5;

/** How often the picture follows the modules while they change (a drag, typing). */
const redrawEveryMs = 250;

/** Whether both lists draw the same picture: the same kinds in the same boxes. */
function samePicture(a: readonly AppNode[], b: readonly AppNode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((node, index) => {
    const other = b[index];
    if (other === undefined) return false;
    if (node === other) return true;
    const box = boxOf(node);
    const otherBox = boxOf(other);
    return (
      node.type === other.type &&
      box.x === otherBox.x &&
      box.y === otherBox.y &&
      box.width === otherBox.width &&
      box.height === otherBox.height
    );
  });
}

/**
 * The flow's modules, at most one new list per `redrawEveryMs` (the picture is small), and
 * none while only configurations change (typing leaves the picture as it is).
 */
function useThrottledNodes(): readonly AppNode[] {
  const store = useFlowStoreApi();
  const [nodes, setNodes] = useState(() => store.getState().nodes);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        const next = store.getState().nodes;
        setNodes((shown) => (samePicture(shown, next) ? shown : next));
      }, redrawEveryMs);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store]);
  return nodes;
}

function viewBoxOf(state: ReactFlowState): Box {
  const [x, y, zoom] = state.transform;
  return { x: -x / zoom, y: -y / zoom, width: state.width / zoom, height: state.height / zoom };
}

const sameBox = (a: Box, b: Box) =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

function union(a: Box, b: Box | null): Box {
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * The mini map: where the view is in the whole flow. React Flow's own draws an SVG element
 * per module, each following the store on every frame; this one paints the modules on one
 * canvas when the flow or the picture's frame changes and moves only the view's outline.
 * Dragging and wheeling on it pan and zoom the canvas, as React Flow's does.
 */
export function FlowMiniMap({ ariaLabel }: { ariaLabel: string }) {
  const nodes = useThrottledNodes();
  const view = useStore(viewBoxOf, sameBox);
  const { getViewport, setViewport } = useReactFlow<AppNode, AppEdge>();
  const viewStore = useStoreApi<AppNode, AppEdge>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  const bounds = union(view, boundsOf(nodes));
  const viewScale = Math.max(bounds.width / size.width, bounds.height / size.height);
  const offset = margin * viewScale;
  const picture: Box = {
    x: bounds.x - (viewScale * size.width - bounds.width) / 2 - offset,
    y: bounds.y - (viewScale * size.height - bounds.height) / 2 - offset,
    width: viewScale * size.width + 2 * offset,
    height: viewScale * size.height + 2 * offset,
  };

  useLayoutEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    return context ? drawMiniatureInSlices(context, nodes, picture, size) : undefined;
    // Redrawn when the modules or the picture's frame change, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nodes, picture.x, picture.y, picture.width, picture.height]);

  const drag = useRef<{ x: number; y: number; pointerId: number } | null>(null);
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, pointerId: event.pointerId };
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    if (start?.pointerId !== event.pointerId) return;
    // The view's outline follows the pointer: a pixel here is `viewScale` flow units.
    const { x, y, zoom } = getViewport();
    const scale = viewScale * zoom;
    void setViewport({
      x: x - (event.clientX - start.x) * scale,
      y: y - (event.clientY - start.y) * scale,
      zoom,
    });
    drag.current = { ...start, x: event.clientX, y: event.clientY };
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onWheel = (event: WheelEvent<SVGSVGElement>) => {
    const { x, y, zoom } = getViewport();
    const { minZoom, maxZoom } = viewStore.getState();
    const next = Math.min(maxZoom, Math.max(minZoom, zoom * Math.pow(2, -event.deltaY / 500)));
    // Zoom around the middle of the view, which stays where it is.
    const centre = { x: view.x + view.width / 2, y: view.y + view.height / 2 };
    void setViewport({
      x: x + centre.x * (zoom - next),
      y: y + centre.y * (zoom - next),
      zoom: next,
    });
  };

  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio;
  return (
    <Panel
      position="bottom-right"
      className="react-flow__minimap flow-minimap"
      data-testid="rf__minimap"
    >
      <canvas
        ref={canvasRef}
        className="flow-minimap-picture"
        width={size.width * ratio}
        height={size.height * ratio}
        aria-hidden="true"
      />
      <svg
        ref={svgRef}
        width={size.width}
        height={size.height}
        viewBox={`${picture.x} ${picture.y} ${picture.width} ${picture.height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label={ariaLabel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onWheel={onWheel}
      >
        <path
          className="react-flow__minimap-mask"
          d={`M${picture.x - offset},${picture.y - offset}h${picture.width + offset * 2}v${picture.height + offset * 2}h${-picture.width - offset * 2}z M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}
