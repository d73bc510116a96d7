// Folds the worker's metrics events into the training store: per-step history, epoch logs,
// sampled statistics, the last detailed step, the position and the progress of the request in
// flight (steps done of steps asked, and the ETA at a smoothed rate). Applied at most once per
// animation frame; `flush()` applies what is pending right away (before the result is read).
import type { MetricsEvent } from '../../../engine/worker/protocol.ts';
import { getTraining, patchTraining, STATS_KEEP, type TrainingProgress } from './store.ts';

const raf: (cb: () => void) => number =
  typeof requestAnimationFrame === 'function'
    ? (cb) => requestAnimationFrame(cb)
    : (cb) => setTimeout(cb, 16) as unknown as number;
const cancelRaf: (id: number) => void =
  typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame : (id) => clearTimeout(id);

/** The session's position and offsets as the user sees them (continuing a saved history). */
export interface Offsets {
  step: number;
  epoch: number;
}

interface Request {
  kind: TrainingProgress['kind'];
  startStep: number;
  totalSteps: number;
  rate: number;
}

/** Metrics → store, once per frame. */
export class MetricsFold {
  private pending: MetricsEvent[] = [];
  private frame = 0;
  private offsets: Offsets = { step: 0, epoch: 0 };
  /** Batches already done in the session's current epoch (0 right after an epoch ended). */
  private batchInEpoch = 0;
  private request: Request | null = null;

  /** Events are dropped while false (between a document change and the next load). */
  private accepting = false;

  /** A new session starts counting at these offsets; `accepting` says whether it is live. */
  reset(offsets: Offsets, accepting: boolean): void {
    this.accepting = accepting;
    this.pending = [];
    cancelRaf(this.frame);
    this.frame = 0;
    this.offsets = offsets;
    this.batchInEpoch = 0;
    this.request = null;
  }

  /** Queues an event; it reaches the store on the next animation frame. */
  push(m: MetricsEvent): void {
    if (!this.accepting) return;
    this.pending.push(m);
    this.frame ||= raf(() => this.flush());
  }

  /** Starts progress for a request of `epochs` epochs (or one step when epochs is null). */
  begin(kind: TrainingProgress['kind'], epochs: number | null): TrainingProgress {
    const bpe = Math.max(1, getTraining().batchesPerEpoch);
    const totalSteps = epochs === null ? 1 : bpe - this.batchInEpoch + (epochs - 1) * bpe;
    this.request = { kind, startStep: getTraining().step, totalSteps, rate: 0 };
    return this.progress(getTraining().step);
  }

  end(): void {
    this.request = null;
  }

  /** Applies the pending events now. */
  flush(): void {
    cancelRaf(this.frame);
    this.frame = 0;
    const events = this.pending;
    this.pending = [];
    if (events.length) this.apply(events);
  }

  private progress(step: number): TrainingProgress {
    const r = this.request!;
    const done = Math.min(r.totalSteps, step - r.startStep);
    return {
      kind: r.kind,
      done,
      total: r.totalSteps,
      etaSeconds: r.rate > 0 ? (r.totalSteps - done) / r.rate : null,
    };
  }

  private apply(events: MetricsEvent[]): void {
    const s = getTraining();
    const bpe = s.batchesPerEpoch;
    const { step: so, epoch: eo } = this.offsets;
    let { stats, statsHistory, lastStep } = s;
    for (const m of events) {
      s.history.append(so + m.step - m.losses.length + 1, m.series);
      for (const e of m.epochs) s.history.addEpoch({ epoch: eo + e.epoch, logs: e.logs });
      if (m.stats) {
        stats = { ...m.stats, step: so + m.stats.step };
        statsHistory = [...statsHistory, stats];
        if (statsHistory.length > STATS_KEEP) statsHistory = statsHistory.filter((_, i) => i % 2);
      }
      if (m.detail) lastStep = { ...m.detail, step: so + m.detail.step };
      // A smoothed rate, so the ETA does not jump with every ~16 ms window.
      if (this.request && m.stepsPerSecond > 0)
        this.request.rate = this.request.rate
          ? 0.8 * this.request.rate + 0.2 * m.stepsPerSecond
          : m.stepsPerSecond;
    }
    const last = events[events.length - 1];
    const ended = bpe > 0 && last.batch + 1 >= bpe;
    this.batchInEpoch = ended ? 0 : last.batch + 1;
    const step = so + last.step;
    patchTraining({
      step,
      // The position is already past an epoch this step ended; show the step's own epoch.
      epoch: eo + last.epoch - (ended && last.epoch > 0 ? 1 : 0),
      batch: last.batch,
      stepsPerSecond: last.stepsPerSecond,
      stats,
      statsHistory,
      lastStep,
      ...(this.request ? { progress: this.progress(step) } : {}),
    });
  }
}
