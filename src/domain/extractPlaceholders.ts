const placeholderPattern = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** Names used as `{{name}}` placeholders in a text, in order of first appearance, without repeats. */
export function extractPlaceholders(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(placeholderPattern)) {
    if (match[1]) names.add(match[1]);
  }
  return [...names];
}
