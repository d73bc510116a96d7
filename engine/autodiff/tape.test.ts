import { describe, expect, it } from 'vitest';
import { valueAndGrad } from './tape.ts';
import { fromArray, tensor, toNested } from '../tensor.ts';

describe('valueAndGrad', () => {
  it('differentiates x·x at −1, 1 and 0 as 2x', () => {
    const { value, grads } = valueAndGrad((o, x) => o.mul(x, x))(tensor([-1, 1, 0]));
    expect(toNested(value)).toEqual([1, 1, 0]);
    expect(toNested(grads[0])).toEqual([-2, 2, 0]);
  });

  it('applies the chain rule: d/dx exp(3x) = 3·exp(3x)', () => {
    const { value, grads } = valueAndGrad((o, x) => o.exp(o.mul(x, 3)))(tensor([0, 0.5]));
    expect(value.data[0]).toBeCloseTo(1, 6);
    expect(value.data[1]).toBeCloseTo(Math.exp(1.5), 5);
    expect(grads[0].data[0]).toBeCloseTo(3, 6);
    expect(grads[0].data[1]).toBeCloseTo(3 * Math.exp(1.5), 5);
  });

  it('chains through two inputs: d/dx, d/dy of (x + y)·y at (2, 3)', () => {
    const { value, grads } = valueAndGrad((o, x, y) => o.mul(o.add(x, y), y))(
      fromArray([2], []),
      fromArray([3], []),
    );
    expect(value.data[0]).toBe(15);
    expect(grads[0].data[0]).toBe(3); // ∂/∂x = y
    expect(grads[1].data[0]).toBe(8); // ∂/∂y = x + 2y
  });

  it('accumulates the gradient of a value used twice', () => {
    // f = x·x + x uses x three times: f' = 2x + 1.
    const { grads } = valueAndGrad((o, x) => o.add(o.mul(x, x), x))(tensor([1.5, -2]));
    expect(toNested(grads[0])).toEqual([4, -3]);
    // An intermediate used twice: u = 2x, f = u·u = 4x², f' = 8x.
    const g2 = valueAndGrad((o, x) => {
      const u = o.mul(x, 2);
      return o.mul(u, u);
    })(tensor([0.5, -1]));
    expect(toNested(g2.grads[0])).toEqual([4, -8]);
  });

  it('gives a zero gradient, with the input shape, to an unused input', () => {
    const { grads } = valueAndGrad((o, x) => o.square(x))(tensor([1, 2]), tensor([[5, 6, 7]]));
    expect(toNested(grads[0])).toEqual([2, 4]);
    expect(grads[1].shape).toEqual([1, 3]);
    expect(toNested(grads[1])).toEqual([[0, 0, 0]]);
  });

  it('sums the gradient of a non-scalar result (dy = ones)', () => {
    // sum over the broadcast [2, 3] result: each b element is used twice.
    const { grads } = valueAndGrad((o, a, b) => o.mul(a, b))(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      tensor([10, 20, 30]),
    );
    expect(toNested(grads[0])).toEqual([
      [10, 20, 30],
      [10, 20, 30],
    ]);
    expect(toNested(grads[1])).toEqual([5, 7, 9]);
  });
});
