import type { TestBench } from '../domain/webservice/testBenchRecords';

/** The fields of a bench that `saveValues` writes, with the words the author knows them by. */
export const testValueFields = {
  sampleOverrides: 'sample values',
  omittedVariables: 'left-out variables',
  params: 'params',
  timeoutMs: 'timeout',
  rawBody: 'raw body',
} as const satisfies Partial<Record<keyof TestBench, string>>;

type TestValueField = keyof typeof testValueFields;
const fieldsOfValues = Object.keys(testValueFields).filter((field): field is TestValueField =>
  Object.hasOwn(testValueFields, field),
);

/** Equal as stored: records compare by their entries whatever their order. */
function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).sort(([x], [y]) => x.localeCompare(y))
      : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Whether two benches hold different values (the history and revision aside). */
export function testValuesDiffer(a: TestBench, b: TestBench): boolean {
  return fieldsOfValues.some((field) => !sameValue(a[field], b[field]));
}

export interface MergedTestValues {
  /** The stored bench with the fields only this tab changed on top, at the stored revision. */
  bench: TestBench;
  /** Fields both tabs changed: the stored (newer) value was kept and this tab's dropped. */
  replaced: string[];
}

/**
 * Merges this tab's values with those another tab stored meanwhile, field by field, from the
 * values both started at (`base`): a field only this tab changed is kept, every other field
 * takes the stored value, and a field both changed differently takes the stored one.
 */
export function mergeTestValues(
  base: TestBench,
  mine: TestBench,
  stored: TestBench,
): MergedTestValues {
  let bench = { ...stored, history: mine.history };
  const replaced: string[] = [];
  for (const field of fieldsOfValues) {
    if (sameValue(mine[field], base[field]) || sameValue(mine[field], stored[field])) continue;
    if (sameValue(stored[field], base[field])) {
      bench = { ...bench, [field]: mine[field] };
      continue;
    }
    // Both tabs changed a field that holds one entry per variable: merge entry by entry, so
    // samples of different variables edited in two tabs both stay.
    if (field === 'sampleOverrides' || field === 'params') {
      const merged = mergeEntries(base[field], mine[field], stored[field]);
      bench = { ...bench, [field]: merged.entries };
      if (merged.conflicted) replaced.push(testValueFields[field]);
    } else if (field === 'omittedVariables') {
      bench = { ...bench, omittedVariables: mergeSets(base[field], mine[field], stored[field]) };
    } else {
      replaced.push(testValueFields[field]);
    }
  }
  return { bench, replaced };
}

/** Three-way merge of records by key; a key both changed differently keeps the stored value. */
function mergeEntries(
  base: Readonly<Record<string, string>>,
  mine: Readonly<Record<string, string>>,
  stored: Readonly<Record<string, string>>,
): { entries: Record<string, string>; conflicted: boolean } {
  const [baseMap, mineMap, storedMap] = [base, mine, stored].map(
    (record) => new Map(Object.entries(record)),
  );
  const entries: Record<string, string> = {};
  let conflicted = false;
  for (const key of new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(stored)])) {
    const [was, ours, theirs] = [baseMap, mineMap, storedMap].map((map) => map?.get(key));
    const chosen = ours === was ? theirs : theirs === was || theirs === ours ? ours : theirs;
    if (ours !== was && theirs !== was && theirs !== ours) conflicted = true;
    if (chosen !== undefined) entries[key] = chosen;
  }
  return { entries, conflicted };
}

/** Three-way merge of sets: what either tab added is in, what either tab removed is out. */
function mergeSets(
  base: readonly string[],
  mine: readonly string[],
  stored: readonly string[],
): string[] {
  const was = new Set(base);
  const [ours, theirs] = [new Set(mine), new Set(stored)];
  return [...new Set([...base, ...mine, ...stored])].filter((name) =>
    was.has(name) ? ours.has(name) && theirs.has(name) : ours.has(name) || theirs.has(name),
  );
}
