import { describe, it, expect } from 'vitest';
import { dropout } from './dropout.ts';
import { isLoomError } from '../errors.ts';
import { maskUniform } from '../random/hash.ts';
import { fromArray, tensor, zeros, type Shape, type TensorData } from '../tensor.ts';
import { valueAndGrad } from '../autodiff/tape.ts';

function run(x: TensorData, step: number, rate: number, seed: number): Float32Array {
  const attrs = { rate, seed };
  const out = zeros(dropout.shape([x.shape, []], attrs));
  out.data.fill(-777);
  dropout.cpu([x, tensor(step)], attrs, out);
  return out.data;
}

const ones = (n: number): TensorData => fromArray(new Float32Array(n).fill(1), [n]);
const N = 100000;

describe('dropout', () => {
  it('is the identity at rate 0', () => {
    const x = tensor([
      [1.5, -2],
      [NaN, 4],
    ]);
    const y = run(x, 3, 0, 1);
    expect(Array.from(y)).toEqual(Array.from(x.data));
  });

  it('keeps ≈ (1 − rate) of 100k elements, scaled by 1/(1 − rate), and preserves the mean', () => {
    for (const rate of [0.1, 0.3, 0.5, 0.8]) {
      const y = run(ones(N), 12, rate, 99);
      const scale = Math.fround(1 / (1 - rate));
      let kept = 0;
      let total = 0;
      for (const v of y) {
        if (v !== 0) {
          expect(v).toBe(scale);
          kept++;
        }
        total += v;
      }
      // binomial std of the kept fraction ≤ 0.0016; allow 5σ
      expect(Math.abs(kept / N - (1 - rate))).toBeLessThan(0.008);
      expect(Math.abs(total / N - 1)).toBeLessThan(0.04);
    }
  });

  it('keeps element i exactly when u(seed, step, i) ≥ rate', () => {
    const y = run(ones(2000), 5, 0.25, 42);
    for (let i = 0; i < 2000; i++) expect(y[i] !== 0).toBe(maskUniform(42, 5, i) >= 0.25);
  });

  it('gives the same mask for the same seed and step, different ones otherwise', () => {
    const a = run(ones(N), 7, 0.5, 1);
    const b = run(ones(N), 7, 0.5, 1);
    const c = run(ones(N), 8, 0.5, 1);
    const d = run(ones(N), 7, 0.5, 2);
    expect(Array.from(a)).toEqual(Array.from(b));
    const differ = (p: Float32Array, q: Float32Array) =>
      p.filter((v, i) => (v === 0) !== (q[i] === 0)).length / N;
    // independent masks at rate 0.5 disagree on half the elements
    expect(Math.abs(differ(a, c) - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(differ(a, d) - 0.5)).toBeLessThan(0.01);
  });

  it('scales kept values of x and zeroes dropped ones, even NaN', () => {
    const n = 64;
    const x = fromArray(
      Array.from({ length: n }, (_, i) => (i % 5 === 0 ? NaN : i - 30)),
      [8, 8],
    );
    const y = run(x, 1, 0.4, 5);
    const scale = Math.fround(1 / 0.6);
    for (let i = 0; i < n; i++) {
      if (maskUniform(5, 1, i) >= 0.4) {
        if (Number.isNaN(x.data[i])) expect(Number.isNaN(y[i])).toBe(true);
        else expect(y[i]).toBe(Math.fround(x.data[i] * scale));
      } else expect(y[i]).toBe(0);
    }
  });

  it('rejects rates outside [0, 1), fractional seeds and non-scalar step seeds', () => {
    const code = (shapes: Shape[], attrs: Record<string, unknown>): string => {
      try {
        dropout.shape(shapes, attrs as never);
      } catch (e) {
        return isLoomError(e) ? e.code : 'other';
      }
      return 'none';
    };
    for (const rate of [1, -0.1, 1.5, NaN, '0.5'])
      expect(code([[3], []], { rate, seed: 1 })).toBe('op/attr');
    expect(code([[3], []], { rate: 0.5, seed: 1.5 })).toBe('op/attr');
    expect(code([[3], [1]], { rate: 0.5, seed: 1 })).toBe('op/shape');
    expect(code([[3], []], { rate: 0.5, seed: 1 })).toBe('none');
  });
});

describe('dropout gradient', () => {
  it('is the same mask and scale applied to dy; no gradient for the step seed', () => {
    const n = 500;
    const x = fromArray(
      Array.from({ length: n }, (_, i) => i / 10 - 20),
      [n],
    );
    const w = fromArray(
      Array.from({ length: n }, (_, i) => (i % 7) - 3),
      [n],
    );
    const { value, grads } = valueAndGrad((o, a, s, ww) => o.mul(o.dropout(a, s, 0.3, 11), ww))(
      x,
      tensor(4),
      w,
    );
    const scale = Math.fround(1 / 0.7);
    for (let i = 0; i < n; i++) {
      const kept = maskUniform(11, 4, i) >= 0.3;
      expect(grads[0].data[i]).toBe(kept ? Math.fround(w.data[i] * scale) : 0);
      // + 0 folds −0 (a dropped element times a negative weight) into 0
      expect(value.data[i] + 0).toBe(
        kept ? Math.fround(Math.fround(x.data[i] * scale) * w.data[i]) + 0 : 0,
      );
    }
    expect(grads[1].data[0]).toBe(0);
  });
});
