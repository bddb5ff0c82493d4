import type { SaveStatus } from '../persistence/createAutosave';

export function SaveFailedBanner({
  status,
  onRetry,
}: {
  status: Extract<SaveStatus, { state: 'failed' }>;
  onRetry: () => void;
}) {
  return (
    <div className="banner banner-error" role="alert">
      <div>
        <strong>Your changes could not be saved.</strong> {status.message}. They are kept in this
        tab; retrying in {Math.round(status.retryInMs / 1000)} s (attempt {status.attempt}).
      </div>
      <button type="button" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}
