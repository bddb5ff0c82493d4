/** Shown when another tab saved the open flow after this one read it and this tab has changes. */
export function StaleFlowBanner({
  onReload,
  onKeepCopy,
}: {
  onReload: () => void;
  onKeepCopy: () => void;
}) {
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
