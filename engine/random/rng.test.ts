import { describe, expect, it } from 'vitest';
import { Rng, hashString, weightSeed } from './rng.ts';

describe('Rng', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws uniform and normal values with the right moments', () => {
    const r = new Rng(1);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      su += r.uniform(2, 4);
      const z = r.normal(1, 3);
      sn += z;
      sn2 += z * z;
    }
    expect(su / n).toBeCloseTo(3, 2);
    const mean = sn / n;
    expect(mean).toBeCloseTo(1, 1);
    expect(Math.sqrt(sn2 / n - mean * mean)).toBeCloseTo(3, 1);
  });

  it('truncates normals at two standard deviations', () => {
    const r = new Rng(7);
    for (let i = 0; i < 10_000; i++)
      expect(Math.abs(r.truncatedNormal(0, 0.5))).toBeLessThanOrEqual(1);
  });

  it('permutes every index exactly once', () => {
    const p = Array.from(new Rng(3).permutation(100)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('derives distinct, stable weight seeds', () => {
    expect(weightSeed(1, 'dense1', 'kernel')).toBe(weightSeed(1, 'dense1', 'kernel'));
    expect(weightSeed(1, 'dense1', 'kernel')).not.toBe(weightSeed(1, 'dense1', 'bias'));
    expect(weightSeed(1, 'dense1', 'kernel')).not.toBe(weightSeed(2, 'dense1', 'kernel'));
    expect(hashString('a')).not.toBe(hashString('b'));
  });
});
