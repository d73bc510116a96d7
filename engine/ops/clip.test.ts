import { describe, expect, it } from 'vitest';
import { runCpuOp, valueAndGrad } from '../autodiff/tape.ts';
import { LoomError } from '../errors.ts';
import { tensor, toNested } from '../tensor.ts';

describe('clip', () => {
  const x = tensor([-3, -1, 0.25, 1, 2, NaN]);

  it('limits values to [min, max] and keeps NaN', () => {
    expect(toNested(runCpuOp('clip', [x], { min: -1, max: 1 }))).toEqual([-1, -1, 0.25, 1, 1, NaN]);
    expect(toNested(runCpuOp('clip', [x], { min: 0.5, max: 0.5 }))).toEqual([
      0.5,
      0.5,
      0.5,
      0.5,
      0.5,
      NaN,
    ]);
  });

  it('passes dy where min ≤ x ≤ max, boundaries included (as TensorFlow)', () => {
    const { grads } = valueAndGrad((o, v) => o.clip(v, -1, 1))(tensor([-3, -1, 0.25, 1, 2]));
    expect(toNested(grads[0])).toEqual([0, 1, 1, 1, 0]);
  });

  it('rejects min > max and non-numeric bounds', () => {
    expect(() => runCpuOp('clip', [x], { min: 2, max: 1 })).toThrow(LoomError);
    try {
      runCpuOp('clip', [x], { min: 0, max: 'a' });
    } catch (e) {
      expect((e as LoomError).code).toBe('op/attr');
      expect((e as LoomError).where.param).toBe('max');
    }
    expect.assertions(3);
  });
});
