import { strToU8, zipSync } from 'fflate';
import { useEffect, useId, useRef, useState } from 'react';
import type { EndpointContract } from '../../domain/endpointGenerators/endpointContractOf';
import {
  endpointTargetIds,
  endpointTargets,
  type EndpointTargetId,
} from '../../domain/endpointGenerators/endpointTargets';
import { packageNameOf } from '../../domain/endpointGenerators/nodeEndpointCore';
import { LazySourceCodeView } from '../code/LazySourceCodeView';
import { downloadFile } from '../downloadFile';
import './endpointTools.css';

interface GenerateEndpointDialogProps {
  contract: EndpointContract;
  onClose: () => void;
}

/**
 * The function that implements a WebService module's contract, for the chosen platform: every
 * file shown, copyable one by one, or downloaded together as a zip.
 */
export function GenerateEndpointDialog({ contract, onClose }: GenerateEndpointDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [targetId, setTargetId] = useState<EndpointTargetId>('google-cloud-functions');
  const [copied, setCopied] = useState<string | null>(null);
  const target = endpointTargets[targetId];
  const files = target.generate(contract);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const copy = async (path: string, content: string) => {
    try {
      await navigator.clipboard.writeText(content);
      setCopied(`Copied ${path}.`);
    } catch {
      setCopied(
        `Could not copy ${path}: the browser refused the clipboard. Select the text instead.`,
      );
    }
  };

  const downloadZip = () => {
    const folder = `${packageNameOf(contract)}-${targetId}`;
    const zipped = zipSync(
      Object.fromEntries(files.map((file) => [`${folder}/${file.path}`, strToU8(file.content)])),
    );
    downloadFile(`${folder}.zip`, new Blob([zipped], { type: 'application/zip' }));
  };

  return (
    <dialog ref={dialog} className="endpoint-dialog" aria-labelledby={titleId} onClose={onClose}>
      <header className="endpoint-dialog-header">
        <h2 id={titleId}>Generate endpoint</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="muted">
        A ready-to-run function for <strong>{contract.moduleName}</strong>: it reads the variables
        this module receives,{' '}
        {contract.authorization === 'none'
          ? ''
          : 'checks the Authorization header against an environment variable, '}
        {contract.requiredVariables.length > 0
          ? 'answers 400 when a required variable is missing, '
          : ''}
        and returns{' '}
        {contract.expectedVariables.length > 0
          ? contract.expectedVariables.join(', ')
          : 'data.variables'}{' '}
        with TODO values where your logic goes, well within the platform&apos;s 20 s.
      </p>
      <fieldset className="endpoint-targets">
        <legend>Target</legend>
        {endpointTargetIds.map((id) => (
          <label key={id}>
            <input
              type="radio"
              name={`${titleId}-target`}
              checked={id === targetId}
              onChange={() => {
                setTargetId(id);
                setCopied(null);
              }}
            />
            {endpointTargets[id].label} ({endpointTargets[id].runtime})
          </label>
        ))}
      </fieldset>
      <div className="endpoint-files">
        {files.map((file) => (
          <section
            key={`${targetId}/${file.path}`}
            className="endpoint-file"
            aria-label={file.path}
          >
            <div className="endpoint-file-header">
              <h3>{file.path}</h3>
              <button
                type="button"
                aria-label={`Copy ${file.path}`}
                onClick={() => void copy(file.path, file.content)}
              >
                Copy
              </button>
            </div>
            <LazySourceCodeView
              value={file.content}
              label={`Contents of ${file.path}`}
              language={file.language === 'json' ? 'json' : 'plain'}
            />
          </section>
        ))}
      </div>
      <footer className="endpoint-dialog-footer">
        <p role="status" className="muted">
          {copied}
        </p>
        <button type="button" className="primary" onClick={downloadZip}>
          Download zip
        </button>
      </footer>
    </dialog>
  );
}
