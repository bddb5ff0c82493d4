import {
  moduleDefinitions,
  type ModuleDataByKind,
  type ModuleKind,
} from '../modules/moduleDefinitions';
import type { SearchableText } from '../modules/ModuleDefinition';
import type { GraphNode } from './flowGraph';
import { moduleDisplayName } from './moduleDisplayName';

/** A node as Find module reads it: what the graph analyses see, plus where it sits. */
export type FindableNode = GraphNode & { position: { x: number; y: number } };

export interface ModuleMatch {
  nodeId: string;
  /** `moduleDisplayName` of the module. */
  name: string;
  /** Every field that contains the query, in the module's own order (name first). */
  matched: SearchableText[];
}

function searchableTextsOf<K extends ModuleKind>(node: {
  type: K;
  data: ModuleDataByKind[K];
}): SearchableText[] {
  const definition = moduleDefinitions[node.type];
  return [
    ...definition.searchableTexts(node.data),
    ...definition.variablesSet(node.data).map((text) => ({ field: 'Sets variable', text })),
    ...definition.variablesUsed(node.data).map((text) => ({ field: 'Uses variable', text })),
  ];
}

/**
 * The modules whose name, texts (message, prompt, options, values, rule values), URL or
 * variables (set or used) contain `query`, ignoring case and surrounding blanks. Modules whose
 * name matches come first; otherwise reading order, top to bottom then left to right, so
 * stepping through the matches walks down the flow. A blank query finds nothing.
 */
export function findModules(nodes: readonly FindableNode[], query: string): ModuleMatch[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const found: { match: ModuleMatch; byName: boolean; node: FindableNode }[] = [];
  for (const node of nodes) {
    const name = moduleDisplayName(node);
    const texts = [{ field: 'Name', text: name }, ...searchableTextsOf(node)];
    const seen = new Set<string>();
    const matched = texts.filter(({ field, text }) => {
      const key = `${field}\u0000${text}`;
      if (seen.has(key) || !text.toLowerCase().includes(needle)) return false;
      seen.add(key);
      return true;
    });
    if (matched.length === 0) continue;
    found.push({
      match: { nodeId: node.id, name, matched },
      byName: matched[0]?.field === 'Name',
      node,
    });
  }
  found.sort(
    (a, b) =>
      Number(b.byName) - Number(a.byName) ||
      a.node.position.y - b.node.position.y ||
      a.node.position.x - b.node.position.x ||
      a.node.id.localeCompare(b.node.id),
  );
  return found.map((entry) => entry.match);
}
