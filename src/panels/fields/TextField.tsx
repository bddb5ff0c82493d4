import { useId } from 'react';
import type { z } from 'zod';
import { useValidatedDraft, type DraftKeeper } from './useValidatedDraft';

interface TextFieldProps<T> {
  label: string;
  value: string;
  /** Validates and converts what the author types (`z.string()` for any text). */
  schema: z.ZodType<T, unknown>;
  onValid: (value: T) => void;
  /** Text for a parsed value, when the value is not the text itself (lists). */
  format?: (value: T) => string;
  multiline?: boolean;
  placeholder?: string;
  hint?: string;
  type?: 'text' | 'url' | 'password';
  /** Told after each edit whether the text is valid (an invalid text leaves the value as it was). */
  onValidityChange?: (valid: boolean) => void;
  /** Keeps an invalid text beyond the field's life (see `useValidatedDraft`). */
  keeper?: DraftKeeper;
}

export function TextField<T>({
  label,
  value,
  schema,
  onValid,
  format,
  multiline,
  placeholder,
  hint,
  type = 'text',
  onValidityChange,
  keeper,
}: TextFieldProps<T>) {
  const id = useId();
  const {
    draft,
    error,
    change: changeDraft,
  } = useValidatedDraft(value, schema, onValid, format, keeper);
  const change = (text: string) => {
    changeDraft(text);
    onValidityChange?.(schema.safeParse(text).success);
  };
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    value: draft,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    className: 'nodrag',
    spellCheck: false,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => change(event.target.value)} />
      ) : (
        <input {...common} type={type} onChange={(event) => change(event.target.value)} />
      )}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
