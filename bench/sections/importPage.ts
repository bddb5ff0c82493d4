import type { Page } from 'playwright-core';

/*
 * What the import bench does in the page: record every long task (PerformanceObserver
 * 'longtask') and every frame (requestAnimationFrame) from the moment a file is chosen until the
 * import is finished, so the longest time the page could not answer shows twice, measured two
 * ways. The functions run in the page and are self-contained.
 */

interface ImportRecorder {
  startedAt: number;
  longTasks: { startTime: number; duration: number }[];
  frames: number[];
  progressSeen: boolean;
  observer: PerformanceObserver;
}

declare global {
  interface Window {
    __flowbenchImportRecorder?: ImportRecorder;
    __flowbenchBaselineParsed?: number;
  }
}

/** What the page went through from choosing the file until the import was finished. */
export interface ImportRecording {
  /** Choosing the file → finished (painted and stored), ms. */
  totalMs: number;
  /** The longest long task (over 50 ms) in that time; 0 when there was none. */
  longestTaskMs: number;
  longTaskCount: number;
  /** The longest gap between two frames in that time, ms. */
  longestFrameGapMs: number;
  /** Whether the progress bar `Importing flow` was on screen at some frame. */
  progressShown: boolean;
  /** The baseline only: how long `JSON.parse` of the file took, ms. */
  parseMs: number | null;
}

/** Starts recording; call right before the file is chosen. */
export async function startImportRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__flowbenchBaselineParsed = undefined;
    const recorder: ImportRecorder = {
      startedAt: performance.now(),
      longTasks: [],
      frames: [],
      progressSeen: false,
      observer: new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          recorder.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
        }
      }),
    };
    recorder.observer.observe({ type: 'longtask', buffered: true });
    const frame = (time: number) => {
      if (window.__flowbenchImportRecorder !== recorder) return;
      recorder.frames.push(time);
      if (document.querySelector('progress[aria-label="Importing flow"]')) {
        recorder.progressSeen = true;
      }
      requestAnimationFrame(frame);
    };
    window.__flowbenchImportRecorder = recorder;
    requestAnimationFrame(frame);
  });
}

/**
 * Waits until the import is finished — for Flowbench: the flow named `flowName` is open, drawn
 * (a visible module or the overview picture), no progress bar is left and the header says
 * `All changes saved`; for the baseline: the file is parsed — then records `settleMs` more (a
 * task the import left behind counts too) and returns the figures.
 */
export async function finishImportRecording(
  page: Page,
  until: { flowName: string } | 'baseline-parsed',
  { timeoutMs, settleMs }: { timeoutMs: number; settleMs: number },
): Promise<ImportRecording> {
  return page.evaluate(
    ({ until, timeoutMs, settleMs }) =>
      new Promise<ImportRecording>((resolve, reject) => {
        const recorder = window.__flowbenchImportRecorder;
        if (!recorder) {
          reject(new Error('No import recording was started'));
          return;
        }
        const finished = () => {
          if (until === 'baseline-parsed') return window.__flowbenchBaselineParsed !== undefined;
          const name = [...document.querySelectorAll('header label')].find(
            (label) => label.textContent === 'Flow name',
          );
          const drawn =
            document.querySelector('.react-flow__node:not([style*="visibility: hidden"])') !==
              null || document.querySelector('.react-flow [data-testid="flow-overview"]') !== null;
          return (
            name instanceof HTMLLabelElement &&
            name.control instanceof HTMLInputElement &&
            name.control.value === until.flowName &&
            drawn &&
            document.querySelector('progress[aria-label="Importing flow"]') === null &&
            document.querySelector('header [role="status"]')?.textContent === 'All changes saved'
          );
        };
        const check = () => {
          const now = performance.now();
          if (now - recorder.startedAt > timeoutMs) {
            reject(new Error(`The import did not finish within ${timeoutMs} ms`));
            return;
          }
          if (!finished()) {
            setTimeout(check, 20);
            return;
          }
          // The frame after the one that shows it is when it is on screen.
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const finishedAt = performance.now();
              setTimeout(() => {
                const until = performance.now();
                window.__flowbenchImportRecorder = undefined;
                for (const entry of recorder.observer.takeRecords()) {
                  recorder.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
                }
                recorder.observer.disconnect();
                // Not the task that started the recording (it ran the bench's own script).
                const tasks = recorder.longTasks.filter(
                  (task) => task.startTime >= recorder.startedAt,
                );
                const frames = [...recorder.frames, until];
                let longestFrameGapMs = 0;
                for (let index = 1; index < frames.length; index += 1) {
                  longestFrameGapMs = Math.max(
                    longestFrameGapMs,
                    (frames[index] ?? 0) - (frames[index - 1] ?? 0),
                  );
                }
                resolve({
                  totalMs: finishedAt - recorder.startedAt,
                  longestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)),
                  longTaskCount: tasks.length,
                  longestFrameGapMs,
                  progressShown: recorder.progressSeen,
                  parseMs: window.__flowbenchBaselineParsed ?? null,
                });
              }, settleMs);
            }),
          );
        };
        check();
      }),
    { until, timeoutMs, settleMs },
  );
}

/**
 * Adds a file input that reads and parses the chosen file on the main thread, the least any
 * import has to do, and keeps how long `JSON.parse` took (`window.__flowbenchBaselineParsed`).
 */
export async function addBaselineFileInput(page: Page): Promise<string> {
  const id = 'flowbench-baseline-file';
  await page.evaluate((id) => {
    document.getElementById(id)?.remove();
    const input = document.createElement('input');
    input.type = 'file';
    input.id = id;
    input.hidden = true;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return;
      void file.text().then((text) => {
        const parsingSince = performance.now();
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null) {
          window.__flowbenchBaselineParsed = performance.now() - parsingSince;
        }
      });
    });
    document.body.append(input);
  }, id);
  return `#${id}`;
}
