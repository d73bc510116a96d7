// Adagrad as keras.optimizers.Adagrad: accumulator a (starting at initialAccumulatorValue) += g²,
// then p −= lr·g/√(a + ε).
import { z } from 'zod';
import { defineOptimizer, kerasBaseConfig } from './types.ts';

const f = Math.fround;

const hyper = z.object({
  learningRate: z
    .number()
    .nonnegative({ error: 'learning rate must be ≥ 0' })
    .default(0.001)
    .meta({ label: 'Learning rate', help: 'Step size of each update; Keras default 0.001.' }),
  initialAccumulatorValue: z
    .number()
    .nonnegative({ error: 'the initial accumulator value must be ≥ 0' })
    .default(0.1)
    .meta({
      label: 'Initial accumulator',
      help: 'Starting value of the per-weight sum of squared gradients.',
    }),
  epsilon: z
    .number()
    .nonnegative({ error: 'epsilon must be ≥ 0' })
    .default(1e-7)
    .meta({ label: 'Epsilon', help: 'Small constant added under the square root for stability.' }),
});

/** Adagrad hyperparameters, defaults filled in. */
export type AdagradHyper = z.infer<typeof hyper>;

/** keras.optimizers.Adagrad. */
export const adagrad = defineOptimizer<AdagradHyper>({
  type: 'adagrad',
  label: 'Adagrad',
  kerasClass: 'Adagrad',
  hyper,
  slots: (h) => [{ name: 'accumulator', init: h.initialAccumulatorValue }],
  update(p, g, [acc], h) {
    const lr = f(h.learningRate);
    const eps = f(h.epsilon);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      const ai = f(acc[i] + f(gi * gi));
      acc[i] = ai;
      p[i] = f(p[i] - f(f(lr * gi) / f(Math.sqrt(f(ai + eps)))));
    }
  },
  kerasConfig: (h, clipnorm = null) => ({
    ...kerasBaseConfig('adagrad', h.learningRate, null, clipnorm),
    initial_accumulator_value: h.initialAccumulatorValue,
    epsilon: h.epsilon,
  }),
});
