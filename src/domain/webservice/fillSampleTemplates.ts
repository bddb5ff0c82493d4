import { fillPlaceholders } from '../extractPlaceholders';

/** Enough rounds for any chain an author writes by hand; a cycle stops here too. */
const maxRounds = 10;

/**
 * The sample values with `{{name}}` placeholders filled from each other, repeatedly, so a chain
 * (`b = "{{a}}-1"`, `c = "{{b}}!"`) resolves fully. Unknown names stay as written.
 */
export function fillSampleTemplates(
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  let current: Record<string, string> = { ...values };
  for (let round = 0; round < maxRounds; round += 1) {
    let changed = false;
    const next: Record<string, string> = {};
    for (const [name, value] of Object.entries(current)) {
      const filled = value.includes('{{') ? fillPlaceholders(value, current) : value;
      if (filled !== value) changed = true;
      next[name] = filled;
    }
    current = next;
    if (!changed) break;
  }
  return current;
}
