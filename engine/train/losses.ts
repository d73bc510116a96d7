// Losses as graph builders on the op vocabulary, so autodiff differentiates them. Each follows
// Keras 3 (keras/src/losses/losses.py with the TensorFlow backend's nn.py crossentropies): a
// per-sample loss averaged over the last axis where Keras does, then the 'sum_over_batch_size'
// reduction, i.e. the mean over every per-sample value. Probabilities are clipped to
// [1e-7, 1 − 1e-7] (Keras backend.epsilon()) before any log.
import { z } from 'zod';
import type { Ops } from '../ops/api.ts';
import type { Sym } from '../ops/types.ts';
import { LoomError } from '../errors.ts';
import { sameShape, showShape } from '../tensor.ts';

/** Keras backend.epsilon(). */
export const EPSILON = 1e-7;

/** The loss types a project can choose. */
export type LossType =
  | 'meanSquaredError'
  | 'meanAbsoluteError'
  | 'huber'
  | 'binaryCrossentropy'
  | 'categoricalCrossentropy'
  | 'sparseCategoricalCrossentropy';

/**
 * The pre-activation of a sigmoid/softmax output, when the compiler knows it. TensorFlow's Keras
 * backend then computes the crossentropy from these logits (nn.py `_get_logits`) instead of the
 * clipped probabilities, which differs once probabilities saturate past 1e-7.
 */
export interface OutputLogits {
  activation: 'sigmoid' | 'softmax';
  logits: Sym;
}

/** One loss. `P` is its params object (all defaults filled in). */
export interface LossDef<P> {
  type: LossType;
  label: string;
  /** Keras function name, e.g. 'mean_squared_error'. */
  kerasName: string;
  /** Keras class name, e.g. 'MeanSquaredError'. */
  kerasClass: string;
  /** Params with defaults: fromLogits (crossentropies), delta (huber); fields carry .meta({ label, help }). */
  params: z.ZodType<P>;
  /** Target shape (batch excluded) expected for a prediction shape; sparse → [] (integer class ids) */
  targetShape(pred: readonly number[]): number[];
  /** Scalar loss: Keras 'sum_over_batch_size' reduction of the per-sample loss. */
  build(o: Ops, yTrue: Sym, yPred: Sym, p: P, outputLogits?: OutputLogits): Sym;
  /** Keyword arguments of the Keras class for these params (snake_case), for export. */
  kerasArgs(p: P): Record<string, unknown>;
}

function defineLoss<P>(def: LossDef<P>): LossDef<P> {
  return def;
}

const fromLogitsField = z.boolean().default(false).meta({
  label: 'From logits',
  help: 'Whether predictions are raw scores (no sigmoid/softmax) rather than probabilities.',
});
const crossentropyParams = z.object({ fromLogits: fromLogitsField });
const noParams = z.object({});

/** Crossentropy params, defaults filled in. */
export type CrossentropyParams = z.infer<typeof crossentropyParams>;

const huberParams = z.object({
  delta: z.number().positive({ error: 'delta must be greater than 0' }).default(1).meta({
    label: 'Delta',
    help: 'Error size where the loss switches from quadratic to linear.',
  }),
});

/** Huber params, defaults filled in. */
export type HuberParams = z.infer<typeof huberParams>;

function shapeError(loss: string, yTrue: Sym, yPred: Sym, expected: string): never {
  throw new LoomError(
    'graph/shape',
    `${loss}: targets of shape ${showShape(yTrue.shape)} do not fit predictions of shape ${showShape(yPred.shape)}; expected ${expected}`,
    { port: 'target' },
    'Bind target data with one value per model output, or choose a loss that fits the targets.',
  );
}

/**
 * Targets brought to the prediction's shape as Keras's squeeze_or_expand_to_same_rank does
 * (a trailing axis of 1 on either side); throws when they still differ.
 */
function alignTargets(o: Ops, loss: string, yTrue: Sym, yPred: Sym): Sym {
  if (sameShape(yTrue.shape, yPred.shape)) return yTrue;
  const t = yTrue.shape;
  const p = yPred.shape;
  const squeezedPred =
    p.length === t.length + 1 && p[p.length - 1] === 1 && sameShape(t, p.slice(0, -1));
  const squeezedTrue =
    t.length === p.length + 1 && t[t.length - 1] === 1 && sameShape(p, t.slice(0, -1));
  if (squeezedPred || squeezedTrue) return o.reshape(yTrue, p);
  return shapeError(loss, yTrue, yPred, showShape(p));
}

/** The 'sum_over_batch_size' reduction of a per-sample (per-position) loss: its mean. */
function overBatch(o: Ops, perSample: Sym): Sym {
  return o.mean(perSample);
}

/** Class ids of shape pred.shape[:-1]: an [N, 1] target is squeezed as Keras does. */
function classIds(o: Ops, loss: string, yTrue: Sym, yPred: Sym): Sym {
  const want = yPred.shape.slice(0, -1);
  if (sameShape(yTrue.shape, want)) return yTrue;
  const t = yTrue.shape;
  if (t.length === yPred.shape.length && t[t.length - 1] === 1 && sameShape(t.slice(0, -1), want))
    return o.reshape(yTrue, want);
  return shapeError(loss, yTrue, yPred, `class ids of shape ${showShape(want)}`);
}

function requireClasses(loss: string, yPred: Sym): void {
  if (yPred.shape.length < 2)
    throw new LoomError(
      'graph/shape',
      `${loss} needs predictions with a class axis, got shape ${showShape(yPred.shape)}`,
      { port: 'in' },
      'End the model with a Dense layer with one unit per class.',
    );
}

/** Mean squared error: mean((y − ŷ)², axis −1). */
export const meanSquaredError = defineLoss({
  type: 'meanSquaredError',
  label: 'Mean squared error',
  kerasName: 'mean_squared_error',
  kerasClass: 'MeanSquaredError',
  params: noParams,
  targetShape: (pred) => [...pred],
  build(o, yTrue, yPred) {
    const t = alignTargets(o, 'mean squared error', yTrue, yPred);
    return overBatch(o, o.mean(o.square(o.sub(t, yPred)), [-1]));
  },
  kerasArgs: () => ({}),
});

/** Mean absolute error: mean(|y − ŷ|, axis −1). */
export const meanAbsoluteError = defineLoss({
  type: 'meanAbsoluteError',
  label: 'Mean absolute error',
  kerasName: 'mean_absolute_error',
  kerasClass: 'MeanAbsoluteError',
  params: noParams,
  targetShape: (pred) => [...pred],
  build(o, yTrue, yPred) {
    const t = alignTargets(o, 'mean absolute error', yTrue, yPred);
    return overBatch(o, o.mean(o.abs(o.sub(t, yPred)), [-1]));
  },
  kerasArgs: () => ({}),
});

/** Huber: ½e² where |e| ≤ δ, else δ|e| − ½δ², averaged over axis −1 (e = ŷ − y). */
export const huber = defineLoss<HuberParams>({
  type: 'huber',
  label: 'Huber',
  kerasName: 'huber',
  kerasClass: 'Huber',
  params: huberParams,
  targetShape: (pred) => [...pred],
  build(o, yTrue, yPred, p) {
    const t = alignTargets(o, 'Huber loss', yTrue, yPred);
    const err = o.sub(yPred, t);
    const absErr = o.abs(err);
    const quadratic = o.mul(0.5, o.square(err));
    const linear = o.sub(o.mul(p.delta, absErr), 0.5 * p.delta * p.delta);
    // Keras picks the quadratic branch where |e| ≤ δ, i.e. the linear one where |e| > δ.
    return overBatch(o, o.mean(o.where(o.greater(absErr, p.delta), linear, quadratic), [-1]));
  },
  kerasArgs: (p) => ({ delta: p.delta }),
});

/** tf.nn.sigmoid_cross_entropy_with_logits: max(x, 0) − x·z + log(1 + exp(−|x|)), with TF's branch choice at x = 0. */
function sigmoidCrossentropyWithLogits(o: Ops, z: Sym, x: Sym): Sym {
  const negative = o.less(x, 0);
  const reluX = o.where(negative, 0, x);
  const negAbsX = o.where(negative, x, o.neg(x));
  return o.add(o.sub(reluX, o.mul(x, z)), o.log(o.add(1, o.exp(negAbsX))));
}

/** Binary crossentropy per element, averaged over axis −1. */
export const binaryCrossentropy = defineLoss<CrossentropyParams>({
  type: 'binaryCrossentropy',
  label: 'Binary crossentropy',
  kerasName: 'binary_crossentropy',
  kerasClass: 'BinaryCrossentropy',
  params: crossentropyParams,
  targetShape: (pred) => [...pred],
  build(o, yTrue, yPred, p, outputLogits) {
    const t = alignTargets(o, 'binary crossentropy', yTrue, yPred);
    let perElement: Sym;
    if (outputLogits?.activation === 'sigmoid') {
      perElement = sigmoidCrossentropyWithLogits(o, t, outputLogits.logits);
    } else if (p.fromLogits) {
      perElement = sigmoidCrossentropyWithLogits(o, t, yPred);
    } else {
      const q = o.clip(yPred, EPSILON, 1 - EPSILON);
      const bce = o.add(o.mul(t, o.log(q)), o.mul(o.sub(1, t), o.log(o.sub(1, q))));
      perElement = o.neg(bce);
    }
    return overBatch(o, o.mean(perElement, [-1]));
  },
  kerasArgs: (p) => ({ from_logits: p.fromLogits }),
});

/** Categorical crossentropy with one-hot (or soft) targets over the last axis. */
export const categoricalCrossentropy = defineLoss<CrossentropyParams>({
  type: 'categoricalCrossentropy',
  label: 'Categorical crossentropy',
  kerasName: 'categorical_crossentropy',
  kerasClass: 'CategoricalCrossentropy',
  params: crossentropyParams,
  targetShape: (pred) => [...pred],
  build(o, yTrue, yPred, p, outputLogits) {
    requireClasses('categorical crossentropy', yPred);
    if (!sameShape(yTrue.shape, yPred.shape))
      shapeError(
        'categorical crossentropy',
        yTrue,
        yPred,
        `one-hot targets of shape ${showShape(yPred.shape)}`,
      );
    const logits =
      outputLogits?.activation === 'softmax' ? outputLogits.logits : p.fromLogits ? yPred : null;
    let logProb: Sym;
    if (logits) {
      logProb = o.logSoftmax(logits, -1);
    } else {
      // Keras renormalises the probabilities to sum to 1 first, then clips.
      const q = o.div(yPred, o.sum(yPred, [-1], true));
      logProb = o.log(o.clip(q, EPSILON, 1 - EPSILON));
    }
    return overBatch(o, o.neg(o.sum(o.mul(yTrue, logProb), [-1])));
  },
  kerasArgs: (p) => ({ from_logits: p.fromLogits }),
});

/** Categorical crossentropy with integer class-id targets. */
export const sparseCategoricalCrossentropy = defineLoss<CrossentropyParams>({
  type: 'sparseCategoricalCrossentropy',
  label: 'Sparse categorical crossentropy',
  kerasName: 'sparse_categorical_crossentropy',
  kerasClass: 'SparseCategoricalCrossentropy',
  params: crossentropyParams,
  targetShape: (pred) => pred.slice(0, -1),
  build(o, yTrue, yPred, p, outputLogits) {
    requireClasses('sparse categorical crossentropy', yPred);
    const ids = classIds(o, 'sparse categorical crossentropy', yTrue, yPred);
    const classes = yPred.shape[yPred.shape.length - 1];
    // Keras's TF backend feeds log(clip(p)) to sparse_softmax_cross_entropy_with_logits, so clipped
    // probabilities are renormalised by the softmax (clip first, then normalise).
    const logits =
      outputLogits?.activation === 'softmax'
        ? outputLogits.logits
        : p.fromLogits
          ? yPred
          : o.log(o.clip(yPred, EPSILON, 1 - EPSILON));
    const picked = o.sum(o.mul(o.oneHot(ids, classes), o.logSoftmax(logits, -1)), [-1]);
    return overBatch(o, o.neg(picked));
  },
  kerasArgs: (p) => ({ from_logits: p.fromLogits }),
});

const all = [
  meanSquaredError,
  meanAbsoluteError,
  huber,
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
] as unknown as LossDef<unknown>[];

/** Every loss by type, in menu order. */
export const lossRegistry: ReadonlyMap<LossType, LossDef<unknown>> = new Map(
  all.map((l) => [l.type, l]),
);

/** Looks up a loss; throws LoomError('train/config') for an unknown type. */
export function getLoss(type: string): LossDef<unknown> {
  const def = lossRegistry.get(type as LossType);
  if (!def)
    throw new LoomError(
      'train/config',
      `unknown loss '${type}'`,
      { param: 'loss' },
      `Choose one of: ${[...lossRegistry.keys()].join(', ')}.`,
    );
  return def;
}
