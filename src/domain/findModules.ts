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

interface SearchEntry {
  type: ModuleKind;
  /** Each distinct text once, with its lowercase form. */
  texts: (SearchableText & { lowercase: string })[];
  /** All lowercase texts in one string: most modules are ruled out by one search of it. */
  haystack: string;
}

/** By configuration: a module is searched again only when its configuration changed. */
const searchEntries = new WeakMap<object, SearchEntry>();

function searchEntryOf(node: FindableNode): SearchEntry {
  const known = searchEntries.get(node.data);
  if (known?.type === node.type) return known;
  const seen = new Set<string>();
  const texts = searchableTextsOf(node).flatMap(({ field, text }) => {
    const key = `${field}\u0000${text}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ field, text, lowercase: text.toLowerCase() }];
  });
  const entry = {
    type: node.type,
    texts,
    haystack: texts.map((text) => text.lowercase).join('\u0000'),
  };
  searchEntries.set(node.data, entry);
  return entry;
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
    const byName = name.toLowerCase().includes(needle);
    const entry = searchEntryOf(node);
    if (!byName && !entry.haystack.includes(needle)) continue;
    const matched: SearchableText[] = [
      ...(byName ? [{ field: 'Name', text: name }] : []),
      ...entry.texts
        .filter((text) => text.lowercase.includes(needle))
        .map(({ field, text }) => ({ field, text })),
    ];
    if (matched.length === 0) continue;
    found.push({ match: { nodeId: node.id, name, matched }, byName, node });
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
