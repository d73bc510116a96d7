// Step timing shared by the Node and browser benchmarks: warm-up excluded, every step awaited
// (its loss read back), at least `minSteps` timed steps unless that would take longer than
// `capMs` (then fewer, and the row says so), and more steps for fast pairs, up to `targetMs`.
import { stats } from './workloads.ts';

/** One measured engine/workload pair. */
export interface Measurement {
  engine: string;
  workload: string;
  median: number;
  min: number;
  max: number;
  steps: number;
  warmup: number;
  /** True when fewer than `minSteps` steps were timed because they would exceed `capMs`. */
  reduced: boolean;
  /** The loss (or checksum) of the first timed step, to show every engine computes the same. */
  first: number;
}

export interface TimingOptions {
  warmup: number;
  /** Stop warming up after this long even if fewer than `warmup` steps ran (at least one does). */
  warmupCapMs?: number;
  minSteps?: number;
  capMs?: number;
  targetMs?: number;
  maxSteps?: number;
  /** The clock (tests substitute their own). */
  now?: () => number;
}

/** A step returns its loss (synchronously or not) after the result was read back. */
export type StepFn = () => number | Promise<number>;

/** Times `step` as described above; throws if a loss is not finite. */
export async function timeSteps(
  engine: string,
  workload: string,
  step: StepFn,
  opts: TimingOptions,
): Promise<Measurement> {
  const minSteps = opts.minSteps ?? 30;
  const capMs = opts.capMs ?? 60_000;
  const warmupCap = opts.warmupCapMs ?? 10_000;
  const now = opts.now ?? (() => performance.now());
  let warm = 0;
  let est = 0;
  const warmStart = now();
  while (warm < opts.warmup && (warm === 0 || now() - warmStart < warmupCap)) {
    const t0 = now();
    check(await step(), engine, workload);
    est = now() - t0;
    warm++;
  }
  let steps = minSteps;
  let reduced = false;
  if (est * minSteps > capMs) {
    steps = Math.max(3, Math.floor(capMs / est));
    reduced = steps < minSteps;
  } else if (opts.targetMs && est > 0)
    steps = Math.min(opts.maxSteps ?? 1000, Math.max(minSteps, Math.floor(opts.targetMs / est)));
  const times: number[] = [];
  let first = NaN;
  for (let i = 0; i < steps; i++) {
    const t0 = now();
    const loss = await step();
    times.push(now() - t0);
    check(loss, engine, workload);
    if (i === 0) first = loss;
  }
  return { engine, workload, ...stats(times), steps, warmup: warm, reduced, first };
}

function check(loss: number, engine: string, workload: string): void {
  if (!Number.isFinite(loss)) throw new Error(`${engine} on ${workload}: non-finite loss ${loss}`);
}
