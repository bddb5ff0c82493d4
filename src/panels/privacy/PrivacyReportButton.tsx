import { ShieldCheck } from 'lucide-react';
import { lazy, Suspense, useId, useRef, useState } from 'react';
import { PanelLoading } from '../PanelLoading';
import './PrivacyReportButton.css';

/** The report and its analyses are fetched when the dialog is first opened. */
const PrivacyReportView = lazy(() =>
  import('./PrivacyReportView').then((module) => ({ default: module.PrivacyReportView })),
);

/** The toolbar's `Privacy report` button and the dialog it opens. */
export function PrivacyReportButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const headingId = useId();
  return (
    <>
      <button
        type="button"
        className="privacy-report-button"
        aria-label="Privacy report"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        title="Privacy report: which personal data this flow sends to which host; approved hosts"
      >
        <ShieldCheck size={15} aria-hidden="true" />
        <span className="privacy-report-button-label">Privacy report</span>
      </button>
      <dialog
        ref={dialog}
        className="privacy-dialog"
        aria-labelledby={headingId}
        onClose={() => setOpen(false)}
      >
        {open && (
          <Suspense fallback={<PanelLoading what="the privacy report" />}>
            <PrivacyReportView headingId={headingId} onClose={() => dialog.current?.close()} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
