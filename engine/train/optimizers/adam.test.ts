import { describe, expect, it } from 'vitest';
import { adam } from './adam.ts';

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

function run(h: ReturnType<typeof adam.hyper.parse>): Float32Array[] {
  const p = Float32Array.from(START);
  const slots = adam.slots(h).map((s) => new Float32Array(p.length).fill(s.init));
  return GRADS.map((g, k) => {
    adam.update(p, Float32Array.from(g), slots, h, k + 1);
    return Float32Array.from(p);
  });
}

/** Keras Adam in float64, written out from the formulas. */
function reference(lr: number, b1: number, b2: number, eps: number, amsgrad: boolean): number[][] {
  const w = [...START];
  const m = [0, 0, 0];
  const v = [0, 0, 0];
  const vh = [0, 0, 0];
  const out: number[][] = [];
  GRADS.forEach((g, k) => {
    const t = k + 1;
    const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (let i = 0; i < 3; i++) {
      m[i] += (g[i] - m[i]) * (1 - b1);
      v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
      vh[i] = Math.max(vh[i], v[i]);
      w[i] -= (m[i] * alpha) / (Math.sqrt(amsgrad ? vh[i] : v[i]) + eps);
    }
    out.push([...w]);
  });
  return out;
}

describe('adam', () => {
  it('has the Keras defaults', () => {
    const h = adam.hyper.parse({});
    expect(h).toEqual({
      learningRate: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
    });
    expect(adam.slots(h).map((s) => s.name)).toEqual(['momentum', 'velocity']);
  });

  it('first step: bias correction uses β cast to float32, as Keras does', () => {
    // t = 1, g = 0.1: m = 0.1g, v = 0.001g², α = lr·√(1−β2)/(1−β1) with β2 = float32(0.999),
    // which is 0.99900001…; that cast alone moves this step by ~6e-7.
    const got = run(adam.hyper.parse({ learningRate: 0.1 }));
    const g = 0.1;
    const b2 = Math.fround(0.999);
    const b1 = Math.fround(0.9);
    const alpha = (0.1 * Math.sqrt(1 - b2)) / (1 - b1);
    const step = (0.1 * g * alpha) / (Math.sqrt(0.001 * g * g) + 1e-7);
    expect(Math.abs(got[0][0] - (1 - step))).toBeLessThan(1e-7);
    expect(step).toBeCloseTo(0.1, 5);
  });

  it('three steps equal the hand formulas', () => {
    const got = run(adam.hyper.parse({ learningRate: 0.01 }));
    reference(0.01, 0.9, 0.999, 1e-7, false).forEach((e, k) => expectRel(got[k], e));
  });

  it('amsgrad keeps the running maximum of v', () => {
    const h = adam.hyper.parse({ learningRate: 0.01, beta1: 0.5, beta2: 0.6, amsgrad: true });
    expect(adam.slots(h).map((s) => s.name)).toEqual(['momentum', 'velocity', 'velocity_hat']);
    const got = run(h);
    const ref = reference(0.01, 0.5, 0.6, 1e-7, true);
    ref.forEach((e, k) => expectRel(got[k], e));
    // The running max matters here: without it the third step differs.
    const plain = reference(0.01, 0.5, 0.6, 1e-7, false);
    expect(Math.abs(plain[2][1] - ref[2][1])).toBeGreaterThan(1e-4);
  });

  it('rejects beta1 = 1 and maps names to Keras', () => {
    expect(adam.hyper.safeParse({ beta1: 1 }).success).toBe(false);
    expect(adam.kerasConfig(adam.hyper.parse({}))).toMatchObject({
      name: 'adam',
      learning_rate: 0.001,
      beta_1: 0.9,
      beta_2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
      weight_decay: null,
    });
  });
});
