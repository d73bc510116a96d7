// The Step view's figures, computed from the step's own arrays (not from sampled statistics), so
// they describe exactly the batch and update shown: per-quantity norm/mean/min/max, how a tensor's
// shape lays out as a matrix, the colour scale of a heatmap, and how each log changed.
import type { StepDetailWire, TensorStats } from '../../../../engine/worker/protocol.ts';
import { tensorStats } from '../../../../engine/train/stats.ts';

/** Tensors with at most this many values are shown as numbers; larger ones as heatmaps. */
export const SMALL_TENSOR = 64;

/** The four arrays a step has per parameter, in the order the view shows them. */
export const QUANTITIES = ['before', 'grads', 'updates', 'after'] as const;
export type Quantity = (typeof QUANTITIES)[number];

/** The data-role each quantity's cells carry (the e2e contract). */
export const ROLE: Record<Quantity, 'before' | 'grad' | 'update' | 'after'> = {
  before: 'before',
  grads: 'grad',
  updates: 'update',
  after: 'after',
};

/** Rows × columns of a tensor drawn as a matrix: the last axis across, all others down. */
export function matrixShape(shape: readonly number[]): { rows: number; cols: number } {
  if (!shape.length) return { rows: 1, cols: 1 };
  const cols = shape[shape.length - 1];
  let rows = 1;
  for (let i = 0; i < shape.length - 1; i++) rows *= shape[i];
  return { rows, cols };
}

const MAX_SIDE = 280;
const MIN_SIDE = 16;
const MAX_ZOOM = 8;

/** CSS size of a heatmap: each axis fitted to 280 px on its own, short axes zoomed up to 8×. */
export function heatmapSize(rows: number, cols: number): { width: number; height: number } {
  const fit = (n: number) => Math.max(MIN_SIDE, Math.round(n * Math.min(MAX_SIDE / n, MAX_ZOOM)));
  return { width: fit(cols), height: fit(rows) };
}

/** Largest finite |v| over the arrays (0 when there is none): the ± range of a diverging scale. */
export function maxAbs(...arrays: ArrayLike<number>[]): number {
  let m = 0;
  for (const a of arrays)
    for (let i = 0; i < a.length; i++) {
      const v = Math.abs(a[i]);
      if (v > m && v !== Infinity) m = v;
    }
  return m;
}

/** The four arrays of one parameter in a step (empty ones where the step does not have it). */
export function stepArrays(detail: StepDetailWire, key: string): Record<Quantity, Float32Array> {
  return {
    before: detail.before[key] ?? new Float32Array(0),
    grads: detail.grads[key] ?? new Float32Array(0),
    updates: detail.updates[key] ?? new Float32Array(0),
    after: detail.after[key] ?? new Float32Array(0),
  };
}

/** Norm, mean, min and max of each quantity of one parameter in a step. */
export function paramStepStats(detail: StepDetailWire, key: string): Record<Quantity, TensorStats> {
  const a = stepArrays(detail, key);
  return {
    before: tensorStats(a.before),
    grads: tensorStats(a.grads),
    updates: tensorStats(a.updates),
    after: tensorStats(a.after),
  };
}

/** ‖update‖ / ‖weights before‖ (NaN when the weights are all zero): how big a step this was. */
export function updateRatio(stats: Record<Quantity, TensorStats>): number {
  return stats.before.norm > 0 ? stats.updates.norm / stats.before.norm : NaN;
}

/** One log's change over a step. */
export interface LogChange {
  name: string;
  before: number;
  after: number;
  delta: number;
  /** delta / |before| (NaN when before is 0 or missing). */
  relative: number;
}

/** Every log before and after the step, 'loss' first, then in the order the step reported them. */
export function logChanges(
  before: Record<string, number>,
  after: Record<string, number>,
): LogChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  names.sort((a, b) => Number(b === 'loss') - Number(a === 'loss'));
  return names.map((name) => {
    const b = before[name] ?? NaN;
    const a = after[name] ?? NaN;
    const delta = a - b;
    return { name, before: b, after: a, delta, relative: b ? delta / Math.abs(b) : NaN };
  });
}
