import { describe, it, expect } from 'vitest';
import { matMul } from './matMul.ts';
import { isLoomError } from '../errors.ts';
import { tensor, toNested, zeros, type TensorData } from '../tensor.ts';
import { valueAndGrad } from '../autodiff/tape.ts';

/** Runs the kernel into an output prefilled with garbage (executor buffers are reused). */
function run(a: TensorData, b: TensorData, transposeA = false, transposeB = false): TensorData {
  const attrs = { transposeA, transposeB };
  const out = zeros(matMul.shape([a.shape, b.shape], attrs));
  out.data.fill(777);
  matMul.cpu([a, b], attrs, out);
  return out;
}

function transposed(t: TensorData): TensorData {
  const [r, c] = t.shape;
  const out = zeros([c, r]);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out.data[j * r + i] = t.data[i * c + j];
  return out;
}

/** Deterministic small integers, so float32 products and sums are exact. */
function ints(shape: number[], salt: number): TensorData {
  const t = zeros(shape);
  for (let i = 0; i < t.data.length; i++) t.data[i] = ((i * 7 + salt * 13) % 11) - 5;
  return t;
}

function naive(a: TensorData, b: TensorData): number[] {
  const [M, K] = a.shape;
  const N = b.shape[1];
  const out: number[] = [];
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a.data[i * K + k] * b.data[k * N + j];
      out.push(s);
    }
  return out;
}

describe('matMul forward', () => {
  const A = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const B = tensor([
    [7, 8],
    [9, 10],
    [11, 12],
  ]);
  const AB = [
    [58, 64],
    [139, 154],
  ];

  it('multiplies by hand-computed values in all four transpose combinations', () => {
    expect(toNested(run(A, B))).toEqual(AB);
    expect(toNested(run(A, transposed(B), false, true))).toEqual(AB);
    expect(toNested(run(transposed(A), B, true, false))).toEqual(AB);
    expect(toNested(run(transposed(A), transposed(B), true, true))).toEqual(AB);
  });

  it('handles row/k leftovers, column blocks and both transposed-B paths', () => {
    // M = 9 (2 blocks of 4 + 1), K = 7 (4 + 3), N = 1030 (> one 1024-column block).
    for (const [M, K, N] of [
      [9, 7, 1030],
      [3, 5, 6],
      [12, 9, 10],
      [1, 1, 1],
    ]) {
      const a = ints([M, K], 1);
      const b = ints([K, N], 2);
      const want = naive(a, b);
      expect(Array.from(run(a, b).data)).toEqual(want);
      expect(Array.from(run(a, transposed(b), false, true).data)).toEqual(want);
      expect(Array.from(run(transposed(a), b, true, false).data)).toEqual(want);
      expect(Array.from(run(transposed(a), transposed(b), true, true).data)).toEqual(want);
    }
  });

  it('gives zeros for an empty inner dimension and empty outputs', () => {
    expect(Array.from(run(zeros([2, 0]), zeros([0, 3])).data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(run(zeros([0, 4]), zeros([4, 3])).shape).toEqual([0, 3]);
  });

  it('accumulates in float64 (one rounding per output element)', () => {
    // 1 + 1e-8·(many) is lost in float32 step-by-step accumulation, kept in float64.
    const K = 1001;
    const a = zeros([1, K]).data.fill(1);
    const b = zeros([K, 1]);
    b.data.fill(1e-8);
    b.data[0] = 1;
    const out = run({ shape: [1, K], data: a }, b);
    expect(out.data[0]).toBe(Math.fround(1 + 1000 * Math.fround(1e-8)));
  });
});

describe('matMul shape errors', () => {
  const code = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return isLoomError(e) ? e.code : 'other';
    }
    return 'none';
  };

  it('rejects ranks other than 2', () => {
    expect(
      code(() =>
        matMul.shape(
          [
            [2, 3, 4],
            [4, 5],
          ],
          {},
        ),
      ),
    ).toBe('op/shape');
    expect(code(() => matMul.shape([[3], [3, 1]], {}))).toBe('op/shape');
  });

  it('rejects mismatched inner dimensions, respecting the transposes', () => {
    expect(
      code(() =>
        matMul.shape(
          [
            [2, 3],
            [4, 5],
          ],
          {},
        ),
      ),
    ).toBe('op/shape');
    expect(
      matMul.shape(
        [
          [2, 3],
          [4, 3],
        ],
        { transposeB: true },
      ),
    ).toEqual([2, 4]);
    expect(
      code(() =>
        matMul.shape(
          [
            [2, 3],
            [3, 4],
          ],
          { transposeA: true },
        ),
      ),
    ).toBe('op/shape');
    expect(
      matMul.shape(
        [
          [3, 2],
          [4, 3],
        ],
        { transposeA: true, transposeB: true },
      ),
    ).toEqual([2, 4]);
  });

  it('names the shapes and says how to fix it', () => {
    expect(() =>
      matMul.shape(
        [
          [2, 3],
          [4, 5],
        ],
        {},
      ),
    ).toThrow(/\[2, 3\].*\[4, 5\]/);
  });

  it('rejects non-boolean transpose flags', () => {
    expect(
      code(() =>
        matMul.shape(
          [
            [2, 3],
            [3, 2],
          ],
          { transposeA: 1 as never },
        ),
      ),
    ).toBe('op/attr');
  });
});

describe('matMul gradient', () => {
  const A = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const B = tensor([
    [7, 8],
    [9, 10],
    [11, 12],
  ]);
  const W = tensor([
    [1, 2],
    [3, 4],
  ]);
  // f = Σ W ⊙ (A·B): dA = W·Bᵀ, dB = Aᵀ·W (by hand)
  const dA = [
    [23, 29, 35],
    [53, 67, 81],
  ];
  const dB = [
    [13, 18],
    [17, 24],
    [21, 30],
  ];
  const tr = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));

  it('gives dA = dy·Bᵀ and dB = Aᵀ·dy in every transpose combination, in the stored layout', () => {
    for (const [tA, tB] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ]) {
      const a = tA ? transposed(A) : A;
      const b = tB ? transposed(B) : B;
      const { value, grads } = valueAndGrad((o, x, y, w) => o.mul(o.matMul(x, y, tA, tB), w))(
        a,
        b,
        W,
      );
      expect(toNested(value)).toEqual([
        [58, 128],
        [417, 616],
      ]);
      expect(toNested(grads[0])).toEqual(tA ? tr(dA) : dA);
      expect(toNested(grads[1])).toEqual(tB ? tr(dB) : dB);
    }
  });
});
