import { describe, expect, it } from 'vitest';
import { rmsprop } from './rmsprop.ts';

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

function run(h: ReturnType<typeof rmsprop.hyper.parse>): Float32Array[] {
  const p = Float32Array.from(START);
  const slots = rmsprop.slots(h).map((s) => new Float32Array(p.length).fill(s.init));
  return GRADS.map((g, k) => {
    rmsprop.update(p, Float32Array.from(g), slots, h, k + 1);
    return Float32Array.from(p);
  });
}

/** Keras 3 RMSprop in float64, written out from the formulas. */
function reference(
  lr: number,
  rho: number,
  mu: number,
  eps: number,
  centered: boolean,
): number[][] {
  const w = [...START];
  const v = [0, 0, 0];
  const a = [0, 0, 0];
  const m = [0, 0, 0];
  const out: number[][] = [];
  for (const g of GRADS) {
    for (let i = 0; i < 3; i++) {
      v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
      let denom = v[i] + eps;
      if (centered) {
        a[i] = rho * a[i] + (1 - rho) * g[i];
        denom = v[i] - a[i] * a[i] + eps;
      }
      const inc = (lr * g[i]) / Math.sqrt(denom);
      if (mu > 0) {
        m[i] = mu * m[i] + inc;
        w[i] -= m[i];
      } else w[i] -= inc;
    }
    out.push([...w]);
  }
  return out;
}

describe('rmsprop', () => {
  it('has the Keras defaults', () => {
    const h = rmsprop.hyper.parse({});
    expect(h).toEqual({
      learningRate: 0.001,
      rho: 0.9,
      momentum: 0,
      epsilon: 1e-7,
      centered: false,
    });
    expect(rmsprop.slots(h)).toEqual([{ name: 'velocity', init: 0 }]);
  });

  it("matches Keras's docstring example: var 10, loss var²/2, lr 0.1 → 9.683772", () => {
    const p = Float32Array.of(10);
    const h = rmsprop.hyper.parse({ learningRate: 0.1 });
    rmsprop.update(p, Float32Array.of(10), [new Float32Array(1)], h, 1);
    expect(p[0]).toBeCloseTo(9.683772, 5);
  });

  it('plain: three steps equal the hand formulas', () => {
    const got = run(rmsprop.hyper.parse({ learningRate: 0.01 }));
    // First step by hand, first element: v = 0.1·0.01 = 0.001, w = 1 − 0.01·0.1/√(0.001 + 1e-7).
    expect(got[0][0]).toBeCloseTo(1 - 0.001 / Math.sqrt(0.0010001), 7);
    reference(0.01, 0.9, 0, 1e-7, false).forEach((e, k) => expectRel(got[k], e));
  });

  it('momentum and centered: three steps equal the hand formulas', () => {
    const h = rmsprop.hyper.parse({ learningRate: 0.01, rho: 0.8, momentum: 0.5, centered: true });
    expect(rmsprop.slots(h).map((s) => s.name)).toEqual([
      'velocity',
      'momentum',
      'average_gradient',
    ]);
    const got = run(h);
    reference(0.01, 0.8, 0.5, 1e-7, true).forEach((e, k) => expectRel(got[k], e));
  });

  it('centered without momentum', () => {
    const got = run(rmsprop.hyper.parse({ learningRate: 0.02, centered: true }));
    reference(0.02, 0.9, 0, 1e-7, true).forEach((e, k) => expectRel(got[k], e));
  });

  it('maps names to Keras', () => {
    expect(rmsprop.kerasConfig(rmsprop.hyper.parse({}))).toMatchObject({
      name: 'rmsprop',
      learning_rate: 0.001,
      rho: 0.9,
      momentum: 0,
      epsilon: 1e-7,
      centered: false,
      clipnorm: null,
    });
  });
});
