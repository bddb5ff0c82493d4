import type { AppNode } from '../store/appNode';
import { withKnownSize } from './withKnownSize';

/** What a drawn node shows from the store itself (`useNodeAnnotations`), not from React Flow. */
const contentKeys: ReadonlySet<string> = new Set(['data', 'name']);

/**
 * Whether `next` differs from `shown` only in what the node component reads from the store:
 * its configuration and name. Its place, size, selection and handles are React Flow's business.
 * A measured node is measured again by React Flow when its contents change its size. An
 * unmeasured one (never measured, or drawn exactly at its estimate) is handed over with a size
 * and handles estimated from its contents: only while that estimate stays the same is it kept.
 */
function differsInContentOnly(shown: AppNode, next: AppNode): boolean {
  if (shown.type !== next.type) return false;
  const measured = next.measured?.width !== undefined && next.measured.height !== undefined;
  if (!measured && !sameEstimate(shown, next)) return false;
  const placed = (node: AppNode) =>
    Object.entries(node).filter(([key, value]) => value !== undefined && !contentKeys.has(key));
  const before = new Map(placed(shown));
  const after = placed(next);
  if (after.length !== before.size) return false;
  return after.every(
    ([key, value]) =>
      before.get(key) === value ||
      // The store parses an edited module afresh: its place and size are new objects, same values.
      sameFlatObject(before.get(key), value),
  );
}

function sameEstimate(before: AppNode, after: AppNode): boolean {
  const estimated = withKnownSize(before);
  const next = withKnownSize(after);
  return (
    sameFlatObject(estimated.measured, next.measured) &&
    estimated.handles?.length === next.handles?.length &&
    (estimated.handles ?? []).every((handle, index) =>
      sameFlatObject(handle, next.handles?.[index]),
    )
  );
}

function sameFlatObject(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const entries = Object.entries(a);
  const other = new Map(Object.entries(b));
  return (
    entries.length === other.size &&
    entries.every(([key, value]) => typeof value !== 'object' && other.get(key) === value)
  );
}

/**
 * The node list React Flow gets, kept the same array while only modules' configurations or
 * names change. Typing into a module then leaves React Flow's store alone (no pass over every
 * node, no selector re-run): the typed-into node re-renders from the flow store by id.
 */
export function createCanvasNodeView() {
  /** By id, for nodes that moved in the list; most are found at the same index as before. */
  let shownById = new Map<string, { source: AppNode; shown: AppNode }>();
  let lastNodes: readonly AppNode[] = [];
  let lastResult: AppNode[] = [];

  return function canvasNodesOf(nodes: readonly AppNode[]): AppNode[] {
    if (nodes === lastNodes) return lastResult;
    const sameIds =
      nodes.length === lastNodes.length &&
      nodes.every((node, index) => node.id === lastNodes[index]?.id);
    if (!sameIds) {
      shownById = new Map(
        lastNodes.map((node, index) => [node.id, { source: node, shown: lastResult[index]! }]),
      );
    }
    let same = sameIds;
    const result = nodes.map((node, index) => {
      let source: AppNode | undefined;
      let shownBefore: AppNode | undefined;
      if (sameIds) {
        source = lastNodes[index];
        shownBefore = lastResult[index];
      } else {
        const before = shownById.get(node.id);
        source = before?.source;
        shownBefore = before?.shown;
      }
      let shown: AppNode;
      if (shownBefore !== undefined && source === node) shown = shownBefore;
      else if (
        shownBefore !== undefined &&
        source !== undefined &&
        differsInContentOnly(source, node)
      ) {
        shown = shownBefore;
      } else shown = withKnownSize(node);
      if (same && lastResult[index] !== shown) same = false;
      return shown;
    });
    if (!sameIds) shownById = new Map();
    lastNodes = nodes;
    if (!same) lastResult = result;
    return lastResult;
  };
}
