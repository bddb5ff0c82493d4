import { memo, useId } from 'react';
import { checkRawRequestBody } from '../../domain/webservice/checkRawRequestBody';
import { LazyJsonCodeView } from '../code/LazyJsonCodeView';

interface RequestBodyEditorProps {
  composedBody: string;
  /** The author's own JSON, or null while the body is composed from the variables. */
  rawBody: string | null;
  onRawBodyChange: (rawBody: string | null) => void;
}

/** The request body as the platform would send it, or the author's own JSON. */
export const RequestBodyEditor = memo(function RequestBodyEditor({
  composedBody,
  rawBody,
  onRawBodyChange,
}: RequestBodyEditorProps) {
  const id = useId();
  const check = rawBody === null ? null : checkRawRequestBody(rawBody);
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
          <LazyJsonCodeView
            label="Raw request body"
            invalid={check?.valid === false}
            describedBy={`${id}-check`}
            value={rawBody}
            onChange={onRawBodyChange}
          />
          <div id={`${id}-check`}>
            {check?.valid === false && (
              <p className="field-error" role="alert">
                {check.message}
              </p>
            )}
            {check?.valid === true && check.deviations.length > 0 && (
              <div className="field-hint">
                Valid JSON, but not what the platform sends:
                <ul className="test-deviations">
                  {check.deviations.map((deviation) => (
                    <li key={deviation}>{deviation}</li>
                  ))}
                </ul>
              </div>
            )}
            {check?.valid === true && check.deviations.length === 0 && (
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
});
