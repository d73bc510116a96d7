import { describe, expect, it } from 'vitest';
import { runCpuOp, valueAndGrad } from '../autodiff/tape.ts';
import { tensor, toNested } from '../tensor.ts';

const run = (op: string, xs: number[]) => Array.from(runCpuOp(op, [tensor(xs)]).data);
const grad = (op: string, xs: number[]) =>
  Array.from(valueAndGrad((o, x) => o.b.op(op, [x]))(tensor(xs)).grads[0].data);

describe('unary kernels', () => {
  it('computes hand-checked values', () => {
    expect(run('neg', [1, -2, 0])).toEqual([-1, 2, -0]);
    expect(run('square', [-3, 0.5])).toEqual([9, 0.25]);
    expect(run('abs', [-3, 0, 2])).toEqual([3, 0, 2]);
    expect(run('sqrt', [4, 0, -1])).toEqual([2, 0, NaN]);
    expect(run('log', [1, 0, -1])).toEqual([0, -Infinity, NaN]);
    expect(run('exp', [0, -Infinity])).toEqual([1, 0]);
    expect(run('relu', [-1, 0, 2.5, NaN])).toEqual([0, 0, 2.5, NaN]);
    expect(run('sign', [-3, 0, -0, 5, NaN])).toEqual([-1, 0, 0, 1, NaN]);
    expect(Object.is(run('sign', [-0])[0], 0)).toBe(true);
    expect(run('sigmoid', [0])).toEqual([0.5]);
    expect(run('tanh', [0])).toEqual([0]);
  });

  it('keeps sigmoid and tanh finite and saturated for large |x|', () => {
    expect(run('sigmoid', [1000, -1000, 100])).toEqual([1, 0, 1]);
    // sigmoid(−100) = e^−100/(1+e^−100) ≈ 3.72e−44, a float32 subnormal, not 0 or NaN.
    const tiny = run('sigmoid', [-100])[0];
    expect(tiny).toBeGreaterThan(0);
    expect(tiny).toBe(Math.fround(Math.exp(-100)));
    expect(run('sigmoid', [-20])[0]).toBeCloseTo(2.0611536e-9, 15);
    expect(run('tanh', [1000, -1000])).toEqual([1, -1]);
  });

  it('differentiates with TensorFlow conventions at the kinks', () => {
    expect(grad('relu', [-1, 0, 2])).toEqual([0, 0, 1]);
    expect(grad('abs', [-2, 0, 3])).toEqual([-1, 0, 1]);
    expect(grad('sign', [-2, 0, 3])).toEqual([0, 0, 0]);
  });

  it('gives hand-computed derivatives', () => {
    expect(grad('neg', [5])).toEqual([-1]);
    expect(grad('square', [-3])).toEqual([-6]);
    expect(grad('sqrt', [4])).toEqual([0.25]);
    expect(grad('log', [2, -4])).toEqual([0.5, -0.25]);
    expect(grad('exp', [0])).toEqual([1]);
    expect(grad('sigmoid', [0])).toEqual([0.25]);
    expect(grad('tanh', [0])).toEqual([1]);
    // tanh'(1) = 1 − tanh²(1) = 0.41997434…
    expect(grad('tanh', [1])[0]).toBeCloseTo(0.41997434, 6);
    // sigmoid'(2) = s(1 − s) with s = 0.88079708 → 0.10499359
    expect(grad('sigmoid', [2])[0]).toBeCloseTo(0.10499359, 6);
  });

  it('keeps the input shape', () => {
    expect(runCpuOp('relu', [tensor([[[-1], [2]]])]).shape).toEqual([1, 2, 1]);
    expect(
      toNested(
        runCpuOp('square', [
          tensor([
            [1, 2],
            [3, 4],
          ]),
        ]),
      ),
    ).toEqual([
      [1, 4],
      [9, 16],
    ]);
  });
});
