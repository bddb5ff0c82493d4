import { describe, expect, it } from 'vitest';
import { runWithConcurrency } from './runWithConcurrency';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('runWithConcurrency', () => {
  it('never runs more than the limit at once, and runs every item in order', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const started: number[] = [];
    await runWithConcurrency(
      [1, 2, 3, 4, 5, 6, 7],
      3,
      new AbortController().signal,
      async (item) => {
        started.push(item);
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await tick();
        running -= 1;
      },
    );
    expect(mostAtOnce).toBe(3);
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('takes no new item once cancelled', async () => {
    const abort = new AbortController();
    const started: number[] = [];
    await runWithConcurrency([1, 2, 3, 4, 5], 2, abort.signal, async (item) => {
      started.push(item);
      if (item === 2) abort.abort();
      await tick();
    });
    expect(started).toEqual([1, 2]);
  });
});
