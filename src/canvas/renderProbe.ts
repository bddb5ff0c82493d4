declare global {
  interface Window {
    /** Set before the app loads (or `?renderCount` in the address) to count node renders. */
    __FLOWBENCH_PROBES__?: boolean;
    /** Renders per node id since the page loaded or the counts were cleared. */
    __FLOWBENCH_RENDER_COUNTS__?: Record<string, number>;
  }
}

/**
 * Counts each canvas node's renders for the bench and the drag test ("dragging one node
 * re-renders that node only"). Off unless asked for, so the product does no extra work.
 */
const renderCounts: Record<string, number> | null =
  typeof window !== 'undefined' &&
  (window.__FLOWBENCH_PROBES__ === true ||
    new URLSearchParams(window.location.search).has('renderCount'))
    ? (window.__FLOWBENCH_RENDER_COUNTS__ ??= {})
    : null;

export function countNodeRender(nodeId: string) {
  if (renderCounts) renderCounts[nodeId] = (renderCounts[nodeId] ?? 0) + 1;
}
