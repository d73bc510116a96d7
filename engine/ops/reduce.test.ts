import { describe, it, expect } from 'vitest';
import { sum, mean, max } from './reduce.ts';
import type { OpDef } from './types.ts';
import type { ReduceAttrs } from './reduce.ts';
import { isLoomError } from '../errors.ts';
import { tensor, toNested, zeros, type Nested, type TensorData } from '../tensor.ts';
import { valueAndGrad } from '../autodiff/tape.ts';

function run(
  op: OpDef<ReduceAttrs>,
  x: TensorData,
  axes: number[] | null,
  keepDims = false,
): TensorData {
  const attrs = { axes, keepDims };
  const out = zeros(op.shape([x.shape], attrs));
  out.data.fill(-777); // executor buffers are reused: the kernel must overwrite everything
  op.cpu([x], attrs, out);
  return out;
}
const nested = (
  op: OpDef<ReduceAttrs>,
  x: TensorData,
  axes: number[] | null,
  keep = false,
): Nested => toNested(run(op, x, axes, keep));

// x[i][j][k] = 100i + 10j + k, shape [2, 3, 2]
const x3 = tensor([
  [
    [0, 1],
    [10, 11],
    [20, 21],
  ],
  [
    [100, 101],
    [110, 111],
    [120, 121],
  ],
]);

describe('sum', () => {
  it('reduces single axes, negative axes and all axes', () => {
    expect(nested(sum, x3, [0])).toEqual([
      [100, 102],
      [120, 122],
      [140, 142],
    ]);
    expect(nested(sum, x3, [-1])).toEqual([
      [1, 21, 41],
      [201, 221, 241],
    ]);
    expect(nested(sum, x3, [1])).toEqual([
      [30, 33],
      [330, 333],
    ]);
    expect(nested(sum, x3, null)).toBe(726);
    expect(nested(sum, x3, [0, 2])).toEqual([202, 242, 282]);
  });

  it('keeps reduced axes as size 1 with keepDims', () => {
    const y = run(sum, x3, [0, -1], true);
    expect(y.shape).toEqual([1, 3, 1]);
    expect(toNested(y)).toEqual([[[202], [242], [282]]]);
    expect(run(sum, x3, null, true).shape).toEqual([1, 1, 1]);
  });

  it('treats [] as no reduction and counts a repeated axis once', () => {
    expect(toNested(run(sum, x3, []))).toEqual(toNested(x3));
    expect(nested(sum, x3, [2, -1])).toEqual(nested(sum, x3, [2]));
  });

  it('gives 0 over an empty axis and handles scalars', () => {
    expect(nested(sum, zeros([2, 0]), [1])).toEqual([0, 0]);
    expect(nested(sum, tensor(5), null)).toBe(5);
  });
});

describe('mean', () => {
  it('divides by the number of reduced elements', () => {
    expect(nested(mean, x3, [1])).toEqual([
      [10, 11],
      [110, 111],
    ]);
    expect(nested(mean, x3, null)).toBe(60.5);
    expect(nested(mean, x3, [0, 1], true)).toEqual([[[60, 61]]]);
  });

  it('is NaN over an empty axis, as in TensorFlow', () => {
    const y = run(mean, zeros([3, 0]), [1]);
    expect(y.shape).toEqual([3]);
    expect(Array.from(y.data).every(Number.isNaN)).toBe(true);
  });
});

describe('max', () => {
  it('takes maxima over axes, with negative values', () => {
    const x = tensor([
      [-3, -1, -2],
      [-5, -7, -6],
    ]);
    expect(nested(max, x, [1])).toEqual([-1, -5]);
    expect(nested(max, x, [0])).toEqual([-3, -1, -2]);
    expect(nested(max, x, null, true)).toEqual([[-1]]);
    expect(nested(max, x3, [0, 1])).toEqual([120, 121]);
  });

  it('is −Infinity over an empty axis and propagates NaN', () => {
    expect(nested(max, zeros([2, 0]), [1])).toEqual([-Infinity, -Infinity]);
    const y = run(max, tensor([1, NaN, 3]), null);
    expect(Number.isNaN(y.data[0])).toBe(true);
    const z = run(
      max,
      tensor([
        [NaN, 1],
        [2, 3],
      ]),
      [0],
    );
    expect(Number.isNaN(z.data[0])).toBe(true);
    expect(z.data[1]).toBe(3);
  });
});

describe('reduction attribute errors', () => {
  const code = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return isLoomError(e) ? e.code : 'other';
    }
    return 'none';
  };

  it('rejects out-of-range and non-integer axes with op/attr', () => {
    expect(code(() => sum.shape([[2, 3]], { axes: [2], keepDims: false }))).toBe('op/attr');
    expect(code(() => mean.shape([[2, 3]], { axes: [-3], keepDims: false }))).toBe('op/attr');
    expect(code(() => max.shape([[2, 3]], { axes: [0.5], keepDims: false }))).toBe('op/attr');
    expect(code(() => sum.shape([[2, 3]], { axes: 1 as never, keepDims: false }))).toBe('op/attr');
    expect(() => sum.shape([[2, 3]], { axes: [2], keepDims: false })).toThrow(/axis 2.*-2 to 1/);
  });
});

describe('reduction gradients', () => {
  const x = tensor([
    [1, 3, 3, 3],
    [2, 0, 5, 1],
  ]);
  const grad = (f: Parameters<typeof valueAndGrad>[0], ...xs: TensorData[]): Nested =>
    toNested(valueAndGrad(f)(...xs).grads[0]);

  it('sum broadcasts dy back over the reduced axes', () => {
    // Σ_j w_i · Σ_k x_ik → dx_ik = w_i
    expect(grad((o, a, w) => o.mul(o.sum(a, [-1]), w), x, tensor([2, -1]))).toEqual([
      [2, 2, 2, 2],
      [-1, -1, -1, -1],
    ]);
    expect(grad((o, a) => o.sum(a, null, true), x)).toEqual([
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
  });

  it('mean divides dy by the count', () => {
    expect(grad((o, a, w) => o.mul(o.mean(a, [0], true), w), x, tensor([[4, 2, 6, 8]]))).toEqual([
      [2, 1, 3, 4],
      [2, 1, 3, 4],
    ]);
    expect(grad((o, a) => o.mean(a), x)).toEqual([
      [0.125, 0.125, 0.125, 0.125],
      [0.125, 0.125, 0.125, 0.125],
    ]);
  });

  it('max sends dy to the maxima, split equally among ties (TensorFlow)', () => {
    expect(grad((o, a, w) => o.mul(o.max(a, [1]), w), x, tensor([3, 2]))).toEqual([
      [0, 1, 1, 1],
      [0, 0, 2, 0],
    ]);
    expect(grad((o, a) => o.max(a, [-1], true), x)).toEqual([
      [0, 1 / 3, 1 / 3, 1 / 3].map(Math.fround),
      [0, 0, 1, 0],
    ]);
    expect(grad((o, a) => o.max(a), tensor([5, 1, 5]))).toEqual([0.5, 0, 0.5]);
    expect(grad((o, a) => o.max(a, [0]), x)).toEqual([
      [0, 1, 0, 1],
      [1, 0, 1, 0],
    ]);
  });
});
