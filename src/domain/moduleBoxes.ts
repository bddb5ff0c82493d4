import { flowNodeSchema, type ModuleKind } from '../modules/moduleDefinitions';
import { describeNode } from './describeNode';
import type { GraphNode } from './flowGraph';

export interface ModuleSize {
  width: number;
  height: number;
}

/** Returns a module's size on the canvas: measured when it has been drawn, else a default. */
export type SizeOf = (nodeId: string) => ModuleSize;

/**
 * The canvas node's box model (`.module-node` in the styles), so a module's size is known before
 * the canvas has drawn it: culling, fitting the view, laying out and placing modules work from
 * the first frame, and a module that was never drawn still gets its connections in the right
 * place. Measured within a pixel or two of what Chromium draws.
 */
export const moduleBox = {
  width: 240,
  /** Borders (3 px top, 1 px bottom), padding, a one-line header and a one-line summary. */
  baseHeight: 65,
  /** Left and right padding plus border: where the outputs row starts and ends. */
  inset: 11,
  outputGap: 6,
  summaryLineHeight: 17,
  summaryCharsPerLine: 31,
  summaryMaxLines: 3,
  /** The kind's label under an author's name. */
  namedHeaderExtra: 6,
  /** A second line of a long name. */
  longNameExtra: 16,
  longNameChars: 22,
  tagRowHeight: 19,
  tagCharWidth: 6.7,
  tagPadding: 14,
  /** A condition's labelled outputs under the summary. */
  outputsRowHeight: 20,
} as const;

/**
 * Estimates by configuration object (immutable: every edit makes a new one), with the name and
 * kind they were made for: a flow's modules are estimated once, whoever asks first.
 */
const estimatesByData = new WeakMap<
  object,
  { type: ModuleKind; name: string | undefined; size: ModuleSize }
>();

/** A module's size on the canvas, from its name and configuration, before it is measured. */
export function estimatedModuleSize(node: GraphNode): ModuleSize {
  const known = estimatesByData.get(node.data);
  if (known?.type === node.type && known.name === node.name) return known.size;
  const size = estimateUncached(node);
  estimatesByData.set(node.data, { type: node.type, name: node.name, size });
  return size;
}

function estimateUncached(node: GraphNode): ModuleSize {
  const facts = describeNode(node);
  const box = moduleBox;
  const named = Boolean(node.name?.trim());
  const summaryLines = Math.min(
    box.summaryMaxLines,
    Math.max(1, Math.ceil(facts.summary.length / box.summaryCharsPerLine)),
  );
  const labelledOutputs = facts.outputs.some((output) => output.label !== '');
  const height =
    box.baseHeight +
    (named ? box.namedHeaderExtra : 0) +
    (named && (node.name?.trim().length ?? 0) > box.longNameChars ? box.longNameExtra : 0) +
    (summaryLines - 1) * box.summaryLineHeight +
    tagRows(facts.variablesSet) * box.tagRowHeight +
    (labelledOutputs ? box.outputsRowHeight : 0);
  return { width: box.width, height };
}

function tagRows(names: readonly string[]): number {
  const rowWidth = moduleBox.width - 2 * moduleBox.inset;
  let rows = 0;
  let used = rowWidth;
  for (const name of names) {
    const width = Math.min(rowWidth, name.length * moduleBox.tagCharWidth + moduleBox.tagPadding);
    if (used + width > rowWidth) {
      rows += 1;
      used = width;
    } else {
      used += width;
    }
  }
  return rows;
}

/** Where each of `count` outputs sits across the node's bottom edge, as x from its left. */
export function outputCentres(count: number, width: number = moduleBox.width): number[] {
  if (count === 1) return [width / 2];
  const span = width - 2 * moduleBox.inset;
  const itemWidth = (span - (count - 1) * moduleBox.outputGap) / count;
  return Array.from(
    { length: count },
    (_, index) => moduleBox.inset + index * (itemWidth + moduleBox.outputGap) + itemWidth / 2,
  );
}

/** The size of a new module of this kind, as it comes from the palette. */
export function defaultModuleSize(kind: ModuleKind): ModuleSize {
  let size = defaultSizes.get(kind);
  if (!size) {
    size = estimatedModuleSize(
      flowNodeSchema.parse({ id: 'new', type: kind, position: { x: 0, y: 0 } }),
    );
    defaultSizes.set(kind, size);
  }
  return size;
}

const defaultSizes = new Map<ModuleKind, ModuleSize>();

/** Sizes of these modules: as the canvas measured them, else estimated from their contents. */
export function sizeOfModules(
  nodes: readonly (GraphNode & { measured?: Partial<ModuleSize> })[],
): SizeOf {
  const sizes = new Map(
    nodes.map((node) => {
      const measuredWidth = node.measured?.width;
      const measuredHeight = node.measured?.height;
      if (measuredWidth !== undefined && measuredHeight !== undefined) {
        return [node.id, { width: measuredWidth, height: measuredHeight }];
      }
      const estimate = estimatedModuleSize(node);
      return [
        node.id,
        { width: measuredWidth ?? estimate.width, height: measuredHeight ?? estimate.height },
      ];
    }),
  );
  return (id) => sizes.get(id) ?? { width: moduleBox.width, height: moduleBox.baseHeight };
}

/** Whether any two modules' boxes (top-left position plus size) overlap. */
export function modulesOverlap(
  nodes: readonly { id: string; position: { x: number; y: number } }[],
  sizeOf: SizeOf,
): boolean {
  const boxes = nodes
    .map((node) => {
      const size = sizeOf(node.id);
      return {
        left: node.position.x,
        right: node.position.x + size.width,
        top: node.position.y,
        bottom: node.position.y + size.height,
      };
    })
    .sort((a, b) => a.left - b.left);
  // Sweep from left to right: only boxes that start before this one ends can overlap it.
  for (let index = 0; index < boxes.length; index += 1) {
    const box = boxes[index];
    if (!box) continue;
    for (let next = index + 1; next < boxes.length; next += 1) {
      const other = boxes[next];
      if (!other || other.left >= box.right) break;
      if (other.top < box.bottom && box.top < other.bottom) return true;
    }
  }
  return false;
}
