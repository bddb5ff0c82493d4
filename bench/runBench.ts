import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatTable, ratioOf, verdictOf, type BenchRow } from './harness/report';
import { describeMachine } from './harness/machine';
import {
  createPortSource,
  startFlowbenchServer,
  startStaticServer,
  type RunningServer,
} from './harness/servers';
import { runAnalysesBench } from './sections/analysesBench';
import { runBundleBench } from './sections/bundleBench';
import { runCanvasBench } from './sections/canvasBench';
import { runImportBench } from './sections/importBench';
import { runProxyBench } from './sections/proxyBench';
import { runServerStartBench } from './sections/serverStartBench';

const sections = ['canvas', 'import', 'proxy', 'analyses', 'bundle', 'start'] as const;
type Section = (typeof sections)[number];

const resultsDir = fileURLToPath(new URL('results/', import.meta.url));
const baselineDir = fileURLToPath(new URL('results/baseline/', import.meta.url));

/**
 * `npm run bench [-- <section>…] [--no-build]`: builds the app and the bare React Flow page,
 * measures every section (or the ones named), prints one table and writes
 * `bench/results/latest.json`. `BENCH_PORT` picks the first of the ports its servers use,
 * `BENCH_MODULES` the module counts of the canvas section (default 1000,5000,10000),
 * `BENCH_IMPORT_MODULES` the modules of the imported file (default 50000).
 */
export async function main(argv: readonly string[]): Promise<void> {
  const chosen = sections.filter((section) => argv.includes(section));
  const run = (section: Section) => chosen.length === 0 || chosen.includes(section);
  const chromiumPath =
    process.env.CHROMIUM_PATH ??
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const moduleCounts = (process.env.BENCH_MODULES ?? '1000,5000,10000')
    .split(',')
    .map(Number)
    .filter((count) => Number.isInteger(count) && count >= 2);
  const importModuleCount = Number(process.env.BENCH_IMPORT_MODULES ?? '50000');
  const log = (line: string) => console.log(`[bench ${elapsed()}] ${line}`);
  const startedAt = performance.now();
  const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(0)} s`;

  mkdirSync(resultsDir, { recursive: true });
  if (!argv.includes('--no-build')) {
    log('building the app (npm run build) and the bare React Flow page');
    runOrThrow('npm', ['run', 'build', '--silent']);
    runOrThrow('npx', [
      'vite',
      'build',
      '--configLoader',
      'runner',
      '--config',
      'bench/baseline/vite.config.ts',
    ]);
  }

  const nextPort = createPortSource(process.env);
  const rows: BenchRow[] = [];
  /** A section that fails is reported as a missed row; the others still run. */
  const measure = async (section: Section, rowsOf: () => Promise<BenchRow[]> | BenchRow[]) => {
    if (!run(section)) return;
    log(section);
    try {
      rows.push(...(await rowsOf()));
    } catch (error) {
      console.error(error);
      rows.push({
        section,
        figure: 'the section failed (see the log above)',
        unit: '',
        better: 'higher',
        flowbench: null,
        baseline: null,
        target: {},
      });
    }
  };
  await measure('bundle', async () => {
    const baseline = await startStaticServer(baselineDir, await nextPort());
    let app: RunningServer | null = null;
    try {
      app = await startFlowbenchServer(await nextPort());
      return await runBundleBench({
        clientDir: 'dist/client',
        baselineDir,
        flowbenchUrl: app.url,
        baselineUrl: baseline.url,
        chromiumPath,
      });
    } finally {
      await app?.stop();
      await baseline.close();
    }
  });
  await measure('start', () => runServerStartBench(nextPort));
  await measure('analyses', () => runAnalysesBench(resultsDir));
  await measure('proxy', () => runProxyBench(nextPort, log));
  await measure('canvas', async () => {
    const baseline = await startStaticServer(baselineDir, await nextPort());
    let app: RunningServer | null = null;
    try {
      app = await startFlowbenchServer(await nextPort());
      return await runCanvasBench({
        chromiumPath,
        flowbenchUrl: app.url,
        baselineUrl: baseline.url,
        baselineDir,
        moduleCounts,
        log,
      });
    } finally {
      await app?.stop();
      await baseline.close();
    }
  });
  await measure('import', async () => {
    const app = await startFlowbenchServer(await nextPort());
    try {
      return await runImportBench({
        chromiumPath,
        flowbenchUrl: app.url,
        moduleCount: importModuleCount,
        resultsDir,
        log,
      });
    } finally {
      await app.stop();
    }
  });

  const machine = describeMachine(chromiumPath);
  const table = formatTable(rows);
  console.log(
    `\n${table}\n\nratio: how many times better than the baseline (≥ 1: as good or better).\n` +
      `${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, ${machine.chromium}, ${machine.date}\n`,
  );
  const missed = rows.filter((row) => verdictOf(row) === 'MISSED').length;
  console.log(
    `${missed} of ${rows.filter((row) => row.target).length} targets missed (${elapsed()}).`,
  );
  writeFileSync(
    `${resultsDir}latest.json`,
    `${JSON.stringify(
      {
        machine,
        sections: chosen.length > 0 ? chosen : sections,
        rows: rows.map((row) => ({ ...row, ratio: ratioOf(row), verdict: verdictOf(row) })),
      },
      null,
      2,
    )}\n`,
  );
  log(`wrote bench/results/latest.json`);
}

function runOrThrow(command: string, args: readonly string[]): void {
  // Vite's module runner, which loaded this file, set NODE_ENV=development: a build inheriting
  // it would bundle React's development build.
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}
