import { describe, it, expect } from 'vitest';
import { Dropout, dropoutSeed } from './dropout.ts';

const ctx = (nodeIndex: number, seed = 1) => ({
  training: true,
  stepSeed: { id: 0, shape: [] },
  seed,
  nodeIndex,
});

describe('Dropout params', () => {
  it('defaults to rate 0.5 and a derived seed', () => {
    expect(Dropout.params.parse({})).toEqual({ rate: 0.5, seed: null });
  });

  it('accepts [0, 1) and says the range otherwise', () => {
    expect(Dropout.params.safeParse({ rate: 0 }).success).toBe(true);
    expect(Dropout.params.safeParse({ rate: 0.99 }).success).toBe(true);
    for (const rate of [1, -0.1, 1.5]) {
      const r = Dropout.params.safeParse({ rate });
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues[0].message).toContain('[0, 1)');
    }
    expect(Dropout.params.safeParse({ seed: 1.5 }).success).toBe(false);
  });
});

describe('Dropout', () => {
  it('keeps the shape and has no weights', () => {
    const p = Dropout.params.parse({ rate: 0.2 });
    expect(Dropout.outputShape(p, [[null, 5]])).toEqual([null, 5]);
    expect(Dropout.weights(p, [[null, 5]])).toEqual([]);
  });

  it("uses its own seed, else derives one per node from the project's", () => {
    const own = Dropout.params.parse({ seed: 1234 });
    expect(dropoutSeed(own, ctx(0))).toBe(1234);
    expect(dropoutSeed(own, ctx(5))).toBe(1234);
    const derived = Dropout.params.parse({});
    expect(dropoutSeed(derived, ctx(3))).toBe(dropoutSeed(derived, ctx(3)));
    expect(dropoutSeed(derived, ctx(3))).not.toBe(dropoutSeed(derived, ctx(4)));
    expect(dropoutSeed(derived, ctx(3, 1))).not.toBe(dropoutSeed(derived, ctx(3, 2)));
    expect(Number.isInteger(dropoutSeed(derived, ctx(3)))).toBe(true);
  });

  it('exports the Keras config and shows its rate', () => {
    const p = Dropout.params.parse({ rate: 0.2 });
    expect(Dropout.inline(p)).toBe('rate 0.2');
    expect(Dropout.kerasConfig(p, 'dropout')).toEqual({
      name: 'dropout',
      trainable: true,
      dtype: {
        module: 'keras',
        class_name: 'DTypePolicy',
        config: { name: 'float32' },
        registered_name: null,
      },
      rate: 0.2,
      seed: null,
      noise_shape: null,
    });
    expect(Dropout.kerasConfig(Dropout.params.parse({ seed: 7 }), 'd').seed).toBe(7);
  });
});
