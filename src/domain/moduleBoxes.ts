import type { ModuleKind } from '../modules/moduleDefinitions';

export interface ModuleSize {
  width: number;
  height: number;
}

/** Returns a module's size on the canvas: measured when it has been drawn, else a default. */
export type SizeOf = (nodeId: string) => ModuleSize;

const defaultWidth = 240;
const defaultHeights: Record<ModuleKind, number> = {
  start: 64,
  end: 64,
  message: 96,
  question: 110,
  'set-variable': 96,
  condition: 130,
  'web-service': 110,
};

/** A module's size before the canvas has measured it, generous rather than tight. */
export function defaultModuleSize(kind: ModuleKind): ModuleSize {
  return { width: defaultWidth, height: defaultHeights[kind] };
}

/** Sizes of these modules: as the canvas measured them, else the default of their kind. */
export function sizeOfModules(
  nodes: readonly { id: string; type: ModuleKind; measured?: Partial<ModuleSize> }[],
): SizeOf {
  const sizes = new Map(
    nodes.map((node) => {
      const fallback = defaultModuleSize(node.type);
      return [
        node.id,
        {
          width: node.measured?.width ?? fallback.width,
          height: node.measured?.height ?? fallback.height,
        },
      ];
    }),
  );
  return (id) => sizes.get(id) ?? { width: defaultWidth, height: defaultHeights.message };
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
