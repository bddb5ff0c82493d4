import { useState } from 'react';
import type { z } from 'zod';

/**
 * Local text for a field that applies to the flow only when its schema accepts it. The
 * message of a rejected value stays at the field. A change from outside (undo, another
 * panel) replaces the text; the echo of the author's own edit does not, so the cursor stays.
 * `format` turns a parsed value back into text, for fields whose value is not the text itself.
 */
export function useValidatedDraft<T>(
  value: string,
  schema: z.ZodType<T, unknown>,
  apply: (parsed: T) => void,
  format?: (parsed: T) => string,
) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    const parsedDraft = schema.safeParse(draft);
    const draftMeansValue =
      draft === value ||
      (format !== undefined && parsedDraft.success && format(parsedDraft.data) === value);
    if (!draftMeansValue) {
      setDraft(value);
      setError(null);
    }
  }
  const change = (text: string) => {
    setDraft(text);
    const parsed = schema.safeParse(text);
    if (parsed.success) {
      setError(null);
      apply(parsed.data);
    } else {
      setError(parsed.error.issues[0]?.message ?? 'Invalid value');
    }
  };
  return { draft, error, change };
}
