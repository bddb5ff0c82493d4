/**
 * `wanted`, or when a flow already has that name the first free `wanted 2`, `wanted 3`, …
 * Names compare after trimming and ignoring case, as an author reads them in the flow list;
 * a name that already ends in a number counts on from it ("Survey 2" → "Survey 3").
 */
export function uniqueFlowName(wanted: string, existingNames: Iterable<string>): string {
  const normalize = (name: string) => name.trim().toLowerCase();
  const taken = new Set([...existingNames].map(normalize));
  const name = wanted.trim();
  if (!taken.has(normalize(name))) return name;
  const numbered = /^(.*\S)\s+(\d+)$/.exec(name);
  const base = numbered?.[1] ?? name;
  let counter = numbered ? Number(numbered[2]) + 1 : 2;
  while (taken.has(normalize(`${base} ${counter}`))) counter += 1;
  return `${base} ${counter}`;
}
