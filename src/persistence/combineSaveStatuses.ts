import type { SaveStatus } from './createAutosave';

const urgency: Record<SaveStatus['state'], number> = {
  saved: 0,
  pending: 1,
  saving: 2,
  failed: 3,
  conflict: 4,
};

/**
 * The one save status the header shows for everything this tab writes (the flow, the test
 * benches): the most urgent of them, so "All changes saved" means all of them.
 */
export function combineSaveStatuses(...statuses: readonly SaveStatus[]): SaveStatus {
  return statuses.reduce<SaveStatus>(
    (worst, status) => (urgency[status.state] > urgency[worst.state] ? status : worst),
    { state: 'saved' },
  );
}
