// `npm run bench`: prints a table of measured speeds and writes bench-results/bench.json.
// Warm-up steps are excluded; every timed step is synchronous (the loss is read back).
import { mkdirSync, readFileSync } from 'node:fs';
import { parseProjectText } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';
import { TrainingSession } from '../session/session.ts';
import { stats, mlpWorkload, twoTowerWorkload, type Workload } from './bench/workloads.ts';
import { writeAtomic } from './files.ts';

interface Row {
  engine: string;
  workload: string;
  median: number;
  min: number;
  max: number;
  steps: number;
}

function example(name: string): Project {
  return parseProjectText(
    readFileSync(new URL(`../../assets/examples/${name}.loom`, import.meta.url), 'utf8'),
  );
}

function timeSteps(w: Workload, warmup: number, steps: number): Row {
  const session = new TrainingSession(w.doc, w.data);
  for (let i = 0; i < warmup; i++) session.step(false);
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    const r = session.step(false);
    times.push(performance.now() - t0);
    if (!Number.isFinite(r.loss)) throw new Error(`${w.name}: non-finite loss`);
  }
  return { engine: 'Layerloom-CPU (Node)', workload: w.name, ...stats(times), steps };
}

function table(rows: Row[]): string {
  const head = ['engine', 'workload', 'median ms', 'min ms', 'max ms', 'steps'];
  const cells = rows.map((r) => [
    r.engine,
    r.workload,
    r.median.toFixed(3),
    r.min.toFixed(3),
    r.max.toFixed(3),
    String(r.steps),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c.map((x, i) => (i >= 2 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

const rows = [
  timeSteps(mlpWorkload(example('mnist-mlp')), 5, 30),
  timeSteps(twoTowerWorkload(example('two-tower')), 50, 1000),
];
console.log(table(rows));
mkdirSync('bench-results', { recursive: true });
writeAtomic(
  'bench-results/bench.json',
  JSON.stringify({ date: new Date().toISOString(), rows }, null, 2) + '\n',
);
console.log('\nWrote bench-results/bench.json');
