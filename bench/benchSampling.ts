import { bench } from 'vitest';

/**
 * How long each analysis is timed: after 20 warm-up runs (the editor runs these again and again,
 * compiled), for 1.5 s. Tinybench's defaults (a few warm-ups, 0.5 s) left the figures dominated
 * by the first, not yet optimised runs and by the machine's noise: the same code measured
 * anywhere between 21 and 32 ms for what takes 16–18 ms once warm.
 */
const sampling = { warmupIterations: 20, time: 1500 };

/** Vitest's `bench` with that sampling: every figure of the analyses section is timed alike. */
export function sampledBench(name: string, run: () => void | Promise<void>): void {
  bench(name, run, sampling);
}
