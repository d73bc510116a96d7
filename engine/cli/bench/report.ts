// The benchmark's one table: every engine/workload row (median, min, max ms, steps) and, on each
// TF.js row, how Layerloom's matching engine compares (Layerloom median ÷ TF.js median: below 1
// means Layerloom is faster) — WebGL vs webgl, CPU vs cpu, CPU vs wasm.
import type { Skipped } from './page/api.ts';
import type { Measurement } from './timing.ts';

/** A row of the table: measured, or skipped with the reason. */
export type Row = Measurement | Skipped;

/** The Layerloom engine each TF.js backend is compared with. */
export const COMPARED: Record<string, string> = {
  'TF.js webgl': 'Layerloom-WebGL',
  'TF.js cpu': 'Layerloom-CPU',
  'TF.js wasm': 'Layerloom-CPU',
};

/** Layerloom ÷ TF.js median for a TF.js row (null when either side did not run). */
export function ratioFor(row: Row, rows: readonly Row[]): { ratio: number; versus: string } | null {
  const versus = COMPARED[row.engine];
  if (!versus || 'skipped' in row) return null;
  const ours = rows.find((r) => r.engine === versus && r.workload === row.workload);
  if (!ours || 'skipped' in ours) return null;
  return { ratio: ours.median / row.median, versus };
}

/** The table as text, rows grouped by workload in the given order; * marks reduced step counts. */
export function formatTable(rows: readonly Row[]): string {
  const head = [
    'workload',
    'engine',
    'median ms',
    'min ms',
    'max ms',
    'steps',
    'Layerloom ÷ TF.js',
  ];
  let last = '';
  const cells = rows.map((r) => {
    const workload = r.workload === last ? '' : r.workload;
    last = r.workload;
    if ('skipped' in r)
      return { skipped: true, c: [workload, r.engine, `n/a (${brief(r.skipped)})`] };
    const ratio = ratioFor(r, rows);
    return {
      skipped: false,
      c: [
        workload,
        r.engine,
        r.median.toFixed(3),
        r.min.toFixed(3),
        r.max.toFixed(3),
        `${r.steps}${r.reduced ? '*' : ' '}`,
        ratio ? `${ratio.ratio.toFixed(2)} (${ratio.versus})` : '',
      ],
    };
  });
  const widths = head.map((h, i) =>
    Math.max(h.length, ...cells.map(({ skipped, c }) => (skipped && i >= 2 ? 0 : c[i].length))),
  );
  const line = (c: string[], numeric: boolean) =>
    c
      .map((x, i) => (numeric && i >= 2 && i <= 5 ? x.padStart(widths[i]) : x.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(head, false),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map(({ skipped, c }) => line(c, !skipped)),
  ].join('\n');
}

/** The first line of a reason, at most 100 characters (the JSON keeps all of it). */
export function brief(reason: string): string {
  const first = reason.split('\n')[0].trim();
  return first.length > 100 ? `${first.slice(0, 99)}…` : first;
}
