// RMSprop as keras.optimizers.RMSprop (Keras 3): velocity v = ρv + (1−ρ)g² starting at 0, step
// lr·g/√(v + ε) (centered: √(v − ḡ² + ε) with ḡ = ρḡ + (1−ρ)g), optionally accumulated into a
// plain momentum buffer m = μm + step.
import { z } from 'zod';
import { defineOptimizer, kerasBaseConfig } from './types.ts';

const f = Math.fround;

const hyper = z.object({
  learningRate: z
    .number()
    .nonnegative({ error: 'learning rate must be ≥ 0' })
    .default(0.001)
    .meta({ label: 'Learning rate', help: 'Step size of each update; Keras default 0.001.' }),
  rho: z
    .number()
    .min(0, { error: 'rho must be between 0 and 1' })
    .max(1, { error: 'rho must be between 0 and 1' })
    .default(0.9)
    .meta({ label: 'Rho', help: 'Decay of the running average of squared gradients.' }),
  momentum: z
    .number()
    .min(0, { error: 'momentum must be between 0 and 1' })
    .max(1, { error: 'momentum must be between 0 and 1' })
    .default(0)
    .meta({
      label: 'Momentum',
      help: 'Fraction of the previous step added to the next; 0 = none.',
    }),
  epsilon: z
    .number()
    .nonnegative({ error: 'epsilon must be ≥ 0' })
    .default(1e-7)
    .meta({ label: 'Epsilon', help: 'Small constant added under the square root for stability.' }),
  centered: z.boolean().default(false).meta({
    label: 'Centered',
    help: 'Normalise by the estimated variance of the gradient instead of its second moment.',
  }),
});

/** RMSprop hyperparameters, defaults filled in. */
export type RmspropHyper = z.infer<typeof hyper>;

/** keras.optimizers.RMSprop. */
export const rmsprop = defineOptimizer<RmspropHyper>({
  type: 'rmsprop',
  label: 'RMSprop',
  kerasClass: 'RMSprop',
  hyper,
  // Order: velocity, then momentum (only when momentum > 0), then average gradient (only when centered).
  slots: (h) => [
    { name: 'velocity', init: 0 },
    ...(h.momentum > 0 ? [{ name: 'momentum', init: 0 }] : []),
    ...(h.centered ? [{ name: 'average_gradient', init: 0 }] : []),
  ],
  update(p, g, slots, h) {
    const v = slots[0];
    const mom = h.momentum > 0 ? slots[1] : null;
    const avg = h.centered ? slots[h.momentum > 0 ? 2 : 1] : null;
    const lr = f(h.learningRate);
    const rho = f(h.rho);
    const oneMinusRho = f(1 - h.rho);
    const eps = f(h.epsilon);
    const mu = f(h.momentum);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      const vi = f(f(rho * v[i]) + f(oneMinusRho * f(gi * gi)));
      v[i] = vi;
      let denom: number;
      if (avg) {
        const ai = f(f(rho * avg[i]) + f(oneMinusRho * gi));
        avg[i] = ai;
        denom = f(f(vi - f(ai * ai)) + eps);
      } else {
        denom = f(vi + eps);
      }
      const inc = f(f(lr * gi) / f(Math.sqrt(denom)));
      if (mom) {
        const mi = f(f(mu * mom[i]) + inc);
        mom[i] = mi;
        p[i] = f(p[i] - mi);
      } else {
        p[i] = f(p[i] - inc);
      }
    }
  },
  kerasConfig: (h, clipnorm = null) => ({
    ...kerasBaseConfig('rmsprop', h.learningRate, null, clipnorm),
    rho: h.rho,
    momentum: h.momentum,
    epsilon: h.epsilon,
    centered: h.centered,
  }),
});
