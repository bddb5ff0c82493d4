/** `1.2 s`, `20 s`: a wait as the author reads it. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
