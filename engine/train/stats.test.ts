import { describe, expect, it } from 'vitest';
import { histogram, tensorStats } from './stats.ts';

describe('tensorStats', () => {
  it('computes norm, mean, min and max', () => {
    const s = tensorStats(new Float32Array([3, -4, 0, 1]));
    expect(s.norm).toBeCloseTo(Math.sqrt(26), 6);
    expect(s.mean).toBeCloseTo(0, 6);
    expect([s.min, s.max, s.nonFinite, s.size]).toEqual([-4, 3, 0, 4]);
  });

  it('counts non-finite values and leaves them out of the rest', () => {
    const s = tensorStats([1, NaN, Infinity, 3]);
    expect(s.nonFinite).toBe(2);
    expect(s.mean).toBe(2);
    expect(s.norm).toBeCloseTo(Math.sqrt(10), 12);
    expect(tensorStats([NaN]).min).toBeNaN();
  });
});

describe('histogram', () => {
  it('puts every finite value in exactly one bin, max in the last', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 5);
    const h = histogram(values, 10);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(h.lo).toBeCloseTo(Math.min(...values), 6);
    expect(h.hi).toBeCloseTo(Math.max(...values), 6);
    expect(histogram([0, 1], 2).counts).toEqual([1, 1]);
  });

  it('handles constant and empty tensors', () => {
    expect(histogram([2, 2, 2], 4)).toEqual({ lo: 2, hi: 2, counts: [3, 0, 0, 0] });
    expect(histogram([], 3)).toEqual({ lo: 0, hi: 0, counts: [0, 0, 0] });
    expect(histogram([NaN, 1], 2).counts).toEqual([1, 0]);
  });
});
