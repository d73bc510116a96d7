// Dropout: inverted dropout as keras.layers.Dropout — active only in the training graph, where each
// element is zeroed with probability `rate` and survivors are scaled by 1/(1−rate); identity otherwise.
import { z } from 'zod';
import { hashString } from '../random/rng.ts';
import { kerasBaseConfig } from './kerasConfig.ts';
import { defineLayer, type BuildContext } from './types.ts';

const params = z.object({
  rate: z
    .number({ error: 'rate must be a number in [0, 1)' })
    .min(0, { error: 'rate must be in [0, 1), e.g. 0.2' })
    .lt(1, { error: 'rate must be in [0, 1), e.g. 0.2' })
    .default(0.5)
    .meta({ label: 'Rate', help: 'Fraction of inputs zeroed at each training step, in [0, 1).' }),
  seed: z
    .number()
    .int({ error: 'seed must be a whole number' })
    .min(0, { error: 'seed must be ≥ 0' })
    .max(0xffffffff, { error: 'seed must fit in 32 bits' })
    .nullable()
    .default(null)
    .meta({
      label: 'Seed',
      help: "Seed of the dropout masks; empty derives one from the project's seed.",
    }),
});

/** Dropout params, defaults filled in. */
export type DropoutParams = z.infer<typeof params>;

/** The mask seed: the layer's own, else one derived from the project seed and the node's index. */
export function dropoutSeed(p: DropoutParams, ctx: BuildContext): number {
  if (p.seed !== null) return p.seed >>> 0;
  return hashString(`dropout/${ctx.nodeIndex}`, ctx.seed >>> 0);
}

/** keras.layers.Dropout. */
export const Dropout = defineLayer<DropoutParams>({
  type: 'Dropout',
  kerasClass: 'Dropout',
  defaultName: 'dropout',
  category: 'Regularization',
  description: 'During training, zeroes a random fraction of its inputs to reduce overfitting.',
  params,
  inputs: { kind: 'single' },
  outputShape: (_p, inputs) => inputs[0],
  weights: () => [],
  build(o, p, inputs, _w, ctx) {
    // Keras skips dropout when rate is 0, so no mask (and no op) is emitted either.
    if (!ctx.training || p.rate === 0) return inputs[0];
    return o.dropout(inputs[0], ctx.stepSeed, p.rate, dropoutSeed(p, ctx));
  },
  kerasConfig: (p, name) => ({
    ...kerasBaseConfig(name),
    rate: p.rate,
    seed: p.seed,
    noise_shape: null,
  }),
  inline: (p) => `rate ${p.rate}`,
});
