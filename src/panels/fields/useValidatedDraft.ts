import { useEffect, useState } from 'react';
import type { z } from 'zod';

/** An invalid text kept outside the field, so it outlives the field (blur, reselecting a module). */
export interface KeptDraft {
  text: string;
  message: string;
  /** The field's valid value when the text was typed. */
  value: string;
}

/** Where a field keeps its invalid text; the inspector keeps it in the flow store. */
export interface DraftKeeper {
  kept: KeptDraft | undefined;
  keep: (draft: KeptDraft) => void;
  drop: () => void;
}

/**
 * Local text for a field that applies to the flow only when its schema accepts it. The
 * message of a rejected value stays at the field. A change from outside (undo, another
 * panel) replaces the text; the echo of the author's own edit does not, so the cursor stays.
 * `format` turns a parsed value back into text, for fields whose value is not the text itself.
 * With a `keeper`, an invalid text is never silently dropped: it comes back when the field
 * mounts again, unless the value has changed meanwhile.
 */
export function useValidatedDraft<T>(
  value: string,
  schema: z.ZodType<T, unknown>,
  apply: (parsed: T) => void,
  format?: (parsed: T) => string,
  keeper?: DraftKeeper,
) {
  const restored = keeper?.kept?.value === value ? keeper.kept : undefined;
  const [draft, setDraft] = useState(restored?.text ?? value);
  const [error, setError] = useState<string | null>(restored?.message ?? null);
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

  const kept = keeper?.kept;
  const needsKeeping =
    keeper !== undefined &&
    (error === null
      ? kept !== undefined
      : kept?.text !== draft || kept.message !== error || kept.value !== value);
  useEffect(() => {
    if (!keeper || !needsKeeping) return;
    if (error === null) keeper.drop();
    else keeper.keep({ text: draft, message: error, value });
  });

  return { draft, error, change };
}
