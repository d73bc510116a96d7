// The loss history between the live store (TrainingHistory) and the project document
// (`history`: base64 float32 per log name). Pure.
import type { TrainingHistoryDoc } from '../../../engine/document/schema.ts';
import { decodeFloat32, encodeFloat32 } from '../../../engine/document/weights.ts';
import { TrainingHistory } from './history.ts';

/** Most values per series a saved history keeps; longer ones are averaged over blocks of steps. */
export const MAX_SAVED_POINTS = 20_000;

/**
 * The document form of a history that ends at step `steps`: one value per `stride` steps (the
 * mean of the points in each block, NaN for a block without points), stride 1 up to maxPoints.
 */
export function historyToDoc(
  h: TrainingHistory,
  steps: number,
  maxPoints = MAX_SAVED_POINTS,
): TrainingHistoryDoc {
  const { x, series } = h.steps();
  const stride = Math.max(1, Math.ceil(steps / maxPoints));
  const out: TrainingHistoryDoc['series'] = {};
  for (const [name, values] of Object.entries(series))
    out[name] = encodeFloat32(blockMeans(x, values, steps, stride));
  return {
    steps,
    series: out,
    stride,
    epochs: h.epochs.map((e) => ({
      epoch: e.epoch,
      logs: Object.fromEntries(Object.entries(e.logs).filter(([, v]) => Number.isFinite(v))),
    })),
  };
}

/** Means per block of `stride` steps, the last block ending at step `last`. */
function blockMeans(
  x: ArrayLike<number>,
  values: ArrayLike<number>,
  last: number,
  stride: number,
): Float32Array {
  const blocks = Math.ceil(last / stride);
  const sums = new Float64Array(blocks);
  const counts = new Uint32Array(blocks);
  for (let i = 0; i < x.length; i++) {
    const b = blocks - 1 - Math.floor((last - x[i]) / stride);
    if (b < 0 || b >= blocks || Number.isNaN(values[i])) continue;
    sums[b] += values[i];
    counts[b]++;
  }
  const out = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) out[b] = counts[b] ? sums[b] / counts[b] : NaN;
  return out;
}

/**
 * A live history from the document form. Series shorter than the step count (a damaged or
 * hand-edited file) are padded with gaps at the start, so step numbers stay right.
 */
export function historyFromDoc(doc: TrainingHistoryDoc | undefined): TrainingHistory {
  const h = new TrainingHistory();
  if (!doc) return h;
  const series: Record<string, Float32Array> = {};
  let count = 0;
  for (const [name, b64] of Object.entries(doc.series)) {
    try {
      series[name] = decodeFloat32(b64);
      count = Math.max(count, series[name].length);
    } catch {
      // A series that does not decode is dropped; the others still show.
    }
  }
  const stride = doc.stride;
  count = Math.min(count, Math.ceil(doc.steps / stride));
  const aligned: Record<string, Float32Array> = {};
  for (const [name, values] of Object.entries(series)) {
    const a = new Float32Array(count).fill(NaN);
    const tail = values.subarray(Math.max(0, values.length - count));
    a.set(tail, count - tail.length);
    aligned[name] = a;
  }
  // Value i stands for the block ending at step doc.steps − (count − 1 − i)·stride; blocks that
  // had no points (NaN in every series) are left out.
  const keep: number[] = [];
  const names = Object.keys(aligned);
  for (let i = 0; i < count; i++) if (names.some((n) => !Number.isNaN(aligned[n][i]))) keep.push(i);
  const pick = (a: Float32Array) => Float32Array.from(keep, (i) => a[i]);
  h.appendPoints(
    keep.map((i) => doc.steps - (count - 1 - i) * stride),
    Object.fromEntries(names.map((n) => [n, pick(aligned[n])])),
  );
  for (const e of doc.epochs) h.addEpoch({ epoch: e.epoch, logs: { ...e.logs } });
  return h;
}
