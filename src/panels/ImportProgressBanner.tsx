import type { ImportPhase } from '../persistence/importProgress';
import type { ImportInProgress } from '../persistence/useFlowLibrary';
import './ImportProgressBanner.css';

const phaseText: Record<ImportPhase, string> = {
  reading: 'Reading the file…',
  checking: 'Checking modules and connections…',
  receiving: 'Loading modules…',
  saving: 'Saving…',
  opening: 'Opening…',
};

/** Stored (or being stored): cancelling then could no longer leave everything as it was. */
const pastCancelling = new Set<ImportPhase>(['saving', 'opening']);

export function ImportProgressBanner({
  importing,
  onCancel,
}: {
  importing: ImportInProgress;
  onCancel: () => void;
}) {
  const { fileName, progress } = importing;
  const percent = Math.round(progress.fraction * 100);
  return (
    <div className="banner banner-info import-progress">
      <div className="import-progress-text">
        <strong>Importing {fileName}</strong>
        <span>{phaseText[progress.phase]}</span>
      </div>
      <progress
        className="import-progress-bar"
        aria-label="Importing flow"
        aria-valuetext={`${percent} %, ${phaseText[progress.phase]}`}
        max={100}
        value={percent}
      />
      <span className="import-progress-percent" aria-hidden="true">
        {percent} %
      </span>
      <button type="button" onClick={onCancel} disabled={pastCancelling.has(progress.phase)}>
        Cancel import
      </button>
    </div>
  );
}
