import { describe, it, expect } from 'vitest';
import { gather, scatterAdd, oneHot } from './gather.ts';
import { isLoomError, type LoomError } from '../errors.ts';
import { tensor, toNested, zeros, type Nested, type TensorData } from '../tensor.ts';
import type { Attrs, OpDef } from './types.ts';
import { valueAndGrad } from '../autodiff/tape.ts';

function run(op: OpDef<never>, inputs: TensorData[], attrs: Attrs): Nested {
  const def = op as unknown as OpDef<Attrs>;
  const out = zeros(
    def.shape(
      inputs.map((t) => t.shape),
      attrs,
    ),
  );
  out.data.fill(-777);
  def.cpu(inputs, attrs, out);
  return toNested(out);
}

function caught(f: () => unknown): LoomError {
  try {
    f();
  } catch (e) {
    if (isLoomError(e)) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

const x = tensor([
  [1, 2, 3],
  [4, 5, 6],
]);

describe('gather', () => {
  it('picks rows on axis 0 and columns on axis 1 / −1', () => {
    expect(run(gather as never, [x, tensor([1, 0, 1])], { axis: 0 })).toEqual([
      [4, 5, 6],
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(run(gather as never, [x, tensor([2, 0])], { axis: 1 })).toEqual([
      [3, 1],
      [6, 4],
    ]);
    expect(run(gather as never, [x, tensor([2])], { axis: -1 })).toEqual([[3], [6]]);
  });

  it('replaces the axis by the indices shape (matrix and scalar indices)', () => {
    const y = run(
      gather as never,
      [
        x,
        tensor([
          [0, 1],
          [1, 1],
        ]),
      ],
      { axis: 0 },
    );
    expect(y).toEqual([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [4, 5, 6],
        [4, 5, 6],
      ],
    ]);
    expect(run(gather as never, [x, tensor(1)], { axis: 1 })).toEqual([2, 5]);
  });

  it('rejects an out-of-range index with a LoomError naming it', () => {
    const e = caught(() =>
      run(
        gather as never,
        [
          x,
          tensor([
            [0, 1],
            [2, 0],
          ]),
        ],
        { axis: 0 },
      ),
    );
    expect(e.code).toBe('op/shape');
    expect(e.where.path).toBe('indices[1, 0]');
    expect(e.message).toMatch(/index 2 is outside \[0, 2\)/);
    expect(caught(() => run(gather as never, [x, tensor([-1])], { axis: 0 })).where.path).toBe(
      'indices[0]',
    );
    expect(caught(() => run(gather as never, [x, tensor([0.5])], { axis: 1 })).code).toBe(
      'op/shape',
    );
    expect(caught(() => run(gather as never, [x, tensor([NaN])], { axis: 1 })).code).toBe(
      'op/shape',
    );
  });

  it('rejects a bad axis', () => {
    expect(caught(() => gather.shape([[2, 3], [1]], { axis: 2 })).code).toBe('op/attr');
  });
});

describe('scatterAdd', () => {
  it('adds updates at their indices; repeated indices accumulate', () => {
    const u = tensor([
      [1, 2],
      [10, 20],
      [100, 200],
    ]);
    expect(run(scatterAdd as never, [u, tensor([2, 0, 2])], { axis: 0, shape: [4, 2] })).toEqual([
      [10, 20],
      [0, 0],
      [101, 202],
      [0, 0],
    ]);
    expect(
      run(scatterAdd as never, [tensor([[1, 2]]), tensor([1, 1])], { axis: 1, shape: [1, 3] }),
    ).toEqual([[0, 3, 0]]);
  });

  it('is the adjoint of gather: <gather(x, i), u> = <x, scatterAdd(u, i)>', () => {
    const idx = tensor([1, 1, 0]);
    const u = tensor([
      [1, 2, 3],
      [-1, 0.5, 4],
    ]);
    const g = (run(gather as never, [x, idx], { axis: 1 }) as number[][]).flat();
    const s = (run(scatterAdd as never, [u, idx], { axis: 1, shape: [2, 3] }) as number[][]).flat();
    const lhs = g.reduce((acc, v, i) => acc + v * u.data[i], 0);
    const rhs = s.reduce((acc, v, i) => acc + v * x.data[i], 0);
    expect(lhs).toBe(rhs);
    expect(lhs).toBe(2 + 4 + 3 - 5 + 2.5 + 16); // x gathered = [[2,2,1],[5,5,4]]
  });

  it('rejects updates of the wrong shape and out-of-range indices', () => {
    expect(caught(() => scatterAdd.shape([[3, 2], [3]], { axis: 0, shape: [4, 3] })).code).toBe(
      'op/shape',
    );
    const e = caught(() =>
      run(scatterAdd as never, [tensor([1, 2]), tensor([0, 4])], { axis: 0, shape: [4] }),
    );
    expect(e.where.path).toBe('indices[1]');
  });
});

describe('oneHot', () => {
  it('appends a depth axis; out-of-range integers give zero rows (tf.one_hot)', () => {
    expect(run(oneHot as never, [tensor([0, 2, 3, -1])], { depth: 3 })).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(run(oneHot as never, [tensor([[1], [0]])], { depth: 2 })).toEqual([[[0, 1]], [[1, 0]]]);
    expect(run(oneHot as never, [tensor(1)], { depth: 2 })).toEqual([0, 1]);
  });

  it('rejects fractional indices and bad depths', () => {
    expect(caught(() => run(oneHot as never, [tensor([0, 1.5])], { depth: 3 })).where.path).toBe(
      'indices[1]',
    );
    expect(caught(() => oneHot.shape([[2]], { depth: -1 })).code).toBe('op/attr');
    expect(caught(() => oneHot.shape([[2]], { depth: 2.5 })).code).toBe('op/attr');
  });

  it('has no gradient', () => {
    expect(oneHot.grad).toBeUndefined();
  });
});

describe('gather / scatterAdd gradients', () => {
  it('gather: dy scattered back, repeated indices accumulate; no gradient for indices', () => {
    const { grads } = valueAndGrad((o, a, i, w) => o.mul(o.gather(a, i, 1), w))(
      x,
      tensor([2, 2, 0]),
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
    expect(toNested(grads[0])).toEqual([
      [3, 0, 3],
      [6, 0, 9],
    ]);
    expect(toNested(grads[1])).toEqual([0, 0, 0]);
  });

  it('scatterAdd: dy gathered at the indices', () => {
    const { grads } = valueAndGrad((o, u, i, w) => o.mul(o.scatterAdd(u, i, [3], 0), w))(
      zeros([4]),
      tensor([2, 0, 2, 1]),
      tensor([10, 20, 30]),
    );
    expect(toNested(grads[0])).toEqual([30, 10, 30, 20]);
  });
});
