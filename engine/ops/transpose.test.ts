import { describe, it, expect } from 'vitest';
import { transpose } from './transpose.ts';
import { isLoomError } from '../errors.ts';
import { fromArray, tensor, toNested, zeros, type Nested, type TensorData } from '../tensor.ts';
import { valueAndGrad } from '../autodiff/tape.ts';

function run(x: TensorData, perm: number[] | null): Nested {
  const out = zeros(transpose.shape([x.shape], { perm }));
  out.data.fill(-777);
  transpose.cpu([x], { perm }, out);
  return toNested(out);
}

describe('transpose', () => {
  it('reverses the axes when perm is null', () => {
    expect(
      run(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        null,
      ),
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(run(tensor([1, 2]), null)).toEqual([1, 2]);
  });

  it('permutes rank-3 axes: out[i][j][k] = x[j][k][i] for perm [1, 2, 0]', () => {
    const x = fromArray(
      Array.from({ length: 24 }, (_, f) => f),
      [2, 3, 4],
    );
    const y = run(x, [1, 2, 0]) as number[][][];
    expect(y.length).toBe(3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 4; j++)
        for (let k = 0; k < 2; k++) expect(y[i][j][k]).toBe(k * 12 + i * 4 + j);
  });

  it('handles rank 4 and size-0 tensors', () => {
    const x = fromArray(
      Array.from({ length: 16 }, (_, f) => f),
      [2, 2, 2, 2],
    );
    const y = run(x, [3, 2, 1, 0]) as number[][][][];
    expect(y[1][0][1][0]).toBe(0 * 8 + 1 * 4 + 0 * 2 + 1); // x[0][1][0][1]
    expect(transpose.shape([[0, 3]], { perm: null })).toEqual([3, 0]);
  });

  it('rejects perms that are not permutations', () => {
    for (const perm of [[0, 0], [0], [0, 2], [1, 0.5]]) {
      try {
        transpose.shape([[2, 3]], { perm });
        expect.unreachable();
      } catch (e) {
        expect(isLoomError(e) && e.code).toBe('op/attr');
      }
    }
  });
});

describe('transpose gradient', () => {
  it('applies the inverse permutation to dy', () => {
    // y = transpose(x, [1, 2, 0]) has shape [3, 4, 2]; dx[k][i][j] = w[i][j][k]
    const w = fromArray(
      Array.from({ length: 24 }, (_, f) => f),
      [3, 4, 2],
    );
    const { grads } = valueAndGrad((o, x, ww) => o.mul(o.transpose(x, [1, 2, 0]), ww))(
      zeros([2, 3, 4]),
      w,
    );
    const g = toNested(grads[0]) as number[][][];
    for (let k = 0; k < 2; k++)
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 4; j++) expect(g[k][i][j]).toBe(i * 8 + j * 2 + k);
  });

  it('reverses the axes back when perm is null', () => {
    const { grads } = valueAndGrad((o, x, w) => o.mul(o.transpose(x), w))(
      zeros([2, 3]),
      tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    );
    expect(toNested(grads[0])).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
  });
});
