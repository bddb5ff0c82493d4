import { moduleDefinitions, moduleKinds, type ModuleKind } from '../modules/moduleDefinitions';

/** The kinds an author may add to a flow holding these nodes: one-per-flow kinds only if absent. */
export function addableModuleKinds(nodes: readonly { type: ModuleKind }[]): ModuleKind[] {
  const present = new Set(nodes.map((node) => node.type));
  return moduleKinds.filter((kind) => !moduleDefinitions[kind].onePerFlow || !present.has(kind));
}
