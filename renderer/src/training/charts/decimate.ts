// Turns long per-step series into what a chart can draw in one frame: at most two points per
// pixel bucket (the bucket's min and max of every series, in the order they occur), so a spike
// is never hidden however many steps there are. Values a chart cannot draw (NaN, ±Inf, and on a
// log axis anything ≤ 0) become null, which uPlot draws as a gap. For append-only series the
// Decimator keeps min/max summaries of fixed blocks, so a frame costs O(steps / 64 + pixels)
// instead of O(steps).

/** Chart columns: shared x values and one y array per series (null = gap). */
export interface Columns {
  x: number[];
  ys: (number | null)[][];
}

/** The value as a chart point, or null when it cannot be drawn (on a log axis: when ≤ 0). */
export function drawable(v: number, log: boolean): number | null {
  if (!Number.isFinite(v)) return null;
  if (log && v <= 0) return null;
  return v;
}

/**
 * Columns for drawing `ys` against `x` with at most `maxPoints` points: every point when they fit,
 * else min and max of each series per bucket of consecutive indices (x must be ascending).
 */
export function decimate(
  x: ArrayLike<number>,
  ys: ArrayLike<number>[],
  maxPoints: number,
  log = false,
): Columns {
  const n = x.length;
  if (n <= Math.max(2, maxPoints)) {
    const outX = new Array<number>(n);
    for (let i = 0; i < n; i++) outX[i] = x[i];
    return {
      x: outX,
      ys: ys.map((y) => {
        const out = new Array<number | null>(n);
        for (let i = 0; i < n; i++) out[i] = drawable(y[i], log);
        return out;
      }),
    };
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const outX = new Array<number>(buckets * 2);
  const outYs = ys.map(() => new Array<number | null>(buckets * 2));
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    outX[2 * b] = x[start];
    outX[2 * b + 1] = x[end - 1];
    for (let s = 0; s < ys.length; s++) {
      const y = ys[s];
      let lo = -1;
      let hi = -1;
      for (let i = start; i < end; i++) {
        const v = drawable(y[i], log);
        if (v === null) continue;
        if (lo < 0 || v < y[lo]) lo = i;
        if (hi < 0 || v > y[hi]) hi = i;
      }
      const out = outYs[s];
      if (lo < 0) {
        out[2 * b] = null;
        out[2 * b + 1] = null;
      } else {
        const first = Math.min(lo, hi);
        const second = Math.max(lo, hi);
        out[2 * b] = y[first];
        out[2 * b + 1] = y[second];
      }
    }
  }
  return { x: outX, ys: outYs };
}

/** Steps per summary block of the Decimator. */
export const BLOCK = 64;

/** Min/max (and where they occur) of each complete block of one append-only series. */
class Blocks {
  count = 0;
  lo = new Float64Array(64);
  hi = new Float64Array(64);
  loAt = new Int32Array(64);
  hiAt = new Int32Array(64);

  /** Summarises the complete blocks of `y` not yet summarised. */
  extend(y: ArrayLike<number>, log: boolean): void {
    const full = Math.floor(y.length / BLOCK);
    if (full > this.lo.length) this.grow(Math.max(full, this.lo.length * 2));
    for (let b = this.count; b < full; b++) {
      let lo = Infinity;
      let hi = -Infinity;
      let loAt = -1;
      let hiAt = -1;
      for (let i = b * BLOCK, end = i + BLOCK; i < end; i++) {
        const v = y[i];
        if (!(v === v && v !== Infinity && v !== -Infinity) || (log && v <= 0)) continue;
        if (v < lo) {
          lo = v;
          loAt = i;
        }
        if (v > hi) {
          hi = v;
          hiAt = i;
        }
      }
      this.lo[b] = lo;
      this.hi[b] = hi;
      this.loAt[b] = loAt;
      this.hiAt[b] = hiAt;
    }
    this.count = Math.max(this.count, full);
  }

  private grow(size: number): void {
    const lo = new Float64Array(size);
    const hi = new Float64Array(size);
    const loAt = new Int32Array(size);
    const hiAt = new Int32Array(size);
    lo.set(this.lo);
    hi.set(this.hi);
    loAt.set(this.loAt);
    hiAt.set(this.hiAt);
    Object.assign(this, { lo, hi, loAt, hiAt });
  }
}

/**
 * Decimates append-only series frame after frame, reusing block summaries of the steps it has
 * already seen. Give it the same `source` (e.g. the history object) and `key` (the series names)
 * while the series only grow; another source or key, or fewer steps, start over.
 */
export class Decimator {
  private source: unknown = null;
  private key = '';
  private blocks: Blocks[] = [];
  private length = 0;

  constructor(private readonly log: boolean) {}

  /** Same result shape and guarantees as decimate(): every bucket's min and max survive. */
  columns(
    source: unknown,
    key: string,
    x: ArrayLike<number>,
    ys: ArrayLike<number>[],
    maxPoints: number,
  ): Columns {
    const n = x.length;
    const buckets = Math.max(1, Math.floor(maxPoints / 2));
    const perBucket = Math.ceil(Math.floor(n / BLOCK) / buckets);
    if (n <= maxPoints || perBucket < 2) return decimate(x, ys, maxPoints, this.log);
    if (source !== this.source || key !== this.key || n < this.length) {
      this.source = source;
      this.key = key;
      this.blocks = ys.map(() => new Blocks());
    }
    this.length = n;
    ys.forEach((y, s) => this.blocks[s].extend(y, this.log));
    const full = Math.floor(n / BLOCK);
    const outX: number[] = [];
    const outYs: (number | null)[][] = ys.map(() => []);
    for (let b0 = 0; b0 < full; b0 += perBucket) {
      // The last bucket also takes the leftover blocks and the incomplete tail block.
      const last = b0 + 2 * perBucket > full;
      const b1 = last ? full : b0 + perBucket;
      const end = last ? n : b1 * BLOCK;
      outX.push(x[b0 * BLOCK], x[end - 1]);
      ys.forEach((y, s) => {
        const bl = this.blocks[s];
        let lo = Infinity;
        let hi = -Infinity;
        let loAt = -1;
        let hiAt = -1;
        for (let b = b0; b < b1; b++) {
          if (bl.loAt[b] >= 0 && bl.lo[b] < lo) {
            lo = bl.lo[b];
            loAt = bl.loAt[b];
          }
          if (bl.hiAt[b] >= 0 && bl.hi[b] > hi) {
            hi = bl.hi[b];
            hiAt = bl.hiAt[b];
          }
        }
        for (let i = b1 * BLOCK; i < end; i++) {
          const v = drawable(y[i], this.log);
          if (v === null) continue;
          if (v < lo) {
            lo = v;
            loAt = i;
          }
          if (v > hi) {
            hi = v;
            hiAt = i;
          }
        }
        const out = outYs[s];
        if (loAt < 0) out.push(null, null);
        else if (loAt <= hiAt) out.push(lo, hi);
        else out.push(hi, lo);
      });
      if (last) break;
    }
    return { x: outX, ys: outYs };
  }
}
