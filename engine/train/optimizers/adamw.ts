// AdamW as keras.optimizers.AdamW: decoupled weight decay p −= p·wd·lr (the base learning rate,
// not Adam's bias-corrected one), applied before the ordinary Adam step.
import { z } from 'zod';
import { adamFields, adamSlots, adamStep } from './adam.ts';
import { defineOptimizer, kerasBaseConfig } from './types.ts';

const f = Math.fround;

const hyper = z.object({
  ...adamFields,
  weightDecay: z.number().nonnegative({ error: 'weight decay must be ≥ 0' }).default(0.004).meta({
    label: 'Weight decay',
    help: 'Fraction of each weight removed per step (times the learning rate); Keras default 0.004.',
  }),
});

/** AdamW hyperparameters, defaults filled in. */
export type AdamwHyper = z.infer<typeof hyper>;

/** keras.optimizers.AdamW. */
export const adamw = defineOptimizer<AdamwHyper>({
  type: 'adamw',
  label: 'AdamW',
  kerasClass: 'AdamW',
  hyper,
  slots: adamSlots,
  update(p, g, slots, h, t) {
    const lr = f(h.learningRate);
    const wd = f(h.weightDecay);
    for (let i = 0; i < p.length; i++) p[i] = f(p[i] - f(f(p[i] * wd) * lr));
    adamStep(p, g, slots, h, t);
  },
  kerasConfig: (h, clipnorm = null) => ({
    ...kerasBaseConfig('adamw', h.learningRate, h.weightDecay, clipnorm),
    beta_1: h.beta1,
    beta_2: h.beta2,
    epsilon: h.epsilon,
    amsgrad: h.amsgrad,
  }),
});
