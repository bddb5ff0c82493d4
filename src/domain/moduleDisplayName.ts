import { moduleDefinitions, type ModuleKind } from '../modules/moduleDefinitions';

/**
 * How the editor names a module wherever it refers to one (problems, the test bench, search):
 * the author's name, else its kind and id, e.g. `Question ask-email`.
 */
export function moduleDisplayName(node: { id: string; type: ModuleKind; name?: string }): string {
  return node.name?.trim() || fallbackModuleName(node);
}

/** The name a module goes by until the author names it: `<Kind label> <id>`. */
export function fallbackModuleName(node: { id: string; type: ModuleKind }): string {
  return `${moduleDefinitions[node.type].label} ${node.id}`;
}
