import { describe, it, expect } from 'vitest';
import { reshape } from './reshape.ts';
import { isLoomError } from '../errors.ts';
import { fromArray, tensor, toNested, zeros, type Shape } from '../tensor.ts';
import { valueAndGrad } from '../autodiff/tape.ts';

function codeOf(x: Shape, shape: unknown): string {
  try {
    reshape.shape([x], { shape: shape as number[] });
  } catch (e) {
    return isLoomError(e) ? e.code : 'other';
  }
  return 'none';
}

describe('reshape', () => {
  it('keeps row-major order', () => {
    const x = fromArray([1, 2, 3, 4, 5, 6], [2, 3]);
    const out = zeros(reshape.shape([x.shape], { shape: [3, 2] }));
    reshape.cpu([x], { shape: [3, 2] }, out);
    expect(toNested(out)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it('infers one −1', () => {
    expect(reshape.shape([[2, 3, 4]], { shape: [-1, 4] })).toEqual([6, 4]);
    expect(reshape.shape([[2, 3, 4]], { shape: [2, -1, 3] })).toEqual([2, 4, 3]);
    expect(reshape.shape([[1]], { shape: [] })).toEqual([]);
    expect(reshape.shape([[0, 4]], { shape: [-1, 2] })).toEqual([0, 2]);
  });

  it('rejects wrong element counts, two −1s, bad dims and an uninferable −1', () => {
    expect(codeOf([2, 3], [4, 2])).toBe('op/shape');
    expect(codeOf([2, 3], [-1, 4])).toBe('op/shape');
    expect(codeOf([2, 3], [-1, -1])).toBe('op/attr');
    expect(codeOf([2, 3], [-2, -3])).toBe('op/attr');
    expect(codeOf([2, 3], [1.5, 4])).toBe('op/attr');
    expect(codeOf([2, 3], 'x')).toBe('op/attr');
    expect(codeOf([0, 3], [0, -1])).toBe('op/shape');
    expect(() => reshape.shape([[2, 3]], { shape: [4, 2] })).toThrow(/6 elements.*8 elements/);
  });
});

describe('reshape gradient', () => {
  it('reshapes dy back to the input shape', () => {
    const w = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const { grads } = valueAndGrad((o, x, ww) => o.mul(o.reshape(x, [-1, 2]), ww))(
      zeros([2, 3]),
      w,
    );
    expect(toNested(grads[0])).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
});
