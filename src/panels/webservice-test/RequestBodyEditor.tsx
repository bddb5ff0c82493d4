import { useId } from 'react';
import { z } from 'zod';
import { webServiceRequestBodySchema } from '../../domain/webservice/webServiceContract';

interface RequestBodyEditorProps {
  composedBody: string;
  /** The author's own JSON, or null while the body is composed from the variables. */
  rawBody: string | null;
  onRawBodyChange: (rawBody: string | null) => void;
}

export type RawBodyCheck =
  { valid: true; deviations: string | null } | { valid: false; message: string };

/** Whether raw JSON can be sent, and how it differs from what the platform would send. */
export function checkRawBody(text: string): RawBodyCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      valid: false,
      message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const contract = webServiceRequestBodySchema.safeParse(json);
  return {
    valid: true,
    deviations: contract.success ? null : z.prettifyError(contract.error),
  };
}

/** The request body as the platform would send it, or the author's own JSON. */
export function RequestBodyEditor({
  composedBody,
  rawBody,
  onRawBodyChange,
}: RequestBodyEditorProps) {
  const id = useId();
  const check = rawBody === null ? null : checkRawBody(rawBody);
  return (
    <div className="test-body">
      <div className="test-body-header">
        <h3 id={`${id}-title`}>Request body</h3>
        <button
          type="button"
          onClick={() => onRawBodyChange(rawBody === null ? composedBody : null)}
        >
          {rawBody === null ? 'Edit raw JSON' : 'Back to composed body'}
        </button>
      </div>
      {rawBody === null ? (
        <pre className="code" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
          {composedBody}
        </pre>
      ) : (
        <>
          <textarea
            className="code nodrag"
            aria-label="Raw request body"
            aria-invalid={check?.valid === false ? true : undefined}
            aria-describedby={`${id}-check`}
            value={rawBody}
            rows={14}
            spellCheck={false}
            onChange={(event) => onRawBodyChange(event.target.value)}
          />
          <div id={`${id}-check`}>
            {check?.valid === false && (
              <p className="field-error" role="alert">
                {check.message}
              </p>
            )}
            {check?.valid === true && check.deviations && (
              <p className="field-hint">
                Valid JSON, but not what the platform sends: {check.deviations}
              </p>
            )}
            {check?.valid === true && !check.deviations && (
              <p className="field-hint">Valid JSON in the platform&apos;s shape.</p>
            )}
            <p className="field-hint">
              Sent exactly as written, process_instance_id included (composed bodies get a new one
              for every request).
            </p>
          </div>
        </>
      )}
    </div>
  );
}
