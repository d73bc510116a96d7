// What the worker reports about a step beyond its loss: gradient and weight statistics (sampled a
// few times a second while training) and, for a detailed step, the whole update — weights before
// and after, gradients, applied changes and the batch's loss after the update. Also the rows
// request's gather. Pure functions over a TrainingSession; nothing here posts messages.
import { LoomError } from '../errors.ts';
import type { BoundData } from '../session/bind.ts';
import type { StepResult, TrainingSession } from '../session/session.ts';
import { histogram, tensorStats } from '../train/stats.ts';
import type { StatsSample, StepDetailWire, WireRows, WireWeights } from './protocol.ts';

/** A step with its statistics, and with its whole update when `detail` is set. */
export function inspectedStep(
  session: TrainingSession,
  detail: boolean,
): { result: StepResult; stats: StatsSample; detail: StepDetailWire | null } {
  const before = detail ? copyWeights(session.weights) : null;
  const r = session.step(true);
  // Read the gradients that reached node outputs before lastBatchLogs reruns the batch.
  const activation = session.activationGrads();
  const weights = session.weights;
  const stats = statsSample(r, weights, activation);
  if (!before) return { result: r, stats, detail: null };
  const after = copyWeights(weights);
  const pick = (m: WireWeights) =>
    Object.fromEntries([...r.grads.keys()].map((k) => [k, m[k]])) as WireWeights;
  return {
    result: r,
    stats,
    detail: {
      step: r.step,
      epoch: r.epoch,
      batch: r.batch,
      batchSize: r.batchSize,
      logsBefore: r.logs,
      logsAfter: session.lastBatchLogs(),
      before: pick(before),
      grads: Object.fromEntries(r.grads),
      updates: Object.fromEntries(r.updates),
      after: pick(after),
    },
  };
}

/** Gradient and weight statistics of one step, plus the gradients that reached node outputs. */
export function statsSample(
  r: StepResult,
  weights: ReadonlyMap<string, Float32Array>,
  activation: ReadonlyMap<string, Float32Array>,
): StatsSample {
  const params: StatsSample['params'] = {};
  for (const [key, g] of r.grads) {
    const w = weights.get(key)!;
    const grad = tensorStats(g);
    const weight = tensorStats(w);
    params[key] = {
      grad,
      weight,
      gradHist: histogram(g, undefined, grad),
      weightHist: histogram(w, undefined, weight),
    };
  }
  const activationGrads: StatsSample['activationGrads'] = {};
  for (const [id, g] of activation) activationGrads[id] = tensorStats(g);
  return { step: r.step, params, activationGrads };
}

/** The input rows at `indices` (in that order), by Input node id. */
export function pickRows(
  data: BoundData,
  indices: readonly number[],
  split: string,
): Record<string, WireRows> {
  for (const row of indices)
    if (row >= data.n)
      throw new LoomError(
        'worker/message',
        `row ${row} is out of range: the ${split} split has ${data.n} rows`,
        { row },
        'Ask for rows 0…n−1.',
      );
  const out: Record<string, WireRows> = {};
  for (const [id, r] of data.inputs) {
    const values = new Float32Array(indices.length * r.width);
    indices.forEach((row, i) =>
      values.set(r.data.subarray(row * r.width, (row + 1) * r.width), i * r.width),
    );
    out[id] = { data: values, width: r.width };
  }
  return out;
}

function copyWeights(w: ReadonlyMap<string, Float32Array>): WireWeights {
  return Object.fromEntries([...w].map(([k, v]) => [k, Float32Array.from(v)]));
}
