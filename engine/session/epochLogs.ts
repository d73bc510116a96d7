// Keras epoch logs from batch logs: the batch-size-weighted mean of every log over one epoch's
// batches, as model.fit reports them.

/** Keras epoch logs: batch-size-weighted means of every batch's logs within one epoch. */
export class EpochAccumulator {
  private sums: Record<string, number> = {};
  private count = 0;

  add(r: { logs: Record<string, number>; batchSize: number }): void {
    for (const [k, v] of Object.entries(r.logs))
      this.sums[k] = (this.sums[k] ?? 0) + v * r.batchSize;
    this.count += r.batchSize;
  }

  /** The means so far, and a fresh start for the next epoch. */
  take(): Record<string, number> {
    const logs: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.sums)) logs[k] = v / this.count;
    this.clear();
    return logs;
  }

  clear(): void {
    this.sums = {};
    this.count = 0;
  }
}
