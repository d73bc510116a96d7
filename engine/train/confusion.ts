// Reading predictions against targets, for the Predictions tab: is an output a classifier (and how
// are its targets encoded), the predicted and true class of each row, the confusion matrix and
// accuracy, the misclassified rows, and for regressions MAE / RMSE / R². Pure; rows are the
// sample-major matrices the session binds (row i is data[i·width, (i+1)·width)).
// Invariant: a class index is ≥ 0; −1 means "no class" (a NaN prediction or an unusable target),
// and such a row always counts as wrong.
import type { LossSpec } from '../document/schema.ts';
import { LoomError } from '../errors.ts';
import type { Rows } from '../session/bind.ts';

/** How a classifier's targets are written: class ids, one-hot rows, or one 0/1 column. */
export type TargetEncoding = 'sparse' | 'onehot' | 'binary';

/** An output read as a classifier over `classes` classes. */
export interface ClassificationTask {
  kind: 'classification';
  encoding: TargetEncoding;
  classes: number;
  /** Outputs are logits: softmax (or sigmoid for binary) turns them into probabilities. */
  fromLogits: boolean;
}

/** An output read as a regression (anything that is not a classifier). */
export interface RegressionTask {
  kind: 'regression';
}

export type Task = ClassificationTask | RegressionTask;

/** Keras's binary threshold: class 1 when the probability is greater than this. */
export const BINARY_THRESHOLD = 0.5;

const CROSSENTROPIES = new Set([
  'binaryCrossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
]);

function rowCount(r: Rows): number {
  return r.width > 0 ? Math.floor(r.data.length / r.width) : 0;
}

function allValues(r: Rows, ok: (v: number) => boolean): boolean {
  if (r.data.length === 0) return false;
  for (const v of r.data) if (!ok(v)) return false;
  return true;
}

function allOneHot(r: Rows): boolean {
  const n = rowCount(r);
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    let ones = 0;
    for (let j = i * r.width; j < (i + 1) * r.width; j++) {
      const v = r.data[j];
      if (v === 1) ones++;
      else if (v !== 0) return false;
    }
    if (ones !== 1) return false;
  }
  return true;
}

/**
 * Decides whether an output is a classifier from its loss, its width (values per sample) and its
 * targets: width > 1 with class-id or one-hot targets, or width 1 with 0/1 targets (threshold 0.5).
 * A crossentropy loss settles the encoding; any other loss is read from the target values.
 */
export function detectTask(loss: LossSpec, outputWidth: number, targets: Rows): Task {
  const fromLogits = CROSSENTROPIES.has(loss.type) && loss.params.fromLogits === true;
  if (outputWidth > 1) {
    const isId = (v: number) => Number.isInteger(v) && v >= 0 && v < outputWidth;
    if (
      targets.width === 1 &&
      (loss.type === 'sparseCategoricalCrossentropy' || allValues(targets, isId))
    )
      return { kind: 'classification', encoding: 'sparse', classes: outputWidth, fromLogits };
    if (
      targets.width === outputWidth &&
      (loss.type === 'categoricalCrossentropy' || allOneHot(targets))
    )
      return { kind: 'classification', encoding: 'onehot', classes: outputWidth, fromLogits };
    return { kind: 'regression' };
  }
  if (outputWidth === 1 && targets.width === 1) {
    if (loss.type === 'binaryCrossentropy' || allValues(targets, (v) => v === 0 || v === 1))
      return { kind: 'classification', encoding: 'binary', classes: 2, fromLogits };
  }
  return { kind: 'regression' };
}

/** Index of the first largest finite value in data[offset, offset + width), or −1 when none is finite. */
export function argmax(data: ArrayLike<number>, offset: number, width: number): number {
  let best = -1;
  let max = -Infinity;
  for (let k = 0; k < width; k++) {
    const v = data[offset + k];
    if (Number.isFinite(v) && (best < 0 || v > max)) {
      best = k;
      max = v;
    }
  }
  return best;
}

/** Numerically stable softmax of data[offset, offset + width) (non-finite entries get 0). */
export function softmax(data: ArrayLike<number>, offset: number, width: number): Float64Array {
  const out = new Float64Array(width);
  let max = -Infinity;
  for (let k = 0; k < width; k++) {
    const v = data[offset + k];
    if (Number.isFinite(v) && v > max) max = v;
  }
  if (max === -Infinity) return out;
  let sum = 0;
  for (let k = 0; k < width; k++) {
    const v = data[offset + k];
    out[k] = Number.isFinite(v) ? Math.exp(v - max) : 0;
    sum += out[k];
  }
  for (let k = 0; k < width; k++) out[k] /= sum;
  return out;
}

/** The logistic sigmoid. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Per row: the predicted class, the true class, and the probability (score) of the prediction. */
export interface Classified {
  predicted: Int32Array;
  actual: Int32Array;
  /** Probability of the predicted class (the raw output value when it is not a probability). */
  probability: Float32Array;
}

function sameRows(outputs: Rows, targets: Rows): number {
  const n = rowCount(outputs);
  if (rowCount(targets) !== n)
    throw new LoomError(
      'graph/shape',
      `the predictions have ${n} rows but the targets have ${rowCount(targets)}`,
      {},
      'Refresh the predictions after the data has loaded.',
    );
  return n;
}

function trueClass(task: ClassificationTask, targets: Rows, i: number): number {
  if (task.encoding === 'onehot') return argmax(targets.data, i * targets.width, targets.width);
  const t = targets.data[i * targets.width];
  if (!Number.isFinite(t)) return -1;
  if (task.encoding === 'binary') return t > BINARY_THRESHOLD ? 1 : 0;
  return Number.isInteger(t) && t >= 0 && t < task.classes ? t : -1;
}

/** Reads every row of a classifier's outputs and targets (see Classified). */
export function classify(task: ClassificationTask, outputs: Rows, targets: Rows): Classified {
  const n = sameRows(outputs, targets);
  const predicted = new Int32Array(n);
  const actual = new Int32Array(n);
  const probability = new Float32Array(n);
  const w = outputs.width;
  for (let i = 0; i < n; i++) {
    actual[i] = trueClass(task, targets, i);
    if (task.encoding === 'binary') {
      const x = outputs.data[i * w];
      const p = task.fromLogits ? sigmoid(x) : x;
      predicted[i] = Number.isFinite(p) ? (p > BINARY_THRESHOLD ? 1 : 0) : -1;
      probability[i] = predicted[i] === 1 ? p : predicted[i] === 0 ? 1 - p : NaN;
      continue;
    }
    const c = argmax(outputs.data, i * w, w);
    predicted[i] = c;
    if (c < 0) probability[i] = NaN;
    else if (task.fromLogits) probability[i] = softmax(outputs.data, i * w, w)[c];
    else probability[i] = outputs.data[i * w + c];
  }
  return { predicted, actual, probability };
}

/** True when a row's prediction is its (valid) true class. */
export function isCorrect(actual: number, predicted: number): boolean {
  return actual >= 0 && actual === predicted;
}

/** Counts of (true class, predicted class) pairs, and the accuracy over all rows. */
export interface Confusion {
  classes: number;
  /** counts[true][predicted]. */
  counts: number[][];
  /** Rows counted in the matrix (both classes valid). */
  counted: number;
  /** Rows left out of the matrix: a NaN prediction or an unusable target. */
  invalid: number;
  correct: number;
  /** Rows in total (counted + invalid). */
  total: number;
  /** correct / total (invalid rows count as wrong); NaN when there are no rows. */
  accuracy: number;
}

/** The confusion matrix (row = true class, column = predicted class) and accuracy. */
export function confusionMatrix(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
): Confusion {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let counted = 0;
  let correct = 0;
  const total = actual.length;
  for (let i = 0; i < total; i++) {
    const a = actual[i];
    const p = predicted[i];
    if (a < 0 || p < 0 || a >= classes || p >= classes) continue;
    counts[a][p]++;
    counted++;
    if (a === p) correct++;
  }
  return {
    classes,
    counts,
    counted,
    invalid: total - counted,
    correct,
    total,
    accuracy: total > 0 ? correct / total : NaN,
  };
}

/** Indices of the wrong rows, in row order, at most `limit` of them. */
export function misclassified(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  limit = Infinity,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < actual.length && out.length < limit; i++)
    if (!isCorrect(actual[i], predicted[i])) out.push(i);
  return out;
}

/** Error figures of a regression output over every finite (prediction, target) pair. */
export interface RegressionSummary {
  /** Pairs used. */
  count: number;
  /** Pairs skipped because the prediction or the target is NaN/±Inf. */
  nonFinite: number;
  mae: number;
  rmse: number;
  /**
   * Coefficient of determination, averaged over the output's columns (scikit-learn's
   * uniform_average); columns whose targets do not vary are left out; null when none vary.
   */
  r2: number | null;
}

/** MAE, RMSE and R² of predictions against targets of the same width. */
export function regressionSummary(outputs: Rows, targets: Rows): RegressionSummary {
  const n = sameRows(outputs, targets);
  const w = outputs.width;
  if (targets.width !== w)
    throw new LoomError(
      'graph/shape',
      `the predictions have ${w} values per row but the targets have ${targets.width}`,
      {},
      'Bind targets with as many values per sample as the output has.',
    );
  let count = 0;
  let nonFinite = 0;
  let absSum = 0;
  let sqSum = 0;
  const r2s: number[] = [];
  for (let j = 0; j < w; j++) {
    let m = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const p = outputs.data[i * w + j];
      const t = targets.data[i * w + j];
      if (!Number.isFinite(p) || !Number.isFinite(t)) continue;
      k++;
      m += (t - m) / k;
    }
    let ssRes = 0;
    let ssTot = 0;
    for (let i = 0; i < n; i++) {
      const p = outputs.data[i * w + j];
      const t = targets.data[i * w + j];
      if (!Number.isFinite(p) || !Number.isFinite(t)) {
        nonFinite++;
        continue;
      }
      const e = p - t;
      count++;
      absSum += Math.abs(e);
      sqSum += e * e;
      ssRes += e * e;
      ssTot += (t - m) * (t - m);
    }
    if (ssTot > 0) r2s.push(1 - ssRes / ssTot);
  }
  return {
    count,
    nonFinite,
    mae: count ? absSum / count : NaN,
    rmse: count ? Math.sqrt(sqSum / count) : NaN,
    r2: r2s.length ? r2s.reduce((a, b) => a + b, 0) / r2s.length : null,
  };
}
