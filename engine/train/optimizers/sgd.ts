// SGD as keras.optimizers.SGD: plain gradient descent, or with a velocity
// m = m·momentum − g·lr and p += m (Nesterov: p += m·momentum − g·lr).
import { z } from 'zod';
import { defineOptimizer, kerasBaseConfig } from './types.ts';

const f = Math.fround;

const hyper = z.object({
  learningRate: z
    .number()
    .nonnegative({ error: 'learning rate must be ≥ 0' })
    .default(0.01)
    .meta({ label: 'Learning rate', help: 'Step size of each update; Keras default 0.01.' }),
  momentum: z
    .number()
    .min(0, { error: 'momentum must be between 0 and 1' })
    .max(1, { error: 'momentum must be between 0 and 1' })
    .default(0)
    .meta({
      label: 'Momentum',
      help: 'Fraction of the previous update carried into the next; 0 is plain gradient descent.',
    }),
  nesterov: z
    .boolean()
    .default(false)
    .meta({ label: 'Nesterov', help: 'Use Nesterov momentum (looks ahead along the velocity).' }),
});

/** SGD hyperparameters, defaults filled in. */
export type SgdHyper = z.infer<typeof hyper>;

/** keras.optimizers.SGD. */
export const sgd = defineOptimizer<SgdHyper>({
  type: 'sgd',
  label: 'SGD',
  kerasClass: 'SGD',
  hyper,
  // Keras creates the momentum variable only when momentum ≠ 0.
  slots: (h) => (h.momentum !== 0 ? [{ name: 'momentum', init: 0 }] : []),
  update(p, g, slots, h) {
    const lr = f(h.learningRate);
    if (h.momentum === 0) {
      for (let i = 0; i < p.length; i++) p[i] = f(p[i] - f(g[i] * lr));
      return;
    }
    const m = slots[0];
    const mu = f(h.momentum);
    for (let i = 0; i < p.length; i++) {
      const gl = f(g[i] * lr);
      const mi = f(f(m[i] * mu) - gl);
      m[i] = mi;
      p[i] = h.nesterov ? f(p[i] + f(f(mi * mu) - gl)) : f(p[i] + mi);
    }
  },
  kerasConfig: (h, clipnorm = null) => ({
    ...kerasBaseConfig('SGD', h.learningRate, null, clipnorm),
    momentum: h.momentum,
    nesterov: h.nesterov,
  }),
});
