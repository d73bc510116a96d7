// Histograms over time on one value axis. Each statistics sample bins its tensor over its own
// [lo, hi]; to draw them side by side (steps × value bins, like TensorBoard's histogram view) every
// sample is re-binned onto a common range, spreading each source bin's count over the target bins
// it overlaps in proportion to the overlap. Counts are conserved.
import type { Histogram } from '../../../../engine/worker/protocol.ts';

/** Re-binned histograms: `values[i * bins + j]` is sample i's count in bin j (j = 0 lowest). */
export interface HistogramGrid {
  steps: number[];
  lo: number;
  hi: number;
  bins: number;
  values: Float32Array;
  /** Largest count per sample (for per-column colour scaling). */
  colMax: Float32Array;
}

/** Default number of value bins of the common axis. */
export const GRID_BINS = 64;

/** Adds `h`'s counts into `out[offset … offset + bins)`, the bins of [lo, hi]. */
export function rebin(
  h: Histogram,
  lo: number,
  hi: number,
  bins: number,
  out: Float32Array,
  offset = 0,
): void {
  const width = (hi - lo) / bins;
  const clampBin = (v: number) => Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
  const k = h.counts.length;
  const srcWidth = (h.hi - h.lo) / k;
  for (let s = 0; s < k; s++) {
    const c = h.counts[s];
    if (!c) continue;
    if (!(srcWidth > 0)) {
      out[offset + clampBin(h.lo)] += c;
      continue;
    }
    const a = h.lo + s * srcWidth;
    const b = a + srcWidth;
    const first = clampBin(a);
    const last = clampBin(b);
    if (first === last) {
      out[offset + first] += c;
      continue;
    }
    for (let t = first; t <= last; t++) {
      const overlap = Math.min(b, lo + (t + 1) * width) - Math.max(a, lo + t * width);
      if (overlap > 0) out[offset + t] += (c * overlap) / srcWidth;
    }
  }
}

/** The common range of some histograms (finite, non-empty ones), widened when it is one point. */
export function commonRange(hists: Histogram[]): { lo: number; hi: number } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const h of hists) {
    if (!Number.isFinite(h.lo) || !Number.isFinite(h.hi) || !h.counts.some((c) => c > 0)) continue;
    lo = Math.min(lo, h.lo);
    hi = Math.max(hi, h.hi);
  }
  if (lo > hi) return null;
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1e-3;
    return { lo: lo - pad, hi: hi + pad };
  }
  return { lo, hi };
}

/** Steps × bins on a common value axis, or null when no sample has any finite value. */
export function histogramGrid(
  samples: { step: number; hist: Histogram }[],
  bins = GRID_BINS,
): HistogramGrid | null {
  const range = commonRange(samples.map((s) => s.hist));
  if (!range) return null;
  const values = new Float32Array(samples.length * bins);
  const colMax = new Float32Array(samples.length);
  samples.forEach((s, i) => {
    if (Number.isFinite(s.hist.lo) && Number.isFinite(s.hist.hi))
      rebin(s.hist, range.lo, range.hi, bins, values, i * bins);
    let m = 0;
    for (let j = 0; j < bins; j++) m = Math.max(m, values[i * bins + j]);
    colMax[i] = m;
  });
  return { steps: samples.map((s) => s.step), ...range, bins, values, colMax };
}
