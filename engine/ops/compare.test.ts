import { describe, expect, it } from 'vitest';
import { runCpuOp, valueAndGrad } from '../autodiff/tape.ts';
import { fromArray, tensor, toNested } from '../tensor.ts';

const x = tensor([1, 2, 3, NaN]);
const y = tensor([2, 2, 2, 2]);

describe('comparisons', () => {
  it('give 1/0, with 0 for any NaN', () => {
    expect(toNested(runCpuOp('greater', [x, y]))).toEqual([0, 0, 1, 0]);
    expect(toNested(runCpuOp('less', [x, y]))).toEqual([1, 0, 0, 0]);
    expect(toNested(runCpuOp('equal', [x, y]))).toEqual([0, 1, 0, 0]);
    expect(toNested(runCpuOp('equal', [tensor([NaN]), tensor([NaN])]))).toEqual([0]);
  });

  it('broadcast', () => {
    expect(toNested(runCpuOp('greater', [tensor([[1], [3]]), tensor([0, 2, 4])]))).toEqual([
      [1, 0, 0],
      [1, 1, 0],
    ]);
  });
});

describe('where', () => {
  it('picks a where cond ≠ 0 (NaN counts as true), b elsewhere, broadcasting all three', () => {
    const c = tensor([1, 0, -2, NaN]);
    expect(toNested(runCpuOp('where', [c, tensor([1, 2, 3, 4]), fromArray([9], [])]))).toEqual([
      1, 9, 3, 4,
    ]);
    const y2 = runCpuOp('where', [tensor([[1], [0]]), tensor([10, 20]), tensor([[-1], [-2]])]);
    expect(toNested(y2)).toEqual([
      [10, 20],
      [-2, -2],
    ]);
  });

  it('sends gradients to the chosen side only, reduced to each input shape', () => {
    const { grads } = valueAndGrad((o, c, a, b) => o.where(c, a, b))(
      tensor([
        [1, 0, 1],
        [0, 0, 1],
      ]),
      tensor([1, 2, 3]),
      fromArray([5], []),
    );
    expect(toNested(grads[0])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(toNested(grads[1])).toEqual([1, 0, 2]);
    expect(grads[2].shape).toEqual([]);
    expect(grads[2].data[0]).toBe(3);
  });
});
