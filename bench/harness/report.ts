/** Whether more or less of a figure is better. */
export type Better = 'higher' | 'lower';

export interface Target {
  /** The absolute figure to reach on the bench machine (`≥` when higher is better, else `≤`). */
  value?: number;
  /** Flowbench ÷ baseline (oriented so that more is better) must reach this. */
  minRatio?: number;
}

/** One line of the bench table. */
export interface BenchRow {
  section: string;
  figure: string;
  unit: string;
  better: Better;
  flowbench: number | null;
  /** The same figure for the baseline measured in the same run, if there is one. */
  baseline: number | null;
  target: Target | null;
  /** Why a figure is missing or how to read it. */
  note?: string;
}

export type Verdict = 'met' | 'MISSED' | '—';

/** How many times better than the baseline Flowbench is: ≥ 1 means as good or better. */
export function ratioOf(row: BenchRow): number | null {
  const { flowbench, baseline } = row;
  if (flowbench === null || baseline === null || !Number.isFinite(flowbench)) return null;
  if (!Number.isFinite(baseline) || baseline === 0 || flowbench === 0) return null;
  return row.better === 'higher' ? flowbench / baseline : baseline / flowbench;
}

export function verdictOf(row: BenchRow): Verdict {
  const { target, flowbench } = row;
  if (target === null) return '—';
  if (flowbench === null || !Number.isFinite(flowbench)) return 'MISSED';
  if (target.value !== undefined) {
    const reached = row.better === 'higher' ? flowbench >= target.value : flowbench <= target.value;
    if (!reached) return 'MISSED';
  }
  if (target.minRatio !== undefined) {
    const ratio = ratioOf(row);
    if (ratio === null || ratio < target.minRatio) return 'MISSED';
  }
  return 'met';
}

export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function formatTarget(row: BenchRow): string {
  if (row.target === null) return '';
  const parts: string[] = [];
  if (row.target.value !== undefined) {
    parts.push(
      `${row.better === 'higher' ? '≥' : '≤'} ${formatNumber(row.target.value)} ${row.unit}`,
    );
  }
  if (row.target.minRatio !== undefined) parts.push(`ratio ≥ ${row.target.minRatio}`);
  return parts.join(', ');
}

export interface TableLine {
  figure: string;
  flowbench: string;
  baseline: string;
  ratio: string;
  target: string;
  verdict: Verdict;
}

export function tableLines(rows: readonly BenchRow[]): TableLine[] {
  return rows.map((row) => {
    const ratio = ratioOf(row);
    const unit = row.unit === '' ? '' : ` ${row.unit}`;
    return {
      figure: `${row.section}: ${row.figure}`,
      flowbench: row.flowbench === null ? 'n/a' : `${formatNumber(row.flowbench)}${unit}`,
      baseline: row.baseline === null ? '—' : `${formatNumber(row.baseline)}${unit}`,
      ratio: ratio === null ? '—' : `${ratio.toFixed(2)}`,
      target: formatTarget(row),
      verdict: verdictOf(row),
    };
  });
}

const headers: TableLine = {
  figure: 'figure',
  flowbench: 'Flowbench',
  baseline: 'baseline',
  ratio: 'ratio',
  target: 'target',
  verdict: '—',
};
const columns = ['figure', 'flowbench', 'baseline', 'ratio', 'target', 'verdict'] as const;

/** The table as Markdown, columns padded so it also reads well in a terminal. */
export function formatTable(rows: readonly BenchRow[]): string {
  const lines = tableLines(rows);
  const all = [{ ...headers, verdict: 'met or MISSED' }, ...lines];
  const widths = columns.map((column) => Math.max(...all.map((line) => line[column].length)));
  const format = (line: Record<(typeof columns)[number], string>) =>
    `| ${columns.map((column, index) => line[column].padEnd(widths[index] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [format(all[0] ?? headers), rule, ...lines.map(format)].join('\n');
}
