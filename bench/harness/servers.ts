import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import sirv from 'sirv';
import { sleep } from './stats';

/**
 * Ports for the bench's servers: `BENCH_PORT` and the ones after it when set (helpers sharing a
 * machine get their own range), else free ports the system picks.
 */
export function createPortSource(environment: Record<string, string | undefined>) {
  const base = Number(environment.BENCH_PORT ?? '');
  let next = Number.isInteger(base) && base > 0 ? base : null;
  return async (): Promise<number> => {
    if (next !== null) return next++;
    return freePort();
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No free port');
  return address.port;
}

/** Polls `url` until it answers 200; resolves with the time that took, from `since`. */
export async function waitUntilServing(
  url: string,
  since: number,
  timeoutMs = 15_000,
): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return performance.now() - since;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - since > timeoutMs) throw new Error(`${url} did not answer in time`);
    await sleep(5);
  }
}

export interface RunningServer {
  url: string;
  /** From spawning the process to the first 200 of `/api/health`. */
  startedInMs: number;
  stop: () => Promise<void>;
}

/** The production server of a build (`node dist/server/main.js`) as a separate process. */
export async function startFlowbenchServer(
  port: number,
  environment: Record<string, string> = {},
): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  const since = performance.now();
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...environment },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const startedInMs = await waitUntilServing(`${url}/api/health`, since).catch(
    async (error: unknown) => {
      await stopProcess(child);
      throw error;
    },
  );
  return { url, startedInMs, stop: () => stopProcess(child) };
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Serves a folder of static files (the baseline page and its flows). */
export async function startStaticServer(
  directory: string,
  port: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  const serve = sirv(directory, { dev: true });
  const server: Server = createServer((request, response) =>
    serve(request, response, () => {
      response.statusCode = 404;
      response.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
