import { describe, it, expect } from 'vitest';
import {
  INITIALIZER_TYPES,
  InitializerSpecSchema,
  computeFans,
  initialize,
  kerasInitializer,
} from './initializers.ts';
import type { InitializerSpec } from './types.ts';

function moments(xs: Float32Array) {
  let sum = 0;
  let sq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    sum += x;
    sq += x * x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = sum / xs.length;
  return { mean, std: Math.sqrt(sq / xs.length - mean * mean), min, max };
}

describe('computeFans', () => {
  it('follows Keras compute_fans for every rank', () => {
    expect(computeFans([])).toEqual([1, 1]);
    expect(computeFans([7])).toEqual([7, 7]);
    expect(computeFans([784, 512])).toEqual([784, 512]);
    // receptive field 3·3 = 9: fan_in 16·9, fan_out 32·9
    expect(computeFans([3, 3, 16, 32])).toEqual([144, 288]);
  });
});

describe('initialize', () => {
  it('glorot_uniform stays within ±√(6/(fan_in+fan_out)) with uniform variance', () => {
    const v = initialize({ type: 'glorot_uniform' }, [784, 512], 1);
    expect(v.length).toBe(784 * 512);
    const limit = Math.sqrt(6 / (784 + 512)); // 0.068041…
    const m = moments(v);
    expect(m.min).toBeGreaterThanOrEqual(-limit);
    expect(m.max).toBeLessThanOrEqual(limit);
    // uniform on [-l, l]: std l/√3; with 400k draws the extremes come close to the limit
    expect(m.std).toBeCloseTo(limit / Math.sqrt(3), 3);
    expect(Math.abs(m.mean)).toBeLessThan(1e-3);
    expect(m.max).toBeGreaterThan(limit * 0.999);
  });

  it('glorot_uniform on a rank-1 shape uses fan_in = fan_out = n', () => {
    const v = initialize({ type: 'glorot_uniform' }, [10], 3);
    const limit = Math.sqrt(6 / 20);
    for (const x of v) expect(Math.abs(x)).toBeLessThanOrEqual(limit);
  });

  it('he_uniform stays within ±√(6/fan_in)', () => {
    const v = initialize({ type: 'he_uniform' }, [100, 300], 2);
    const limit = Math.sqrt(6 / 100);
    const m = moments(v);
    expect(m.min).toBeGreaterThanOrEqual(-limit);
    expect(m.max).toBeLessThanOrEqual(limit);
    expect(m.std).toBeCloseTo(limit / Math.sqrt(3), 2);
  });

  it('glorot_normal is truncated at 2·stddev with the Keras-corrected stddev', () => {
    const shape = [300, 500];
    const v = initialize({ type: 'glorot_normal' }, shape, 4);
    const target = Math.sqrt(2 / 800); // std after truncation
    const stddev = target / 0.87962566103423978; // std before truncation
    const m = moments(v);
    expect(m.max).toBeLessThanOrEqual(2 * stddev + 1e-7);
    expect(m.min).toBeGreaterThanOrEqual(-2 * stddev - 1e-7);
    expect(m.std / target).toBeGreaterThan(0.99);
    expect(m.std / target).toBeLessThan(1.01);
  });

  it('he_normal has std √(2/fan_in) after truncation', () => {
    const v = initialize({ type: 'he_normal' }, [256, 512], 5);
    const target = Math.sqrt(2 / 256);
    const m = moments(v);
    expect(m.max).toBeLessThanOrEqual((2 * target) / 0.87962566103423978 + 1e-7);
    expect(m.std / target).toBeGreaterThan(0.99);
    expect(m.std / target).toBeLessThan(1.01);
  });

  it('random_normal defaults to mean 0, stddev 0.05 and honours its arguments', () => {
    const d = moments(initialize({ type: 'random_normal' }, [200, 500], 6));
    expect(Math.abs(d.mean)).toBeLessThan(1e-3);
    expect(d.std).toBeCloseTo(0.05, 3);
    const c = moments(initialize({ type: 'random_normal', mean: 3, stddev: 2 }, [200, 500], 6));
    expect(c.mean).toBeCloseTo(3, 1);
    expect(c.std).toBeCloseTo(2, 1);
  });

  it('random_uniform defaults to [-0.05, 0.05) and honours its arguments', () => {
    const d = moments(initialize({ type: 'random_uniform' }, [100, 100], 7));
    expect(d.min).toBeGreaterThanOrEqual(-0.05);
    expect(d.max).toBeLessThan(0.05);
    expect(d.max).toBeGreaterThan(0.0499);
    const c = moments(initialize({ type: 'random_uniform', minval: 2, maxval: 3 }, [1000], 7));
    expect(c.min).toBeGreaterThanOrEqual(2);
    expect(c.max).toBeLessThan(3);
    expect(c.mean).toBeCloseTo(2.5, 1);
  });

  it('zeros, ones and constant fill exactly', () => {
    expect([...initialize({ type: 'zeros' }, [2, 3], 1)]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...initialize({ type: 'ones' }, [3], 1)]).toEqual([1, 1, 1]);
    expect([...initialize({ type: 'constant', value: 10 }, [2], 1)]).toEqual([10, 10]);
    expect([...initialize({ type: 'constant' }, [2], 1)]).toEqual([0, 0]);
  });

  it('is deterministic per seed and differs across seeds', () => {
    for (const type of INITIALIZER_TYPES.slice(0, 6)) {
      const spec: InitializerSpec = { type };
      const a = initialize(spec, [8, 4], 42);
      expect(initialize(spec, [8, 4], 42)).toEqual(a);
      expect(initialize(spec, [8, 4], 43)).not.toEqual(a);
    }
  });
});

describe('InitializerSpecSchema', () => {
  it('fills in Keras defaults', () => {
    expect(InitializerSpecSchema.parse({ type: 'random_normal' })).toEqual({
      type: 'random_normal',
      mean: 0,
      stddev: 0.05,
    });
    expect(InitializerSpecSchema.parse({ type: 'random_uniform' })).toEqual({
      type: 'random_uniform',
      minval: -0.05,
      maxval: 0.05,
    });
    expect(InitializerSpecSchema.parse({ type: 'constant' })).toEqual({
      type: 'constant',
      value: 0,
    });
    expect(InitializerSpecSchema.parse({ type: 'glorot_uniform' })).toEqual({
      type: 'glorot_uniform',
    });
  });

  it('rejects unknown types and bad arguments', () => {
    expect(InitializerSpecSchema.safeParse({ type: 'orthogonal' }).success).toBe(false);
    expect(InitializerSpecSchema.safeParse({ type: 'random_normal', stddev: -1 }).success).toBe(
      false,
    );
    expect(InitializerSpecSchema.safeParse({ type: 'constant', value: 'x' }).success).toBe(false);
  });
});

describe('kerasInitializer', () => {
  it('serialises like keras.initializers.serialize', () => {
    expect(kerasInitializer({ type: 'glorot_uniform' })).toEqual({
      module: 'keras.initializers',
      class_name: 'GlorotUniform',
      config: { seed: null },
      registered_name: null,
    });
    expect(kerasInitializer({ type: 'zeros' })).toEqual({
      module: 'keras.initializers',
      class_name: 'Zeros',
      config: {},
      registered_name: null,
    });
    expect(kerasInitializer({ type: 'he_normal' }).class_name).toBe('HeNormal');
    expect(kerasInitializer({ type: 'random_normal' }).config).toEqual({
      seed: null,
      mean: 0,
      stddev: 0.05,
    });
    expect(kerasInitializer({ type: 'random_uniform', minval: -1, maxval: 1 }).config).toEqual({
      seed: null,
      minval: -1,
      maxval: 1,
    });
    expect(kerasInitializer({ type: 'constant', value: 2 })).toMatchObject({
      class_name: 'Constant',
      config: { value: 2 },
    });
  });
});
