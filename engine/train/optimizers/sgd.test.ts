import { describe, expect, it } from 'vitest';
import { sgd } from './sgd.ts';

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

/** Runs three updates; returns the parameter after each. */
function run(h: ReturnType<typeof sgd.hyper.parse>): Float32Array[] {
  const p = Float32Array.from(START);
  const slots = sgd.slots(h).map((s) => new Float32Array(p.length).fill(s.init));
  return GRADS.map((g, k) => {
    sgd.update(p, Float32Array.from(g), slots, h, k + 1);
    return Float32Array.from(p);
  });
}

describe('sgd', () => {
  it('has the Keras defaults', () => {
    expect(sgd.hyper.parse({})).toEqual({ learningRate: 0.01, momentum: 0, nesterov: false });
    expect(sgd.slots(sgd.hyper.parse({}))).toEqual([]);
  });

  it('plain: w -= lr·g', () => {
    const got = run(sgd.hyper.parse({ learningRate: 0.1 }));
    // Step by step: 1 − 0.01 = 0.99, 0.99 − 0.04 = 0.95, 0.95 + 0.03 = 0.98 (first element).
    expectRel(got[0], [0.99, -1.98, 0.47]);
    expectRel(got[1], [0.95, -1.98, 0.52]);
    expectRel(got[2], [0.98, -2.005, 0.515]);
  });

  it('momentum: v = μv − lr·g, w += v', () => {
    const lr = 0.1;
    const mu = 0.9;
    const w = [...START];
    const v = [0, 0, 0];
    const expected: number[][] = [];
    for (const g of GRADS) {
      for (let i = 0; i < 3; i++) {
        v[i] = v[i] * mu - g[i] * lr;
        w[i] += v[i];
      }
      expected.push([...w]);
    }
    const got = run(sgd.hyper.parse({ learningRate: lr, momentum: mu }));
    expected.forEach((e, k) => expectRel(got[k], e));
    // Second step, first element by hand: v1 = −0.01, v2 = −0.009 − 0.04 = −0.049, w = 0.99 − 0.049.
    expect(got[1][0]).toBeCloseTo(0.941, 6);
  });

  it('nesterov: v = μv − lr·g, w += μv − lr·g', () => {
    const lr = 0.05;
    const mu = 0.8;
    const w = [...START];
    const v = [0, 0, 0];
    const expected: number[][] = [];
    for (const g of GRADS) {
      for (let i = 0; i < 3; i++) {
        v[i] = v[i] * mu - g[i] * lr;
        w[i] += v[i] * mu - g[i] * lr;
      }
      expected.push([...w]);
    }
    const got = run(sgd.hyper.parse({ learningRate: lr, momentum: mu, nesterov: true }));
    expected.forEach((e, k) => expectRel(got[k], e));
  });

  it('rejects a momentum outside [0, 1] and maps names to Keras', () => {
    expect(sgd.hyper.safeParse({ momentum: 1.5 }).success).toBe(false);
    const cfg = sgd.kerasConfig(sgd.hyper.parse({ momentum: 0.9 }), 1);
    expect(cfg).toMatchObject({ name: 'SGD', learning_rate: 0.01, momentum: 0.9, nesterov: false });
    expect(cfg.clipnorm).toBe(1);
  });
});
