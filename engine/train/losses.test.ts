import { describe, expect, it } from 'vitest';
import { valueAndGrad } from '../autodiff/tape.ts';
import { isLoomError } from '../errors.ts';
import { ops } from '../ops/api.ts';
import { Tape } from '../autodiff/tape.ts';
import { tensor, type TensorData, type Nested } from '../tensor.ts';
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  getLoss,
  huber,
  lossRegistry,
  meanAbsoluteError,
  meanSquaredError,
  sparseCategoricalCrossentropy,
  type LossDef,
} from './losses.ts';

const { log, exp } = Math;

/** Loss value and d loss / d yPred through the eager tape. */
function evalLoss<P>(def: LossDef<P>, params: unknown, yTrue: Nested, yPred: Nested) {
  const p = def.params.parse(params);
  const r = valueAndGrad((o, t, y) => def.build(o, t, y, p))(tensor(yTrue), tensor(yPred));
  expect(r.value.shape).toEqual([]);
  return { value: r.value.data[0], grad: r.grads[1].data };
}

/** Central finite differences of the loss w.r.t. each element of yPred. */
function finiteDiff<P>(def: LossDef<P>, params: unknown, yTrue: Nested, yPred: Nested, h = 1e-2) {
  const p = def.params.parse(params);
  const base = tensor(yPred);
  const value = (x: TensorData): number => {
    const tape = new Tape();
    const y = def.build(ops(tape), tape.watch(tensor(yTrue)), tape.watch(x), p);
    return (y as unknown as { value: TensorData }).value.data[0];
  };
  return Array.from(base.data, (_, i) => {
    const plus = Float32Array.from(base.data);
    const minus = Float32Array.from(base.data);
    plus[i] += h;
    minus[i] -= h;
    return (
      (value({ shape: base.shape, data: plus }) - value({ shape: base.shape, data: minus })) /
      (2 * h)
    );
  });
}

function expectGradMatchesFd<P>(def: LossDef<P>, params: unknown, yTrue: Nested, yPred: Nested) {
  const { grad } = evalLoss(def, params, yTrue, yPred);
  const fd = finiteDiff(def, params, yTrue, yPred);
  fd.forEach((d, i) => expect(Math.abs(grad[i] - d)).toBeLessThan(2e-3 * Math.max(1, Math.abs(d))));
}

const close = (a: number, b: number, rel = 1e-6) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe('registry', () => {
  it('lists the six losses with Keras names', () => {
    expect([...lossRegistry.values()].map((l) => l.kerasName)).toEqual([
      'mean_squared_error',
      'mean_absolute_error',
      'huber',
      'binary_crossentropy',
      'categorical_crossentropy',
      'sparse_categorical_crossentropy',
    ]);
    expect(getLoss('huber')).toBe(huber);
  });

  it("throws LoomError 'train/config' for an unknown loss", () => {
    try {
      getLoss('hinge');
      expect.unreachable();
    } catch (e) {
      expect(isLoomError(e) && e.code).toBe('train/config');
    }
  });

  it('gives target shapes: same as the prediction, or class ids for sparse', () => {
    expect(meanSquaredError.targetShape([3])).toEqual([3]);
    expect(categoricalCrossentropy.targetShape([10])).toEqual([10]);
    expect(sparseCategoricalCrossentropy.targetShape([10])).toEqual([]);
    expect(sparseCategoricalCrossentropy.targetShape([5, 10])).toEqual([5]);
  });

  it('has Keras default params', () => {
    expect(huber.params.parse({})).toEqual({ delta: 1 });
    expect(binaryCrossentropy.params.parse({})).toEqual({ fromLogits: false });
    expect(huber.params.safeParse({ delta: 0 }).success).toBe(false);
    expect(categoricalCrossentropy.kerasArgs({ fromLogits: true })).toEqual({ from_logits: true });
  });
});

describe('regression losses', () => {
  const yTrue = [
    [0, 1],
    [2, 3],
  ];
  const yPred = [
    [1, 1],
    [0, 5],
  ];

  it('mean squared error: mean over last axis, then over the batch', () => {
    // Squared errors [[1, 0], [4, 4]] → per sample [0.5, 4] → 2.25.
    close(evalLoss(meanSquaredError, {}, yTrue, yPred).value, 2.25);
  });

  it('mean absolute error', () => {
    // |errors| [[1, 0], [2, 2]] → per sample [0.5, 2] → 1.25.
    close(evalLoss(meanAbsoluteError, {}, yTrue, yPred).value, 1.25);
  });

  it('huber with delta 1 and 2', () => {
    // |e| = 1 → ½; 0 → 0; 2 > 1 → 1·2 − ½ = 1.5 (twice): per sample [0.25, 1.5] → 0.875.
    close(evalLoss(huber, {}, yTrue, yPred).value, 0.875);
    // delta 2: |e| = 2 is still quadratic → ½·4 = 2: per sample [0.25, 2] → 1.125.
    close(evalLoss(huber, { delta: 2 }, yTrue, yPred).value, 1.125);
  });

  it('accepts [N] targets for [N, 1] predictions (Keras squeeze_or_expand_to_same_rank)', () => {
    // Errors 1 and 3 → (1 + 9) / 2.
    close(evalLoss(meanSquaredError, {}, [1, 2], [[2], [5]]).value, 5);
  });

  it('rejects targets of another shape', () => {
    expect(() => evalLoss(meanSquaredError, {}, [[1, 2, 3]], [[1, 2]])).toThrow(/targets of shape/);
  });

  it('gradients match finite differences', () => {
    const t = [
      [0.5, -1.2, 2],
      [1, 0.3, -0.7],
    ];
    const p = [
      [0.1, 0.4, 1.1],
      [-0.2, 0.9, 0.6],
    ];
    expectGradMatchesFd(meanSquaredError, {}, t, p);
    expectGradMatchesFd(meanAbsoluteError, {}, t, p);
    expectGradMatchesFd(huber, {}, t, p);
    expectGradMatchesFd(huber, { delta: 0.5 }, t, p);
  });

  it('mse gradient is 2(ŷ − y)/n', () => {
    // n = 4 values: d/dŷ = 2·[[1, 0], [−2, 2]]/4.
    const { grad } = evalLoss(meanSquaredError, {}, yTrue, yPred);
    [0.5, 0, -1, 1].forEach((g, i) => expect(grad[i]).toBeCloseTo(g, 7));
  });
});

describe('binary crossentropy', () => {
  const y = [
    [1, 0],
    [0, 1],
  ];

  it('from probabilities', () => {
    const p = [
      [0.8, 0.3],
      [0.4, 0.9],
    ];
    const expected = (-log(0.8) - log(0.7) - log(0.6) - log(0.9)) / 4;
    close(evalLoss(binaryCrossentropy, {}, y, p).value, expected);
  });

  it('clips probabilities to [1e-7, 1 − 1e-7] (float32) as Keras does', () => {
    // y = 1, p = 0 → −log(1e-7); y = 0, p = 1 → −log(1 − float32(1 − 1e-7)).
    const v = evalLoss(binaryCrossentropy, {}, [[1, 0]], [[0, 1]]).value;
    close(v, (-log(1e-7) - log(1 - Math.fround(1 - 1e-7))) / 2, 1e-5);
  });

  it('from logits equals softplus(−x) for y = 1 and softplus(x) for y = 0', () => {
    const x = [
      [2, -1],
      [0, 3],
    ];
    const softplus = (v: number) => log(1 + exp(v));
    // Elements (y, x): (1, 2), (0, −1), (0, 0), (1, 3).
    const expected = (softplus(-2) + softplus(-1) + softplus(0) + softplus(-3)) / 4;
    close(evalLoss(binaryCrossentropy, { fromLogits: true }, y, x).value, expected);
  });

  it('from logits is stable for large logits', () => {
    // y = 0 with x = 100: loss ≈ 100; y = 1 with x = 100: ≈ 0.
    close(
      evalLoss(binaryCrossentropy, { fromLogits: true }, [[0, 1]], [[100, 100]]).value,
      50,
      1e-6,
    );
  });

  it('the gradient at logit 0 is sigmoid(0) − y, as TensorFlow', () => {
    const { grad } = evalLoss(binaryCrossentropy, { fromLogits: true }, [[1, 0]], [[0, 0]]);
    expect(grad[0]).toBeCloseTo(-0.25, 6);
    expect(grad[1]).toBeCloseTo(0.25, 6);
  });

  it('uses the logits of a sigmoid output when given (TensorFlow backend)', () => {
    // p = sigmoid(20) rounds to 1 in float32, so the clipped formula caps the loss near 15.9;
    // from the logit the loss for y = 0 is softplus(20) ≈ 20.
    const t = new Tape();
    const o = ops(t);
    const logits = t.watch(tensor([[20]]));
    const loss = binaryCrossentropy.build(
      o,
      t.watch(tensor([[0]])),
      o.sigmoid(logits),
      { fromLogits: false },
      {
        activation: 'sigmoid',
        logits,
      },
    ) as unknown as { value: TensorData };
    close(loss.value.data[0], log(1 + exp(20)), 1e-6);
  });

  it('gradients match finite differences, both settings', () => {
    const t = [
      [1, 0, 1],
      [0, 0, 1],
    ];
    expectGradMatchesFd(binaryCrossentropy, {}, t, [
      [0.7, 0.2, 0.4],
      [0.6, 0.1, 0.85],
    ]);
    expectGradMatchesFd(binaryCrossentropy, { fromLogits: true }, t, [
      [1.5, -0.3, 0.2],
      [-2, 0.7, 3],
    ]);
  });
});

describe('categorical crossentropy', () => {
  it('from probabilities, renormalising each row first', () => {
    // Row 2 sums to 0.8, so its true-class probability is 0.6 / 0.8 = 0.75.
    const v = evalLoss(
      categoricalCrossentropy,
      {},
      [
        [0, 1, 0],
        [0, 0, 1],
      ],
      [
        [0.2, 0.5, 0.3],
        [0.1, 0.1, 0.6],
      ],
    ).value;
    close(v, (-log(0.5) - log(0.75)) / 2);
  });

  it('from logits via log-softmax', () => {
    const v = evalLoss(
      categoricalCrossentropy,
      { fromLogits: true },
      [
        [0, 0, 1],
        [1, 0, 0],
      ],
      [
        [1, 2, 3],
        [0, 0, 0],
      ],
    ).value;
    const row1 = -(3 - log(exp(1) + exp(2) + exp(3)));
    close(v, (row1 + log(3)) / 2);
  });

  it('rejects class-id targets', () => {
    expect(() =>
      evalLoss(
        categoricalCrossentropy,
        {},
        [1, 0],
        [
          [0.5, 0.5],
          [0.2, 0.8],
        ],
      ),
    ).toThrow(/one-hot targets/);
  });

  it('gradients match finite differences, both settings', () => {
    const t = [
      [0, 1, 0],
      [0.2, 0.3, 0.5],
    ];
    expectGradMatchesFd(categoricalCrossentropy, {}, t, [
      [0.2, 0.5, 0.3],
      [0.25, 0.25, 0.4],
    ]);
    expectGradMatchesFd(categoricalCrossentropy, { fromLogits: true }, t, [
      [0.5, -1, 2],
      [0, 1.5, -0.5],
    ]);
  });
});

describe('sparse categorical crossentropy', () => {
  const logits = [
    [1, 2, 3],
    [0, 0, 0],
  ];
  const expectedLogits = (-(3 - log(exp(1) + exp(2) + exp(3))) + log(3)) / 2;

  it('from logits, with [N] and [N, 1] class ids', () => {
    close(
      evalLoss(sparseCategoricalCrossentropy, { fromLogits: true }, [2, 0], logits).value,
      expectedLogits,
    );
    close(
      evalLoss(sparseCategoricalCrossentropy, { fromLogits: true }, [[2], [0]], logits).value,
      expectedLogits,
    );
  });

  it('from probabilities: clipped, then renormalised', () => {
    const p = [
      [0.2, 0.5, 0.3],
      [0.1, 0.1, 0.6],
    ];
    close(
      evalLoss(sparseCategoricalCrossentropy, {}, [1, 2], p).value,
      (-log(0.5) - log(0.6 / 0.8)) / 2,
    );
    // A zero probability for the true class is clipped to 1e-7 (the row then sums to 1 + 1e-7).
    const v = evalLoss(sparseCategoricalCrossentropy, {}, [0], [[0, 0.5, 0.5]]).value;
    close(v, -log(1e-7 / (1 + 1e-7)), 1e-5);
  });

  it('rejects targets that are not one id per sample', () => {
    expect(() => evalLoss(sparseCategoricalCrossentropy, {}, [[0, 1]], [[0.5, 0.5]])).toThrow(
      /class ids/,
    );
  });

  it('gradients match finite differences, both settings', () => {
    const p = [
      [0.2, 0.5, 0.3],
      [0.25, 0.35, 0.4],
    ];
    expectGradMatchesFd(sparseCategoricalCrossentropy, {}, [1, 2], p);
    expectGradMatchesFd(
      sparseCategoricalCrossentropy,
      { fromLogits: true },
      [0, 2],
      [
        [0.5, -1, 2],
        [0, 1.5, -0.5],
      ],
    );
  });
});
