import { describe, expect, it } from 'vitest';
import { runCpuOp, valueAndGrad } from '../autodiff/tape.ts';
import { LoomError } from '../errors.ts';
import { fromArray, tensor, toNested } from '../tensor.ts';

describe('broadcastTo', () => {
  it('repeats size-1 and missing axes', () => {
    expect(toNested(runCpuOp('broadcastTo', [tensor([[1], [2]])], { shape: [2, 3] }))).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    expect(toNested(runCpuOp('broadcastTo', [tensor([1, 2])], { shape: [2, 2] }))).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(toNested(runCpuOp('broadcastTo', [fromArray([7], [])], { shape: [3] }))).toEqual([
      7, 7, 7,
    ]);
  });

  it('sums the gradient back to the input shape', () => {
    const { grads } = valueAndGrad((o, v) => o.mul(o.broadcastTo(v, [2, 2, 3]), 2))(
      tensor([[1], [2]]),
    );
    expect(toNested(grads[0])).toEqual([[12], [12]]);
  });

  it('rejects shapes the input cannot broadcast to', () => {
    for (const shape of [[3], [2, 4], [1]])
      expect(() => runCpuOp('broadcastTo', [tensor([[1, 2]])], { shape })).toThrow(LoomError);
    try {
      runCpuOp('broadcastTo', [tensor([1, 2])], { shape: [3] });
    } catch (e) {
      expect((e as LoomError).code).toBe('op/shape');
      expect((e as LoomError).message).toContain('cannot broadcast [2] to [3]');
    }
    expect(() => runCpuOp('broadcastTo', [tensor([1])], { shape: [2.5] })).toThrow(/op|shape/);
  });
});
