import { spawn } from 'node:child_process';
import type { BenchRow } from '../harness/report';
import { stopProcess, waitUntilServing } from '../harness/servers';
import { median } from '../harness/stats';

const starts = 5;

/** Spawns `command`, waits until `path` answers 200 on `port`, stops it; the median of `starts`. */
async function timeToServing(
  command: string,
  args: readonly string[],
  port: number,
  path: string,
): Promise<number> {
  const times: number[] = [];
  for (let start = 0; start < starts; start += 1) {
    const since = performance.now();
    const child = spawn(command, args, {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: 'ignore',
      // npm start runs node as its child: the whole group is stopped.
      detached: true,
    });
    try {
      times.push(await waitUntilServing(`http://127.0.0.1:${port}${path}`, since));
    } finally {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
      await stopProcess(child);
    }
  }
  return median(times);
}

const bareServer =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

/** From starting the server on built files to its first answer, against a bare Node server. */
export async function runServerStartBench(nextPort: () => Promise<number>): Promise<BenchRow[]> {
  const port = await nextPort();
  const bare = await timeToServing(process.execPath, ['-e', bareServer], port, '/');
  const node = await timeToServing(process.execPath, ['dist/server/main.js'], port, '/api/health');
  const npmStart = await timeToServing('npm', ['start', '--silent'], port, '/api/health');
  const row = (figure: string, flowbench: number, target: number | null): BenchRow => ({
    section: 'server',
    figure,
    unit: 'ms',
    better: 'lower',
    flowbench,
    baseline: bare,
    target: target === null ? null : { value: target },
  });
  return [
    row('npm start on built files → serving', npmStart, 1000),
    row('node dist/server/main.js → serving', node, null),
  ];
}
