import { describe, expect, it } from 'vitest';
import { Tape, type Tensor } from '../autodiff/tape.ts';
import { isLoomError } from '../errors.ts';
import { ops } from '../ops/api.ts';
import { tensor, type Nested } from '../tensor.ts';
import { RunningMean, resolveMetric } from './metrics.ts';

/** Resolves `name` for these targets/predictions (shapes with batch) and evaluates it. */
function metric(name: string, yTrue: Nested, yPred: Nested) {
  const t = new Tape();
  const yt = t.watch(tensor(yTrue));
  const yp = t.watch(tensor(yPred));
  const def = resolveMetric(name, 'meanSquaredError', yp.shape, yt.shape);
  const out = def.build(ops(t), yt, yp) as Tensor;
  expect(out.shape).toEqual([]);
  return { kerasName: def.kerasName, name: def.name, value: out.value.data[0] };
}

describe('accuracy resolution (Keras 3 compile_utils)', () => {
  const resolve = (p: number[], t: number[]) =>
    resolveMetric('accuracy', 'meanSquaredError', p, t).kerasName;

  it('picks binary / sparse / categorical from the shapes', () => {
    expect(resolve([8, 1], [8, 1])).toBe('binary_accuracy');
    expect(resolve([8, 3], [8])).toBe('sparse_categorical_accuracy');
    expect(resolve([8, 3], [8, 1])).toBe('sparse_categorical_accuracy');
    expect(resolve([8, 3], [8, 3])).toBe('categorical_accuracy');
  });

  it("keeps the user's name ('acc') for the logs", () => {
    expect(resolveMetric('acc', 'binaryCrossentropy', [4, 1], [4, 1]).name).toBe('acc');
  });

  it("throws LoomError 'train/config' for an unknown metric", () => {
    try {
      resolveMetric('auc', 'binaryCrossentropy', [4, 1], [4, 1]);
      expect.unreachable();
    } catch (e) {
      expect(isLoomError(e) && e.code).toBe('train/config');
    }
  });
});

describe('accuracy values', () => {
  it('binary: prediction > 0.5 equals the label', () => {
    // Keras docstring example: 3 of 4 match (0.6 > 0.5 predicts 1 for a 0 label).
    const r = metric('accuracy', [[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]]);
    expect(r.kerasName).toBe('binary_accuracy');
    expect(r.value).toBeCloseTo(0.75, 7);
    // Exactly 0.5 is not above the threshold.
    expect(metric('binary_accuracy', [[0], [1]], [[0.5], [0.5]]).value).toBeCloseTo(0.5, 7);
  });

  it('categorical: argmax of prediction equals argmax of the one-hot target', () => {
    const r = metric(
      'accuracy',
      [
        [0, 0, 1],
        [0, 1, 0],
      ],
      [
        [0.1, 0.9, 0.8],
        [0.05, 0.95, 0],
      ],
    );
    expect(r.kerasName).toBe('categorical_accuracy');
    expect(r.value).toBeCloseTo(0.5, 7);
  });

  it('sparse: argmax equals the class id, for [N] and [N, 1] ids', () => {
    const p = [
      [0.1, 0.6, 0.3],
      [0.05, 0.95, 0],
      [0.7, 0.2, 0.1],
    ];
    expect(metric('accuracy', [2, 1, 0], p).value).toBeCloseTo(2 / 3, 6);
    expect(metric('accuracy', [[2], [1], [0]], p).value).toBeCloseTo(2 / 3, 6);
  });

  it('ties resolve to the first index, as argmax', () => {
    expect(metric('sparse_categorical_accuracy', [0], [[0.4, 0.4, 0.2]]).value).toBe(1);
    expect(metric('sparse_categorical_accuracy', [1], [[0.4, 0.4, 0.2]]).value).toBe(0);
  });
});

describe('mae / mse', () => {
  it('give the batch mean of the Keras per-sample errors', () => {
    const t = [
      [0, 1],
      [2, 3],
    ];
    const p = [
      [1, 1],
      [0, 5],
    ];
    expect(metric('mae', t, p).value).toBeCloseTo(1.25, 6);
    expect(metric('mse', t, p).value).toBeCloseTo(2.25, 6);
    expect(metric('mean_squared_error', t, p).kerasName).toBe('mean_squared_error');
  });
});

describe('RunningMean', () => {
  it('weights each batch by its size, as Keras Mean trackers', () => {
    const m = new RunningMean();
    expect(m.result()).toBe(0);
    m.add(1, 32);
    m.add(4, 8);
    // (1·32 + 4·8) / 40 = 1.6.
    expect(m.result()).toBeCloseTo(1.6, 6);
    expect(m.weight).toBe(40);
    m.reset();
    expect(m.result()).toBe(0);
  });
});
