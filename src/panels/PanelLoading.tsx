import './PanelLoading.css';

/** Stands in for a panel or editor while its code is fetched (a split-off chunk). */
export function PanelLoading({ what }: { what: string }) {
  return (
    <p className="panel-loading muted" aria-busy="true">
      Loading {what}…
    </p>
  );
}
