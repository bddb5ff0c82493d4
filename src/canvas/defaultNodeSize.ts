import type { ModuleKind } from '../modules/moduleDefinitions';

/**
 * The size a module of each kind has on the canvas before it is configured, in flow units:
 * used to place a new module (centred on a drop point, clear of others) before React Flow has
 * measured it.
 */
const defaultNodeSizes: Record<ModuleKind, { width: number; height: number }> = {
  start: { width: 240, height: 65 },
  message: { width: 240, height: 65 },
  question: { width: 240, height: 65 },
  'set-variable': { width: 240, height: 65 },
  condition: { width: 240, height: 85 },
  'web-service': { width: 240, height: 65 },
  end: { width: 240, height: 65 },
};

export function defaultNodeSize(kind: ModuleKind): { width: number; height: number } {
  return defaultNodeSizes[kind];
}
