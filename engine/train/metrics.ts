// Metrics as graph builders giving the batch mean, resolved by name as Keras 3's compile_utils
// does ('accuracy' picks binary / sparse categorical / categorical accuracy from the shapes), and
// RunningMean, the batch-size-weighted average Keras's Mean trackers keep across an epoch.
import type { Ops } from '../ops/api.ts';
import type { Sym } from '../ops/types.ts';
import { LoomError } from '../errors.ts';
import { fromArray, sameShape, showShape } from '../tensor.ts';
import type { LossType } from './losses.ts';

/** One metric: its log name, the Keras function it equals, and a builder of its batch mean. */
export interface MetricDef {
  /** Name in the logs, as the user wrote it (Keras keeps the identifier, e.g. 'acc'). */
  name: string;
  /** Keras metric function, e.g. 'sparse_categorical_accuracy'. */
  kerasName: string;
  /** Scalar: the metric's mean over the batch. Shapes include the batch axis. */
  build(o: Ops, yTrue: Sym, yPred: Sym): Sym;
}

/** Metric names the UI offers; resolveMetric also accepts Keras's aliases ('acc', 'mse', …). */
export const metricNames = [
  'accuracy',
  'binary_accuracy',
  'categorical_accuracy',
  'sparse_categorical_accuracy',
  'mae',
  'mse',
] as const;

/** Binary accuracy threshold (Keras default). */
export const THRESHOLD = 0.5;

function mismatch(metric: string, yTrue: Sym, yPred: Sym): never {
  throw new LoomError(
    'graph/shape',
    `metric '${metric}' cannot compare targets of shape ${showShape(yTrue.shape)} with predictions of shape ${showShape(yPred.shape)}`,
    { param: 'metrics' },
    'Remove this metric or choose one that fits the loss (e.g. accuracy for classification).',
  );
}

/** Keras squeeze_or_expand_to_same_rank: a trailing axis of 1 on one side is dropped to match. */
function sameRank(o: Ops, metric: string, yTrue: Sym, yPred: Sym): [Sym, Sym] {
  if (sameShape(yTrue.shape, yPred.shape)) return [yTrue, yPred];
  const t = yTrue.shape;
  const p = yPred.shape;
  if (p.length === t.length + 1 && p[p.length - 1] === 1 && sameShape(t, p.slice(0, -1)))
    return [yTrue, o.reshape(yPred, t)];
  if (t.length === p.length + 1 && t[t.length - 1] === 1 && sameShape(p, t.slice(0, -1)))
    return [o.reshape(yTrue, p), yPred];
  return mismatch(metric, yTrue, yPred);
}

/** Mean over the last axis (per sample), then over the batch, as MeanMetricWrapper reports. */
function batchMean(o: Ops, values: Sym): Sym {
  return o.mean(values.shape.length > 1 ? o.mean(values, [-1]) : values);
}

/**
 * Index of the first maximum along the last axis, as a float (ops.argmax). The first maximum gets
 * the largest weight C − k among tied maxima, so ties resolve to the lowest index as argmax does.
 */
function argmaxLast(o: Ops, x: Sym): Sym {
  const c = x.shape[x.shape.length - 1];
  const isMax = o.equal(x, o.max(x, [-1], true));
  const weights = o.b.constant(
    fromArray(
      Array.from({ length: c }, (_, k) => c - k),
      [c],
    ),
  );
  return o.sub(c, o.max(o.mul(isMax, weights), [-1]));
}

const binaryAccuracy = (name: string): MetricDef => ({
  name,
  kerasName: 'binary_accuracy',
  build(o, yTrue, yPred) {
    const [t, p] = sameRank(o, name, yTrue, yPred);
    return batchMean(o, o.equal(t, o.greater(p, THRESHOLD)));
  },
});

const categoricalAccuracy = (name: string): MetricDef => ({
  name,
  kerasName: 'categorical_accuracy',
  build(o, yTrue, yPred) {
    if (!sameShape(yTrue.shape, yPred.shape)) mismatch(name, yTrue, yPred);
    return batchMean(o, o.equal(argmaxLast(o, yTrue), argmaxLast(o, yPred)));
  },
});

const sparseCategoricalAccuracy = (name: string): MetricDef => ({
  name,
  kerasName: 'sparse_categorical_accuracy',
  build(o, yTrue, yPred) {
    const want = yPred.shape.slice(0, -1);
    let ids = yTrue;
    const t = yTrue.shape;
    if (t.length === yPred.shape.length && t[t.length - 1] === 1 && sameShape(t.slice(0, -1), want))
      ids = o.reshape(yTrue, want);
    if (!sameShape(ids.shape, want)) mismatch(name, yTrue, yPred);
    // One match per sample (per position for sequences); Keras averages them all.
    return o.mean(o.equal(ids, argmaxLast(o, yPred)));
  },
});

const meanError = (name: string, kind: 'abs' | 'square'): MetricDef => ({
  name,
  kerasName: kind === 'abs' ? 'mean_absolute_error' : 'mean_squared_error',
  build(o, yTrue, yPred) {
    const [t, p] = sameRank(o, name, yTrue, yPred);
    const d = o.sub(t, p);
    return batchMean(o, kind === 'abs' ? o.abs(d) : o.square(d));
  },
});

/** Keras compile_utils.is_binary_or_sparse_categorical, on shapes with the batch axis. */
function accuracyKind(
  predShape: readonly number[],
  targetShape: readonly number[],
): 'binary' | 'sparse' | 'categorical' {
  const pLast = predShape[predShape.length - 1];
  const tLast = targetShape[targetShape.length - 1];
  if (pLast === 1) return 'binary';
  if (targetShape.length < predShape.length || (tLast === 1 && pLast > 1)) return 'sparse';
  return 'categorical';
}

/**
 * The metric `name` for one output, as Keras 3 resolves it. Keras 3 decides 'accuracy' from the
 * shapes alone, not the loss, so `_lossType` does not change the result. Shapes include the batch.
 */
export function resolveMetric(
  name: string,
  _lossType: LossType,
  predShape: readonly number[],
  targetShape: readonly number[],
): MetricDef {
  switch (name.toLowerCase()) {
    case 'accuracy':
    case 'acc': {
      const kind = accuracyKind(predShape, targetShape);
      if (kind === 'binary') return binaryAccuracy(name);
      if (kind === 'sparse') return sparseCategoricalAccuracy(name);
      return categoricalAccuracy(name);
    }
    case 'binary_accuracy':
      return binaryAccuracy(name);
    case 'categorical_accuracy':
      return categoricalAccuracy(name);
    case 'sparse_categorical_accuracy':
      return sparseCategoricalAccuracy(name);
    case 'mae':
    case 'mean_absolute_error':
      return meanError(name, 'abs');
    case 'mse':
    case 'mean_squared_error':
      return meanError(name, 'square');
    default:
      throw new LoomError(
        'train/config',
        `unknown metric '${name}'`,
        { param: 'metrics' },
        `Choose from: ${metricNames.join(', ')}.`,
      );
  }
}

/**
 * Keras's Mean tracker: total += value·weight and count += weight in float32 variables;
 * result = total / count (0 before any update). Weight batch values by the batch size.
 */
export class RunningMean {
  private total = 0;
  private count = 0;

  /** Adds one value with a weight (e.g. a batch mean weighted by its batch size). */
  add(value: number, weight = 1): void {
    const f = Math.fround;
    this.total = f(this.total + f(f(value) * f(weight)));
    this.count = f(this.count + f(weight));
  }

  /** The weighted mean so far; 0 when nothing was added (Keras divide_no_nan). */
  result(): number {
    return this.count === 0 ? 0 : Math.fround(this.total / this.count);
  }

  /** Total weight added so far. */
  get weight(): number {
    return this.count;
  }

  /** Starts a new epoch. */
  reset(): void {
    this.total = 0;
    this.count = 0;
  }
}
