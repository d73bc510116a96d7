import { describe, expect, it } from 'vitest';
import { adagrad } from './adagrad.ts';

const GRADS = [
  [0.1, -0.2, 0.3],
  [0.4, 0, -0.5],
  [-0.3, 0.25, 0.05],
];
const START = [1, -2, 0.5];

function expectRel(actual: Float32Array, expected: number[]): void {
  expected.forEach((e, i) =>
    expect(Math.abs(actual[i] - e)).toBeLessThanOrEqual(1e-6 * Math.abs(e)),
  );
}

describe('adagrad', () => {
  it('has the Keras defaults; the accumulator starts at 0.1', () => {
    const h = adagrad.hyper.parse({});
    expect(h).toEqual({ learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 });
    expect(adagrad.slots(h)).toEqual([{ name: 'accumulator', init: 0.1 }]);
  });

  it('three steps: a += g², w −= lr·g/√(a + ε)', () => {
    const lr = 0.1;
    const eps = 1e-7;
    const w = [...START];
    const a = [0.1, 0.1, 0.1];
    const expected: number[][] = [];
    for (const g of GRADS) {
      for (let i = 0; i < 3; i++) {
        a[i] += g[i] * g[i];
        w[i] -= (lr * g[i]) / Math.sqrt(a[i] + eps);
      }
      expected.push([...w]);
    }
    // First step, first element by hand: a = 0.11, w = 1 − 0.01/√0.1100001.
    expect(expected[0][0]).toBeCloseTo(1 - 0.01 / Math.sqrt(0.1100001), 12);

    const h = adagrad.hyper.parse({ learningRate: lr });
    const p = Float32Array.from(START);
    const slots = adagrad.slots(h).map((s) => new Float32Array(3).fill(s.init));
    GRADS.forEach((g, k) => {
      adagrad.update(p, Float32Array.from(g), slots, h, k + 1);
      expectRel(p, expected[k]);
    });
  });

  it('maps names to Keras', () => {
    expect(adagrad.kerasConfig(adagrad.hyper.parse({}))).toMatchObject({
      name: 'adagrad',
      learning_rate: 0.001,
      initial_accumulator_value: 0.1,
      epsilon: 1e-7,
    });
  });
});
