/** The value below which `fraction` of the samples lie (nearest rank); NaN without samples. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

export interface FrameStats {
  /** 1000 ÷ the median frame interval. */
  medianFps: number;
  p95FrameMs: number;
  frames: number;
}

/** Frame rate from `requestAnimationFrame` timestamps (ms) recorded during an interaction. */
export function frameStats(timestamps: readonly number[]): FrameStats {
  const intervals = timestamps.slice(1).map((time, index) => time - (timestamps[index] ?? time));
  return {
    medianFps: 1000 / median(intervals),
    p95FrameMs: percentile(intervals, 0.95),
    frames: intervals.length,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
