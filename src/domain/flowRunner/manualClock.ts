import type { RunnerClock } from './runnerClock';

/** A clock that only moves when told to: tests run timeouts without waiting. */
export interface ManualClock extends RunnerClock {
  /** Moves time on by `ms`, firing the timers that fall due, in order. */
  advance(ms: number): void;
}

export function createManualClock(startMs = 1_000): ManualClock {
  let now = startMs;
  let nextId = 0;
  const timers = new Map<number, { dueMs: number; callback: () => void }>();
  return {
    now: () => now,
    setTimer: (callback, ms) => {
      const id = nextId++;
      timers.set(id, { dueMs: now + ms, callback });
      return () => timers.delete(id);
    },
    advance: (ms) => {
      const target = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, timer]) => timer.dueMs <= target)
          .sort(([, a], [, b]) => a.dueMs - b.dueMs)[0];
        if (!due) break;
        const [id, timer] = due;
        timers.delete(id);
        now = timer.dueMs;
        timer.callback();
      }
      now = target;
    },
  };
}
