// Adam as keras.optimizers.Adam: with t the 1-based iteration,
//   α = lr·√(1−β2^t)/(1−β1^t);  m += (g−m)(1−β1);  v += (g²−v)(1−β2);  p −= m·α/(√v + ε)
// (AMSGrad: v̂ = max(v̂, v) replaces v in the step). AdamW reuses this step.
import { z } from 'zod';
import { defineOptimizer, kerasBaseConfig, type SlotSpec } from './types.ts';

const f = Math.fround;

/** Adam's hyperparameter fields, shared with AdamW. */
export const adamFields = {
  learningRate: z
    .number()
    .nonnegative({ error: 'learning rate must be ≥ 0' })
    .default(0.001)
    .meta({ label: 'Learning rate', help: 'Step size of each update; Keras default 0.001.' }),
  beta1: z
    .number()
    .min(0, { error: 'beta1 must be in [0, 1)' })
    .lt(1, { error: 'beta1 must be in [0, 1)' })
    .default(0.9)
    .meta({ label: 'Beta 1', help: 'Decay rate of the running mean of gradients.' }),
  beta2: z
    .number()
    .min(0, { error: 'beta2 must be in [0, 1)' })
    .lt(1, { error: 'beta2 must be in [0, 1)' })
    .default(0.999)
    .meta({ label: 'Beta 2', help: 'Decay rate of the running mean of squared gradients.' }),
  epsilon: z
    .number()
    .nonnegative({ error: 'epsilon must be ≥ 0' })
    .default(1e-7)
    .meta({ label: 'Epsilon', help: 'Small constant added to the denominator for stability.' }),
  amsgrad: z.boolean().default(false).meta({
    label: 'AMSGrad',
    help: 'Use the maximum of past squared-gradient averages (AMSGrad variant).',
  }),
};

const hyper = z.object(adamFields);

/** Adam hyperparameters, defaults filled in. */
export type AdamHyper = z.infer<typeof hyper>;

/** Adam's per-parameter state: momentum, velocity, and velocity_hat only with AMSGrad. */
export function adamSlots(h: AdamHyper): SlotSpec[] {
  return [
    { name: 'momentum', init: 0 },
    { name: 'velocity', init: 0 },
    ...(h.amsgrad ? [{ name: 'velocity_hat', init: 0 }] : []),
  ];
}

/** One Adam update of `p` in place (t is the 1-based iteration). */
export function adamStep(
  p: Float32Array,
  g: Float32Array,
  slots: Float32Array[],
  h: AdamHyper,
  t: number,
): void {
  const [m, v] = slots;
  const vHat = h.amsgrad ? slots[2] : null;
  const lr = f(h.learningRate);
  const b1Power = f(Math.pow(f(h.beta1), t));
  const b2Power = f(Math.pow(f(h.beta2), t));
  const alpha = f(f(lr * f(Math.sqrt(f(1 - b2Power)))) / f(1 - b1Power));
  // Keras forms 1 − β in Python (float64) before it meets a float32 tensor.
  const oneMinusB1 = f(1 - h.beta1);
  const oneMinusB2 = f(1 - h.beta2);
  const eps = f(h.epsilon);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = f(m[i] + f(f(gi - m[i]) * oneMinusB1));
    m[i] = mi;
    let vi = f(v[i] + f(f(f(gi * gi) - v[i]) * oneMinusB2));
    v[i] = vi;
    if (vHat) {
      vi = Math.max(vHat[i], vi);
      vHat[i] = vi;
    }
    p[i] = f(p[i] - f(f(mi * alpha) / f(f(Math.sqrt(vi)) + eps)));
  }
}

/** keras.optimizers.Adam. */
export const adam = defineOptimizer<AdamHyper>({
  type: 'adam',
  label: 'Adam',
  kerasClass: 'Adam',
  hyper,
  slots: adamSlots,
  update: adamStep,
  kerasConfig: (h, clipnorm = null) => ({
    ...kerasBaseConfig('adam', h.learningRate, null, clipnorm),
    beta_1: h.beta1,
    beta_2: h.beta2,
    epsilon: h.epsilon,
    amsgrad: h.amsgrad,
  }),
});
