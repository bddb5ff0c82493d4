import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { AppEdge, AppNode } from '../store/appNode';
import { useFlowStoreApi } from '../store/FlowStoreContext';
import { selectProblemsIndex } from '../store/selectFlowProblems';
import { drawOverview } from './flowOverview';
import './OverviewLayer.css';

/**
 * The zoomed-out canvas: every module and connection drawn on one canvas element, redrawn once
 * per frame while the view or the flow changes, instead of thousands of node elements.
 */
export function OverviewLayer() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const flowStore = useFlowStoreApi();
  const viewStore = useStoreApi<AppNode, AppEdge>();

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const { transform, width, height } = viewStore.getState();
      const ratio = window.devicePixelRatio;
      const pixelWidth = Math.round(width * ratio);
      const pixelHeight = Math.round(height * ratio);
      if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
        canvas.width = pixelWidth;
        canvas.height = pixelHeight;
      } else {
        context.clearRect(0, 0, pixelWidth, pixelHeight);
      }
      const state = flowStore.getState();
      const { byNode } = selectProblemsIndex(state);
      drawOverview(
        context,
        { nodes: state.nodes, edges: state.edges, hasProblems: (id) => byNode.has(id) },
        transform,
        { width, height },
      );
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(draw);
    };
    schedule();
    const stopFollowingFlow = flowStore.subscribe(schedule);
    const stopFollowingView = viewStore.subscribe((state, previous) => {
      if (
        state.transform !== previous.transform ||
        state.width !== previous.width ||
        state.height !== previous.height
      ) {
        schedule();
      }
    });
    return () => {
      stopFollowingFlow();
      stopFollowingView();
      cancelAnimationFrame(frame);
    };
  }, [flowStore, viewStore]);

  return (
    <canvas
      ref={canvasRef}
      className="flow-overview"
      data-testid="flow-overview"
      aria-hidden="true"
    />
  );
}
