/** The steps of an import, in order. */
export type ImportPhase = 'reading' | 'checking' | 'receiving' | 'saving' | 'opening';

export interface ImportProgress {
  phase: ImportPhase;
  /** Of the whole import, 0 to 1. */
  fraction: number;
}

/** Where each step starts, as a share of the whole import of a large file (measured). */
const phaseStarts: Record<ImportPhase, number> = {
  reading: 0,
  checking: 0.05,
  receiving: 0.45,
  saving: 0.7,
  opening: 0.95,
};
const phaseEnds: Record<ImportPhase, number> = {
  reading: 0.05,
  checking: 0.45,
  receiving: 0.7,
  saving: 0.95,
  opening: 1,
};

/** The progress of an import that is `done` (0 to 1) through `phase`. */
export function importProgress(phase: ImportPhase, done = 0): ImportProgress {
  const start = phaseStarts[phase];
  return { phase, fraction: start + (phaseEnds[phase] - start) * Math.min(1, Math.max(0, done)) };
}
