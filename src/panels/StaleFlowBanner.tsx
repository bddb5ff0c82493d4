import type { StaleReason } from '../persistence/createAutosave';

/**
 * Shown when another tab saved or deleted the open flow after this one read it and this tab has
 * changes (or invalid drafts) of it that must not overwrite that nor be thrown away.
 */
export function StaleFlowBanner({
  reason,
  onReload,
  onKeepCopy,
}: {
  reason: StaleReason;
  onReload: () => void;
  onKeepCopy: () => void;
}) {
  if (reason === 'deleted') {
    return (
      <div className="banner banner-error stale-flow-banner" role="alert">
        <div>
          <strong>This flow was deleted in another tab.</strong> Nothing you do here brings it back
          on its own. Keep your version as a new flow, or open another flow.
        </div>
        <div className="banner-actions">
          <button type="button" onClick={onKeepCopy}>
            Keep my version as a copy
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="banner banner-error stale-flow-banner" role="alert">
      <div>
        <strong>This flow was changed in another tab.</strong> Your latest changes here were not
        saved, so they cannot overwrite the newer work. Reload the flow to continue from the saved
        version, or keep your version as a new flow next to it.
      </div>
      <div className="banner-actions">
        <button type="button" onClick={onReload}>
          Reload flow
        </button>
        <button type="button" onClick={onKeepCopy}>
          Keep my version as a copy
        </button>
      </div>
    </div>
  );
}
