import { describe, expect, it } from 'vitest';
import { adamw } from './adamw.ts';

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

describe('adamw', () => {
  it('has the Keras defaults', () => {
    expect(adamw.hyper.parse({})).toEqual({
      learningRate: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
      weightDecay: 0.004,
    });
  });

  it('three steps: w −= w·wd·lr, then the Adam step', () => {
    const lr = 0.01;
    const wd = 0.1;
    const [b1, b2, eps] = [0.9, 0.999, 1e-7];
    const w = [...START];
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    const expected: number[][] = [];
    GRADS.forEach((g, k) => {
      const t = k + 1;
      const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      for (let i = 0; i < 3; i++) {
        w[i] -= w[i] * wd * lr;
        m[i] += (g[i] - m[i]) * (1 - b1);
        v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
        w[i] -= (m[i] * alpha) / (Math.sqrt(v[i]) + eps);
      }
      expected.push([...w]);
    });

    const h = adamw.hyper.parse({ learningRate: lr, weightDecay: wd });
    const p = Float32Array.from(START);
    const slots = adamw.slots(h).map((s) => new Float32Array(3).fill(s.init));
    GRADS.forEach((g, k) => {
      adamw.update(p, Float32Array.from(g), slots, h, k + 1);
      expectRel(p, expected[k]);
    });
  });

  it('decays a weight whose gradient is zero', () => {
    // Adam's step is 0 when g = m = v = 0, so only the decay acts: 2 − 2·0.5·0.1 = 1.9.
    const h = adamw.hyper.parse({ learningRate: 0.1, weightDecay: 0.5 });
    const p = Float32Array.of(2);
    adamw.update(p, Float32Array.of(0), [new Float32Array(1), new Float32Array(1)], h, 1);
    expect(p[0]).toBeCloseTo(1.9, 6);
  });

  it('maps names to Keras', () => {
    expect(adamw.kerasConfig(adamw.hyper.parse({}))).toMatchObject({
      name: 'adamw',
      weight_decay: 0.004,
      beta_1: 0.9,
    });
  });
});
