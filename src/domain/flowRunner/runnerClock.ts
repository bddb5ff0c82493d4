/** The runner's sense of time, injected so tests advance it without waiting. */
export interface RunnerClock {
  /** Milliseconds on a monotonic scale; only differences matter. */
  now(): number;
  /** Calls `callback` once after `ms`; the returned function cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
}

export const systemClock: RunnerClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};
