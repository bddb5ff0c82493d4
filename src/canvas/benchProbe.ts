/**
 * What `npm run bench` reads from a page opened with `?bench`: how often module nodes rendered
 * and which ones, reset by the bench before it drags a node. Without the flag nothing is
 * counted and nothing is put on `window`.
 */
export interface NodeRenderProbe {
  renders: number;
  renderedNodeIds: Set<string>;
}

declare global {
  interface Window {
    __flowbenchNodeRenders?: NodeRenderProbe;
  }
}

const probe: NodeRenderProbe | null =
  typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('bench')
    ? (window.__flowbenchNodeRenders = { renders: 0, renderedNodeIds: new Set() })
    : null;

/** Called in the body of a module node's render. */
export function countNodeRender(nodeId: string): void {
  if (probe === null) return;
  probe.renders += 1;
  probe.renderedNodeIds.add(nodeId);
}
