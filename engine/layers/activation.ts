// Activation: applies one activation function element-wise (softmax over the last axis), as
// keras.layers.Activation. No weights; the shape is unchanged.
import { z } from 'zod';
import { ActivationSchema, applyActivation } from './activations.ts';
import { kerasBaseConfig } from './kerasConfig.ts';
import { defineLayer } from './types.ts';

const params = z.object({
  activation: ActivationSchema.default('relu').meta({
    label: 'Activation',
    help: 'Function applied to every input value.',
  }),
});

/** Activation params, defaults filled in. */
export type ActivationParams = z.infer<typeof params>;

/** keras.layers.Activation. */
export const Activation = defineLayer<ActivationParams>({
  type: 'Activation',
  kerasClass: 'Activation',
  defaultName: 'activation',
  category: 'Core',
  description: 'Applies an activation function (relu, sigmoid, tanh, softmax) to its input.',
  params,
  inputs: { kind: 'single' },
  outputShape: (_p, inputs) => inputs[0],
  weights: () => [],
  build: (o, p, inputs) => applyActivation(o, p.activation, inputs[0]),
  kerasConfig: (p, name) => ({ ...kerasBaseConfig(name), activation: p.activation }),
  inline: (p) => p.activation,
});
