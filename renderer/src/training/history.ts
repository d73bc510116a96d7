// The loss/metric history of a training session: one value per step for every log name, and
// Keras's epoch logs. Growable typed arrays (amortised doubling), so appending thousands of steps
// a second allocates almost nothing and charts read the arrays directly (no copies).
import type { EpochLogs, WireLogs } from '../../../engine/worker/protocol.ts';

/** A growable Float64 array; `view()` is the filled prefix (valid until the next push). */
class Growable {
  private buf = new Float64Array(256);
  length = 0;

  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }

  view(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Per-step series and per-epoch logs. Mutable; the store bumps a version when it changes. */
export class TrainingHistory {
  /** Step numbers (1-based), the x axis of every step series. */
  private readonly x = new Growable();
  private readonly series = new Map<string, Growable>();
  /** Keras epoch logs, oldest first (incl. val_* entries). */
  readonly epochs: EpochLogs[] = [];

  /** Number of steps recorded. */
  get length(): number {
    return this.x.length;
  }

  /** The last recorded step number (0 when empty). */
  get lastStep(): number {
    return this.length ? this.x.view()[this.length - 1] : 0;
  }

  /**
   * Appends steps `firstStep`, `firstStep + 1`, … with their logs (every series has one value per
   * step; a log missing at a step is NaN, which charts show as a gap).
   */
  append(firstStep: number, series: Record<string, ArrayLike<number>>): void {
    const names = Object.keys(series);
    const count = names.length ? series[names[0]].length : 0;
    const steps = new Float64Array(count);
    for (let i = 0; i < count; i++) steps[i] = firstStep + i;
    this.appendPoints(steps, series);
  }

  /** Appends points at explicit, increasing step numbers (a saved, thinned history). */
  appendPoints(steps: ArrayLike<number>, series: Record<string, ArrayLike<number>>): void {
    for (const name of Object.keys(series))
      if (!this.series.has(name)) {
        const g = new Growable();
        for (let i = 0; i < this.x.length; i++) g.push(NaN);
        this.series.set(name, g);
      }
    for (let i = 0; i < steps.length; i++) {
      this.x.push(steps[i]);
      for (const [name, g] of this.series) {
        const s = series[name];
        g.push(s ? s[i] : NaN);
      }
    }
  }

  addEpoch(e: EpochLogs): void {
    this.epochs.push(e);
  }

  /** The step numbers and one view per series name (all the same length). */
  steps(): { x: Float64Array; series: Record<string, Float64Array> } {
    const series: Record<string, Float64Array> = {};
    for (const [name, g] of this.series) series[name] = g.view();
    return { x: this.x.view(), series };
  }

  /** Log names recorded per step, e.g. ['loss', 'mae']. */
  names(): string[] {
    return [...this.series.keys()];
  }

  /** The epoch logs as columns: epoch numbers (1-based) and one array per log name. */
  epochColumns(): { x: number[]; series: Record<string, number[]> } {
    const names = new Set<string>();
    for (const e of this.epochs) for (const k of Object.keys(e.logs)) names.add(k);
    const series: Record<string, number[]> = {};
    for (const n of names) series[n] = this.epochs.map((e) => e.logs[n] ?? NaN);
    return { x: this.epochs.map((e) => e.epoch + 1), series };
  }

  /** The last step's logs. */
  latest(): WireLogs {
    const out: WireLogs = {};
    if (!this.length) return out;
    for (const [name, g] of this.series) out[name] = g.view()[this.length - 1];
    return out;
  }
}
