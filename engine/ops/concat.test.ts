import { describe, it, expect } from 'vitest';
import { concat } from './concat.ts';
import { isLoomError } from '../errors.ts';
import { tensor, toNested, zeros, type Nested, type Shape, type TensorData } from '../tensor.ts';
import { valueAndGrad } from '../autodiff/tape.ts';

function run(xs: TensorData[], axis?: number): Nested {
  const attrs = axis === undefined ? {} : { axis };
  const out = zeros(
    concat.shape(
      xs.map((x) => x.shape),
      attrs,
    ),
  );
  out.data.fill(-777);
  concat.cpu(xs, attrs, out);
  return toNested(out);
}

function codeOf(shapes: Shape[], axis: number): string {
  try {
    concat.shape(shapes, { axis });
  } catch (e) {
    return isLoomError(e) ? e.code : 'other';
  }
  return 'none';
}

describe('concat', () => {
  const a = tensor([
    [1, 2],
    [3, 4],
  ]);
  const b = tensor([[5], [6]]);
  const c = tensor([
    [7, 8, 9],
    [10, 11, 12],
  ]);

  it('joins on the last axis by default and on negative axes', () => {
    const want = [
      [1, 2, 5, 7, 8, 9],
      [3, 4, 6, 10, 11, 12],
    ];
    expect(run([a, b, c])).toEqual(want);
    expect(run([a, b, c], -1)).toEqual(want);
  });

  it('joins on axis 0', () => {
    expect(run([a, tensor([[9, 9]])], 0)).toEqual([
      [1, 2],
      [3, 4],
      [9, 9],
    ]);
  });

  it('joins 3 inputs on a middle axis', () => {
    const x = tensor([[[1], [2]]]); // [1, 2, 1]
    const y = tensor([[[3]]]); // [1, 1, 1]
    const z = tensor([[[4], [5], [6]]]); // [1, 3, 1]
    expect(run([x, y, z], 1)).toEqual([[[1], [2], [3], [4], [5], [6]]]);
  });

  it('accepts a single input and empty pieces', () => {
    expect(run([a], 0)).toEqual(toNested(a));
    expect(run([a, zeros([2, 0])], 1)).toEqual(toNested(a));
  });

  it('rejects mismatched ranks, mismatched other axes, bad axes and no inputs', () => {
    expect(codeOf([[2, 3], [2]], 0)).toBe('op/shape');
    expect(
      codeOf(
        [
          [2, 3],
          [3, 3],
        ],
        1,
      ),
    ).toBe('op/shape');
    expect(
      codeOf(
        [
          [2, 3],
          [2, 3],
        ],
        2,
      ),
    ).toBe('op/attr');
    expect(codeOf([[]], 0)).toBe('op/attr');
    expect(codeOf([], 0)).toBe('op/shape');
    expect(() =>
      concat.shape(
        [
          [2, 3],
          [2, 4],
          [5, 1],
        ],
        { axis: 1 },
      ),
    ).toThrow(/input 2 has shape \[5, 1\]/);
  });
});

describe('concat gradient', () => {
  it('slices dy back into the pieces, on a middle axis', () => {
    const w = tensor([
      [
        [1, 2],
        [3, 4],
        [5, 6],
        [7, 8],
      ],
    ]); // [1, 4, 2]
    const { grads } = valueAndGrad((o, x, y, z, ww) => o.mul(o.concat([x, y, z], 1), ww))(
      zeros([1, 1, 2]),
      zeros([1, 2, 2]),
      zeros([1, 1, 2]),
      w,
    );
    expect(grads.slice(0, 3).map(toNested)).toEqual([
      [[[1, 2]]],
      [
        [
          [3, 4],
          [5, 6],
        ],
      ],
      [[[7, 8]]],
    ]);
  });
});
