import { describe, expect, it } from 'vitest';
import { broadcastShapes, unbroadcast } from './broadcast.ts';
import { Tape, runCpuOp, type Tensor } from '../autodiff/tape.ts';
import { LoomError } from '../errors.ts';
import { fromArray, tensor, toNested } from '../tensor.ts';

describe('broadcastShapes', () => {
  it('aligns from the right, stretching size-1 and missing axes', () => {
    expect(broadcastShapes([3, 1], [1, 4])).toEqual([3, 4]);
    expect(broadcastShapes([2, 3], [3])).toEqual([2, 3]);
    expect(broadcastShapes([], [2, 2])).toEqual([2, 2]);
    expect(broadcastShapes([], [])).toEqual([]);
    expect(broadcastShapes([0, 3], [1, 3])).toEqual([0, 3]);
    expect(broadcastShapes([2, 1, 3], [4, 1], [1])).toEqual([2, 4, 3]);
  });

  it('throws op/shape naming both shapes', () => {
    let err: unknown;
    try {
      broadcastShapes([2, 3], [4]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoomError);
    const le = err as LoomError;
    expect(le.code).toBe('op/shape');
    expect(le.message).toContain('[2, 3]');
    expect(le.message).toContain('[4]');
    expect(le.fix).not.toBe('');
    expect(() => runCpuOp('add', [tensor([1, 2]), tensor([1, 2, 3])])).toThrow(/add: shapes/);
  });
});

describe('broadcast kernels', () => {
  it('adds a column to a row', () => {
    const y = runCpuOp('add', [tensor([[1], [2], [3]]), tensor([10, 20, 30, 40])]);
    expect(toNested(y)).toEqual([
      [11, 21, 31, 41],
      [12, 22, 32, 42],
      [13, 23, 33, 43],
    ]);
  });

  it('walks a middle broadcast axis in rank 3', () => {
    // a [2, 1, 2] against b [3, 1]: out[i][j][k] = a[i][0][k] − b[j][0].
    const y = runCpuOp('sub', [tensor([[[1, 2]], [[3, 4]]]), tensor([[0], [10], [100]])]);
    expect(toNested(y)).toEqual([
      [
        [1, 2],
        [-9, -8],
        [-99, -98],
      ],
      [
        [3, 4],
        [-7, -6],
        [-97, -96],
      ],
    ]);
  });

  it('handles scalars on either side and empty results', () => {
    expect(toNested(runCpuOp('div', [fromArray([1], []), tensor([2, 4])]))).toEqual([0.5, 0.25]);
    expect(toNested(runCpuOp('mul', [tensor([[1, 2]]), fromArray([3], [])]))).toEqual([[3, 6]]);
    expect(runCpuOp('add', [fromArray([], [0, 3]), tensor([[1, 2, 3]])]).shape).toEqual([0, 3]);
  });
});

describe('unbroadcast', () => {
  const grad = (shape: number[]) => {
    const tape = new Tape();
    const g = tape.watch(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
    return unbroadcast(tape, g, shape) as Tensor;
  };

  it('returns the gradient itself when shapes match', () => {
    const tape = new Tape();
    const g = tape.watch(tensor([1, 2]));
    expect(unbroadcast(tape, g, [2])).toBe(g);
    expect(tape.entries).toHaveLength(0);
  });

  it('sums over broadcast axes and reshapes to exactly the input shape', () => {
    expect(toNested(grad([3]).value)).toEqual([5, 7, 9]);
    expect(toNested(grad([1, 3]).value)).toEqual([[5, 7, 9]]);
    expect(toNested(grad([2, 1]).value)).toEqual([[6], [15]]);
    expect(toNested(grad([]).value)).toBe(21);
    expect(grad([1, 1]).shape).toEqual([1, 1]);
  });

  it('rejects a shape the gradient was not broadcast from', () => {
    expect(() => grad([4])).toThrow(LoomError);
    // A gradient never has fewer axes than its input: that would be a bug in the op.
    expect(() => grad([1, 2, 3])).toThrow(LoomError);
  });
});
