import { useTidyUp } from '../canvas/useTidyUp';
import type { Notice } from '../persistence/useFlowLibrary';

function TidyUpAction({ onDone }: { onDone: () => void }) {
  const tidyUp = useTidyUp();
  return (
    <button
      type="button"
      onClick={() => {
        tidyUp();
        onDone();
      }}
    >
      Tidy up
    </button>
  );
}

export function NoticeBanner({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  const info = notice.tone === 'info';
  return (
    <div
      className={`banner ${info ? 'banner-info' : 'banner-error'}`}
      role={info ? 'status' : 'alert'}
    >
      <div>
        <strong>{notice.title}</strong>
        {notice.details.length > 0 && (
          <ul className="notice-details">
            {notice.details.map((detail, index) => (
              <li key={index}>{detail}</li>
            ))}
          </ul>
        )}
      </div>
      {notice.action === 'tidy-up' && <TidyUpAction onDone={onDismiss} />}
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
