// Every layer's build() run through the eager tape: forward values and gradients computed by hand.
import { describe, it, expect } from 'vitest';
import { Tape, valueAndGrad, type Tensor } from '../autodiff/tape.ts';
import { ops, type Ops } from '../ops/api.ts';
import type { Sym } from '../ops/types.ts';
import { tensor, toNested, type Nested, type TensorData } from '../tensor.ts';
import { Activation } from './activation.ts';
import { Add } from './add.ts';
import { Concatenate } from './concatenate.ts';
import { Dense, type DenseParams } from './dense.ts';
import { Dropout } from './dropout.ts';
import { Flatten } from './flatten.ts';
import { Input } from './input.ts';
import type { BuildContext } from './types.ts';

const ctxOf = (o: Ops, training = false, step = 3, nodeIndex = 1): BuildContext => ({
  training,
  stepSeed: o.constant(step),
  seed: 42,
  nodeIndex,
});

function expectClose(actual: TensorData, expected: Nested) {
  const want = tensor(expected);
  expect(actual.shape).toEqual(want.shape);
  want.data.forEach((v, i) => expect(actual.data[i]).toBeCloseTo(v, 5));
}

function dense(p: Partial<DenseParams>, x: Nested, kernel: Nested, bias?: Nested) {
  const params = Dense.params.parse(p);
  const f = (o: Ops, xs: Sym, k: Sym, b?: Sym) =>
    Dense.build(o, params, [xs], b ? { kernel: k, bias: b } : { kernel: k }, ctxOf(o));
  const args = [tensor(x), tensor(kernel), ...(bias ? [tensor(bias)] : [])];
  return valueAndGrad((o, ...ts) => f(o, ts[0], ts[1], ts[2]))(...args);
}

describe('Dense.build', () => {
  it('computes relu(x·K + b) and its gradients (sum of outputs)', () => {
    const { value, grads } = dense(
      { units: 2, activation: 'relu' },
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, -1],
        [0.5, 2],
      ],
      [-2.5, 0],
    );
    // pre-activation [[-0.5, 3], [2.5, 5]] → relu mask [[0, 1], [1, 1]]
    expectClose(value, [
      [0, 3],
      [2.5, 5],
    ]);
    const [dx, dk, db] = grads;
    expectClose(dx, [
      [-1, 2],
      [0, 2.5],
    ]);
    expectClose(dk, [
      [3, 4],
      [4, 6],
    ]);
    expectClose(db, [1, 2]);
  });

  it('works without a bias', () => {
    const { value } = dense({ units: 1, useBias: false }, [[1, 2]], [[3], [4]]);
    expectClose(value, [[11]]);
  });

  it('applies to the last axis of a rank-3 input', () => {
    const { value, grads } = dense(
      { units: 3 },
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
      [
        [1, 0, 1],
        [0, 1, 1],
      ],
      [0.1, 0.2, 0.3],
    );
    expectClose(value, [
      [
        [1.1, 2.2, 3.3],
        [3.1, 4.2, 7.3],
      ],
    ]);
    expectClose(grads[1], [
      [4, 4, 4],
      [6, 6, 6],
    ]);
    expectClose(grads[2], [2, 2, 2]);
  });

  it('applies softmax over units', () => {
    const { value } = dense(
      { units: 2, activation: 'softmax', useBias: false },
      [[1, Math.log(3)]],
      [
        [0, 0],
        [0, 1],
      ],
    );
    expectClose(value, [[0.25, 0.75]]);
  });
});

describe('merge layers', () => {
  it('Concatenate joins features; gradients split back per input', () => {
    const weights = tensor([[1, 2, 3]]);
    const { value, grads } = valueAndGrad((o, a, b) =>
      o.mul(Concatenate.build(o, { axis: -1 }, [a, b], {}, ctxOf(o)), o.b.constant(weights)),
    )(
      tensor([[1], [2]]),
      tensor([
        [3, 4],
        [5, 6],
      ]),
    );
    expectClose(value, [
      [1, 6, 12],
      [2, 10, 18],
    ]);
    expectClose(grads[0], [[1], [1]]);
    expectClose(grads[1], [
      [2, 3],
      [2, 3],
    ]);
  });

  it('Add sums all inputs; each gets the full gradient', () => {
    const { value, grads } = valueAndGrad((o, a, b, c) =>
      Add.build(o, {}, [a, b, c], {}, ctxOf(o)),
    )(tensor([[1, 2]]), tensor([[3, 4]]), tensor([[5, 6]]));
    expectClose(value, [[9, 12]]);
    for (const g of grads) expectClose(g, [[1, 1]]);
  });
});

describe('shape and activation layers', () => {
  it('Flatten reshapes row-major and passes rank 2 through', () => {
    const tape = new Tape();
    const o = ops(tape);
    const x = tape.watch(
      tensor([
        [
          [0, 1, 2],
          [3, 4, 5],
        ],
        [
          [6, 7, 8],
          [9, 10, 11],
        ],
      ]),
    );
    const y = Flatten.build(o, {}, [x], {}, ctxOf(o)) as Tensor;
    expect(toNested(y.value)).toEqual([
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
    ]);
    const flat = tape.watch(tensor([[1, 2]]));
    expect(Flatten.build(o, {}, [flat], {}, ctxOf(o))).toBe(flat);
  });

  it('Activation applies its function', () => {
    const { value, grads } = valueAndGrad((o, x) =>
      Activation.build(o, { activation: 'relu' }, [x], {}, ctxOf(o)),
    )(tensor([[-2, 3]]));
    expectClose(value, [[0, 3]]);
    expectClose(grads[0], [[0, 1]]);
  });

  it('Input returns the fed tensor', () => {
    const tape = new Tape();
    const o = ops(tape);
    const x = tape.watch(tensor([[1, 2]]));
    expect(Input.build(o, { shape: [2] }, [x], {}, ctxOf(o))).toBe(x);
  });
});

describe('Dropout.build', () => {
  const ones = tensor([new Array<number>(2000).fill(1)]);

  function drop(
    training: boolean,
    rate: number,
    step = 3,
    nodeIndex = 1,
    seed: number | null = null,
  ) {
    const tape = new Tape();
    const o = ops(tape);
    const x = tape.watch(ones);
    const y = Dropout.build(
      o,
      { rate, seed },
      [x],
      {},
      ctxOf(o, training, step, nodeIndex),
    ) as Tensor;
    return { x, y, tape };
  }

  it('is the identity outside training and at rate 0', () => {
    for (const [training, rate] of [
      [false, 0.5],
      [true, 0],
    ] as const) {
      const { x, y, tape } = drop(training, rate);
      expect(y).toBe(x);
      expect(tape.entries.filter((e) => e.op === 'dropout')).toHaveLength(0);
    }
  });

  it('drops about `rate` of the inputs and scales the rest by 1/(1−rate)', () => {
    const { y, tape } = drop(true, 0.25);
    const d = y.value.data;
    let zeros = 0;
    for (const v of d) {
      if (v === 0) zeros++;
      else expect(v).toBeCloseTo(1 / 0.75, 5);
    }
    expect(zeros / d.length).toBeGreaterThan(0.2);
    expect(zeros / d.length).toBeLessThan(0.3);
    const entry = tape.entries.find((e) => e.op === 'dropout')!;
    expect(entry.attrs).toMatchObject({ rate: 0.25 });
  });

  it('repeats a mask for the same step and node, and changes it across steps and nodes', () => {
    const mask = (step: number, node: number, seed: number | null = null) => [
      ...drop(true, 0.5, step, node, seed).y.value.data,
    ];
    expect(mask(3, 1)).toEqual(mask(3, 1));
    expect(mask(4, 1)).not.toEqual(mask(3, 1));
    expect(mask(3, 2)).not.toEqual(mask(3, 1));
    // An explicit seed makes the mask independent of the node's position.
    expect(mask(3, 1, 99)).toEqual(mask(3, 2, 99));
  });

  it('passes gradients through the kept elements only', () => {
    const { value, grads } = valueAndGrad((o, x) =>
      Dropout.build(o, { rate: 0.5, seed: 5 }, [x], {}, ctxOf(o, true)),
    )(ones);
    // d(sum y)/dx = mask/(1−rate), which equals y for x = 1
    expectClose(grads[0], toNested(value));
  });
});
