import { describe, expect, it } from 'vitest';
import { runCpuOp, valueAndGrad } from '../autodiff/tape.ts';
import { fromArray, tensor, toNested } from '../tensor.ts';

describe('binary ops', () => {
  it('computes hand-checked broadcast results', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensor([10, 20, 30]);
    expect(toNested(runCpuOp('add', [a, b]))).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(toNested(runCpuOp('sub', [b, a]))).toEqual([
      [9, 18, 27],
      [6, 15, 24],
    ]);
    expect(toNested(runCpuOp('mul', [a, tensor([[2], [-1]])]))).toEqual([
      [2, 4, 6],
      [-4, -5, -6],
    ]);
    expect(toNested(runCpuOp('div', [tensor([1, -1, 0]), fromArray([0], [])]))).toEqual([
      Infinity,
      -Infinity,
      NaN,
    ]);
  });

  it('rounds to float32', () => {
    expect(runCpuOp('add', [tensor([1]), tensor([1e-8])]).data[0]).toBe(1);
    expect(runCpuOp('div', [tensor([1]), tensor([3])]).data[0]).toBe(Math.fround(1 / 3));
  });

  it('differentiates a/b at (3, 2) as 1/b and −a/b²', () => {
    const { grads } = valueAndGrad((o, a, b) => o.div(a, b))(tensor([3]), tensor([2]));
    expect(grads[0].data[0]).toBe(0.5);
    expect(grads[1].data[0]).toBe(-0.75);
  });

  it('reduces gradients over broadcast axes', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const s = fromArray([2], []);
    const add = valueAndGrad((o, x, y) => o.add(x, y))(a, s);
    expect(add.grads[1].shape).toEqual([]);
    expect(add.grads[1].data[0]).toBe(6);
    const sub = valueAndGrad((o, x, y) => o.sub(x, y))(a, tensor([[1], [1]]));
    expect(toNested(sub.grads[1])).toEqual([[-3], [-3]]);
    const mul = valueAndGrad((o, x, y) => o.mul(x, y))(a, tensor([10, 20, 30]));
    expect(toNested(mul.grads[0])).toEqual([
      [10, 20, 30],
      [10, 20, 30],
    ]);
    expect(toNested(mul.grads[1])).toEqual([5, 7, 9]);
    // d/ds Σ a/s = −Σa/s² = −21/4
    const div = valueAndGrad((o, x, y) => o.div(x, y))(a, s);
    expect(div.grads[1].data[0]).toBe(-5.25);
  });
});
