import { describe, it, expect } from 'vitest';
import { LoomError } from '../errors.ts';
import { generate, generatorList, generators } from './generators.ts';

function loomError(fn: () => unknown): LoomError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoomError) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

const counts = (labels: Float32Array): Record<number, number> => {
  const c: Record<number, number> = {};
  for (const l of labels) c[l] = (c[l] ?? 0) + 1;
  return c;
};

describe('generate', () => {
  it('gives every generator its default shapes', () => {
    const shapes: Record<string, [number[], number[]]> = {
      normal: [
        [100, 2],
        [100, 1],
      ],
      xor: [
        [200, 2],
        [200, 1],
      ],
      circles: [
        [200, 2],
        [200, 1],
      ],
      spirals: [
        [300, 2],
        [300, 1],
      ],
      linear: [
        [100, 1],
        [100, 1],
      ],
    };
    expect(Object.keys(generators)).toEqual(Object.keys(shapes));
    for (const [name, [x, y]] of Object.entries(shapes)) {
      const ds = generate(name);
      expect(ds.arrays.x.shape, name).toEqual(x);
      expect(ds.arrays.y.shape, name).toEqual(y);
      expect(ds.source).toBe(`generator:${name}`);
      expect(ds.dtypes).toEqual({ x: 'float32', y: 'float32' });
      expect(ds.arrays.x.data.every(Number.isFinite)).toBe(true);
    }
  });

  it('is reproducible: the same seed gives the same data, another seed other data', () => {
    for (const name of Object.keys(generators)) {
      const a = generate(name, { seed: 7 });
      const b = generate(name, { seed: 7 });
      const c = generate(name, { seed: 8 });
      expect(a.arrays.x.data, name).toEqual(b.arrays.x.data);
      expect(a.arrays.y.data, name).toEqual(b.arrays.y.data);
      expect(a.arrays.x.data, name).not.toEqual(c.arrays.x.data);
    }
  });

  it('normal draws from N(mean, stddev²)', () => {
    const ds = generate('normal', { n: 20000, features: 3, outputs: 2, mean: 5, stddev: 2 });
    expect(ds.arrays.x.shape).toEqual([20000, 3]);
    expect(ds.arrays.y.shape).toEqual([20000, 2]);
    const v = ds.arrays.x.data;
    const mean = v.reduce((a, b) => a + b) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    // 60,000 draws: the standard error of the mean is 2/√60000 ≈ 0.008.
    expect(Math.abs(mean - 5)).toBeLessThan(0.05);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
  });

  it('xor labels 1 exactly where the coordinates have opposite signs, about half the time', () => {
    const ds = generate('xor', { n: 4000, seed: 3 });
    const x = ds.arrays.x.data;
    const y = ds.arrays.y.data;
    for (let i = 0; i < 4000; i++) {
      expect(Math.abs(x[2 * i])).toBeLessThanOrEqual(1);
      expect(y[i]).toBe(x[2 * i] * x[2 * i + 1] < 0 ? 1 : 0);
    }
    expect(Math.abs(counts(y)[1] / 4000 - 0.5)).toBeLessThan(0.04);
    const noisy = generate('xor', { n: 4000, seed: 3, noise: 0.3 });
    expect(noisy.arrays.y.data).toEqual(y);
    expect(noisy.arrays.x.data.some((v) => Math.abs(v) > 1)).toBe(true);
  });

  it('circles puts label 0 on the unit circle and label 1 at radius factor, half each', () => {
    const ds = generate('circles', { n: 101, noise: 0, factor: 0.3 });
    const x = ds.arrays.x.data;
    const y = ds.arrays.y.data;
    expect(counts(y)).toEqual({ 0: 50, 1: 51 });
    for (let i = 0; i < 101; i++)
      expect(Math.hypot(x[2 * i], x[2 * i + 1])).toBeCloseTo(y[i] === 0 ? 1 : 0.3, 5);
    // Shuffled: a trailing validation split sees both classes.
    expect(new Set(y.slice(-20)).size).toBe(2);
  });

  it('spirals gives arms 0..k−1 of equal size (±1) inside the unit disc', () => {
    const ds = generate('spirals', { n: 301, arms: 3, noise: 0 });
    const x = ds.arrays.x.data;
    expect(counts(ds.arrays.y.data)).toEqual({ 0: 101, 1: 100, 2: 100 });
    for (let i = 0; i < 301; i++)
      expect(Math.hypot(x[2 * i], x[2 * i + 1])).toBeLessThanOrEqual(1 + 1e-6);
  });

  it('linear makes y an exact affine function of x when noise is 0', () => {
    const ds = generate('linear', { n: 50, features: 2, bias: 3, noise: 0, seed: 11 });
    const x = ds.arrays.x.data;
    const y = ds.arrays.y.data;
    // Recover w1, w2 from two samples (bias known), then every other sample must agree.
    const [a, b, c, d] = [x[0], x[1], x[2], x[3]];
    const det = a * d - b * c;
    const w1 = ((y[0] - 3) * d - b * (y[1] - 3)) / det;
    const w2 = (a * (y[1] - 3) - (y[0] - 3) * c) / det;
    for (let i = 2; i < 50; i++) expect(y[i]).toBeCloseTo(x[2 * i] * w1 + x[2 * i + 1] * w2 + 3, 4);
    // The same seed draws the same w whatever n is, so the first sample is unchanged.
    expect(
      generate('linear', { n: 10, features: 2, bias: 3, noise: 0, seed: 11 }).arrays.y.data[0],
    ).toBe(y[0]);
    const noisy = generate('linear', { n: 50, features: 2, bias: 3, noise: 0.5, seed: 11 });
    expect(noisy.arrays.x.data).toEqual(x);
    expect(noisy.arrays.y.data).not.toEqual(y);
  });

  it('refuses an unknown generator with data/unknown', () => {
    const e = loomError(() => generate('moons'));
    expect(e.code).toBe('data/unknown');
    expect(e.fix).toContain('normal, xor, circles, spirals, linear');
    expect(loomError(() => generate('toString')).code).toBe('data/unknown');
  });

  it('refuses invalid params naming the param', () => {
    const e = loomError(() => generate('circles', { factor: 1.5 }));
    expect(e.code).toBe('data/binding');
    expect(e.where).toEqual({ param: 'factor' });
    expect(loomError(() => generate('xor', { n: 0 })).where).toEqual({ param: 'n' });
    expect(loomError(() => generate('spirals', { arms: 2.5 })).where).toEqual({ param: 'arms' });
  });
});

describe('generatorList', () => {
  it('describes every generator, with a label and help on every param', () => {
    expect(generatorList.map((g) => g.id)).toEqual(Object.keys(generators));
    for (const g of generatorList) {
      expect(g.title.length).toBeGreaterThan(0);
      expect(g.description.length).toBeGreaterThan(0);
      const defaults = g.params.parse({}) as Record<string, unknown>;
      expect(defaults.seed).toBe(42);
      for (const [key, field] of Object.entries(g.params.shape)) {
        const meta = (field as { meta(): { label?: string; help?: string } | undefined }).meta();
        expect(meta?.label, `${g.id}.${key}`).toBeTruthy();
        expect(meta?.help, `${g.id}.${key}`).toBeTruthy();
      }
    }
  });
});
