import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BenchRow } from '../harness/report';

const vitestBenchSchema = z.object({
  files: z.array(
    z.object({
      groups: z.array(
        z.object({
          fullName: z.string(),
          benchmarks: z.array(z.object({ name: z.string(), median: z.number() })),
        }),
      ),
    }),
  ),
});

/** Targets of the issue, by the start of a bench's name (median ms). */
const targetsMs: Record<string, number> = {
  findFlowProblems: 20,
  variablesSetUpstream: 20,
};

/**
 * Runs the Vitest benches (`bench/*.bench.ts`): each group is a baseline followed by the
 * operations measured against it, on the same data in the same run.
 */
export function runAnalysesBench(resultsDir: string): BenchRow[] {
  const output = join(resultsDir, 'vitest-bench.json');
  const run = spawnSync(
    'npx',
    ['vitest', 'bench', '--configLoader', 'runner', '--run', '--outputJson', output],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (run.status !== 0) throw new Error('vitest bench failed');
  const report = vitestBenchSchema.parse(JSON.parse(readFileSync(output, 'utf8')));
  return report.files.flatMap((file) =>
    file.groups.flatMap((group) => {
      const isBaseline = (name: string) => name.startsWith('baseline');
      const baseline = group.benchmarks.find((benchmark) => isBaseline(benchmark.name));
      const operations = group.benchmarks.filter((benchmark) => !isBaseline(benchmark.name));
      const section = group.fullName.split(' > ').at(-1) ?? group.fullName;
      return operations.map((operation): BenchRow => {
        const targetKey = Object.keys(targetsMs).find((key) => operation.name.startsWith(key));
        return {
          section,
          figure: operation.name,
          unit: 'ms',
          better: 'lower',
          flowbench: operation.median,
          baseline: baseline?.median ?? null,
          target: targetKey === undefined ? null : { value: targetsMs[targetKey] },
          note: baseline ? `baseline: ${baseline.name.replace(/^baseline: /, '')}` : '',
        };
      });
    }),
  );
}
