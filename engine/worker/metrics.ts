// Turns a stream of StepResults into few metrics events: at most one per `intervalMs` (~60 a
// second), each with the latest logs, every step's loss since the previous event (nothing is
// dropped, only batched) and Keras epoch logs for every epoch that ended meanwhile.
import type { StepResult } from '../session/session.ts';
import type { EpochLogs, MetricsEvent, StatsSample, StepDetailWire } from './protocol.ts';

/** Default spacing of metrics events: one per 60 Hz frame. */
export const METRICS_INTERVAL_MS = 1000 / 60;

/** Batches step results into metrics events. */
export class MetricsBuffer {
  private losses: number[] = [];
  private series = new Map<string, number[]>();
  private epochs: EpochLogs[] = [];
  private detail: StepDetailWire | null = null;
  private stats: StatsSample | null = null;
  private last: StepResult | null = null;
  private windowStart: number;
  private lastFlush = -Infinity;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly intervalMs = METRICS_INTERVAL_MS,
  ) {
    this.windowStart = now();
  }

  /** Marks the start of a request, so idle time before it does not count against steps/s. */
  begin(): void {
    if (this.losses.length === 0) this.windowStart = this.now();
  }

  add(r: StepResult): void {
    const index = this.losses.length;
    this.losses.push(r.loss);
    for (const [k, v] of Object.entries(r.logs)) {
      let col = this.series.get(k);
      if (!col) this.series.set(k, (col = new Array<number>(index).fill(NaN)));
      col.push(v);
    }
    for (const col of this.series.values()) if (col.length === index) col.push(NaN);
    this.last = r;
  }

  /** Attaches the whole update of the latest step to the next event. */
  setDetail(d: StepDetailWire): void {
    this.detail = d;
  }

  /** Attaches gradient statistics to the next event (a newer sample replaces an unsent one). */
  setStats(s: StatsSample): void {
    this.stats = s;
  }

  addEpoch(e: EpochLogs): void {
    this.epochs.push(e);
  }

  /** True when there is something to report and the last event is at least one interval old. */
  due(): boolean {
    return this.losses.length > 0 && this.now() - this.lastFlush >= this.intervalMs;
  }

  /** The pending metrics as an event (null when no step happened since the last one). */
  flush(position: { step: number; epoch: number }): MetricsEvent | null {
    const last = this.last;
    if (!last || this.losses.length === 0) return null;
    const now = this.now();
    const seconds = (now - this.windowStart) / 1000;
    const series: Record<string, Float32Array> = {};
    for (const [k, col] of this.series) series[k] = Float32Array.from(col);
    const event: MetricsEvent = {
      type: 'metrics',
      step: position.step,
      epoch: position.epoch,
      batch: last.batch,
      logs: { ...last.logs },
      losses: Float32Array.from(this.losses),
      series,
      stepsPerSecond: seconds > 0 ? this.losses.length / seconds : 0,
      epochs: this.epochs,
    };
    if (this.detail) event.detail = this.detail;
    if (this.stats) event.stats = this.stats;
    this.dropPending();
    this.lastFlush = now;
    this.windowStart = now;
    return event;
  }

  /** Forgets pending results (after load or reset). */
  clear(): void {
    this.dropPending();
    this.last = null;
    this.windowStart = this.now();
  }

  private dropPending(): void {
    this.losses = [];
    this.series = new Map();
    this.epochs = [];
    this.detail = null;
    this.stats = null;
  }
}
