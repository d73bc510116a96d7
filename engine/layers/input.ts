// Input: where a batch of features enters the model. No weights; the compiler feeds the tensor,
// so build only passes it through.
import { z } from 'zod';
import { defineLayer } from './types.ts';

const params = z.object({
  shape: z
    .array(z.number().int().min(1, { error: 'each dimension must be a positive integer' }))
    .min(1, { error: 'shape needs at least one dimension' })
    .default(() => [1])
    .meta({
      label: 'Shape',
      help: 'Shape of one example, without the batch dimension, e.g. 784 or 28×28.',
    }),
});

/** Input params, defaults filled in. */
export type InputParams = z.infer<typeof params>;

/** keras.layers.InputLayer. */
export const Input = defineLayer<InputParams>({
  type: 'Input',
  kerasClass: 'InputLayer',
  defaultName: 'input_layer',
  category: 'Core',
  description: 'Where examples enter the model: one feature tensor of a fixed shape per example.',
  params,
  inputs: { kind: 'none' },
  outputShape: (p) => [null, ...p.shape],
  weights: () => [],
  build: (_o, _p, inputs) => inputs[0],
  kerasConfig: (p, name) => ({
    batch_shape: [null, ...p.shape],
    dtype: 'float32',
    sparse: false,
    name,
  }),
  inline: (p) => `shape ${p.shape.join('×')}`,
});
