const placeholderPattern = /\{\{([^{}]*)\}\}/g;

/**
 * What `{{…}}` placeholders in a text name, trimmed, in order of first appearance, without
 * repeats. Names are returned as written, valid or not, so a typo can be reported.
 */
export function extractPlaceholders(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(placeholderPattern)) {
    const name = match[1]?.trim();
    if (name) names.add(name);
  }
  return [...names];
}

/** The text with each `{{name}}` replaced by `values[name]`; unknown names stay as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(placeholderPattern, (placeholder, name: string) => {
    const key = name.trim();
    return Object.hasOwn(values, key) ? (values[key] ?? placeholder) : placeholder;
  });
}
