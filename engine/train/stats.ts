// Summary statistics and histograms of tensors, for the Step view, the gradient charts and the
// canvas overlay. Non-finite values are counted separately and left out of every other figure, so
// one NaN does not hide what the rest of the tensor looks like.
import type { Histogram, TensorStats } from '../worker/protocol.ts';

/** Whether every value is finite (no NaN, no ±Inf). */
export function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** Default number of histogram bins. */
export const HISTOGRAM_BINS = 30;

/** Norm, mean, min, max over the finite values, and how many values are not finite. */
export function tensorStats(values: ArrayLike<number>): TensorStats {
  let sum = 0;
  let sq = 0;
  let min = Infinity;
  let max = -Infinity;
  let bad = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      bad++;
      continue;
    }
    sum += v;
    sq += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const finite = values.length - bad;
  return {
    norm: Math.sqrt(sq),
    mean: finite ? sum / finite : NaN,
    min: finite ? min : NaN,
    max: finite ? max : NaN,
    nonFinite: bad,
    size: values.length,
  };
}

/** Equal-width bins over [min, max] of the finite values (one bin holding all when they agree). */
export function histogram(
  values: ArrayLike<number>,
  bins = HISTOGRAM_BINS,
  range?: { min: number; max: number },
): Histogram {
  const { min, max } = range ?? tensorStats(values);
  const counts = new Array<number>(bins).fill(0);
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { lo: 0, hi: 0, counts };
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const b = width > 0 ? Math.min(bins - 1, Math.floor((v - min) / width)) : 0;
    counts[b]++;
  }
  return { lo: min, hi: max, counts };
}
