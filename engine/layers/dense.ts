// Dense: y = activation(x · kernel + bias) over the last axis, as keras.layers.Dense. Inputs of
// rank > 2 are flattened to rows, multiplied, and reshaped back (Keras's tensordot on axis −1).
import { z } from 'zod';
import { LoomError } from '../errors.ts';
import { ActivationSchema, applyActivation } from './activations.ts';
import { InitializerSpecSchema, kerasInitializer } from './initializers.ts';
import { kerasBaseConfig } from './kerasConfig.ts';
import { formatShape } from './shape.ts';
import { defineLayer, type SymShape, type WeightSpec } from './types.ts';

const params = z.object({
  units: z
    .number()
    .int({ error: 'units must be a whole number' })
    .min(1, { error: 'units must be at least 1' })
    .default(32)
    .meta({ label: 'Units', help: 'Number of outputs (neurons) of the layer.' }),
  activation: ActivationSchema.default('linear').meta({
    label: 'Activation',
    help: 'Function applied to each output; linear means none.',
  }),
  useBias: z
    .boolean()
    .default(true)
    .meta({ label: 'Use bias', help: 'Whether to add a learned bias vector to the outputs.' }),
  kernelInitializer: InitializerSpecSchema.default(() => ({
    type: 'glorot_uniform' as const,
  })).meta({
    label: 'Kernel initializer',
    help: 'How the weight matrix starts; Keras uses glorot_uniform.',
  }),
  biasInitializer: InitializerSpecSchema.default(() => ({ type: 'zeros' as const })).meta({
    label: 'Bias initializer',
    help: 'How the bias vector starts; Keras uses zeros.',
  }),
});

/** Dense params, defaults filled in. */
export type DenseParams = z.infer<typeof params>;

/** The input feature size (last axis); throws when the input cannot feed a Dense layer. */
function inputUnits(inputs: readonly SymShape[]): number {
  const x = inputs[0];
  if (x.length < 2)
    throw new LoomError(
      'graph/shape',
      `Dense needs an input of rank ≥ 2 such as (None, 8); got ${formatShape(x)}`,
      { port: 'in' },
      'Connect an Input with at least one feature dimension, or Flatten the input first.',
    );
  const last = x[x.length - 1];
  if (last === null)
    throw new LoomError(
      'graph/shape',
      `Dense needs the last axis of its input to be known; got ${formatShape(x)}`,
      { port: 'in' },
      'Give the input a fixed number of features.',
    );
  return last;
}

/** keras.layers.Dense. */
export const Dense = defineLayer<DenseParams>({
  type: 'Dense',
  kerasClass: 'Dense',
  defaultName: 'dense',
  category: 'Core',
  description: 'Fully connected layer: every output is a weighted sum of all inputs plus a bias.',
  params,
  inputs: { kind: 'single' },
  outputShape(p, inputs) {
    inputUnits(inputs);
    return [...inputs[0].slice(0, -1), p.units];
  },
  weights(p, inputs) {
    const inUnits = inputUnits(inputs);
    const w: WeightSpec[] = [
      {
        name: 'kernel',
        shape: [inUnits, p.units],
        initializer: p.kernelInitializer,
        trainable: true,
      },
    ];
    if (p.useBias)
      w.push({ name: 'bias', shape: [p.units], initializer: p.biasInitializer, trainable: true });
    return w;
  },
  build(o, p, inputs, weights) {
    const x = inputs[0];
    const inUnits = x.shape[x.shape.length - 1];
    const rows = x.shape.slice(0, -1);
    const flat =
      x.shape.length === 2 ? x : o.reshape(x, [rows.reduce((a, b) => a * b, 1), inUnits]);
    let y = o.matMul(flat, weights.kernel);
    if (p.useBias) y = o.add(y, weights.bias);
    if (x.shape.length !== 2) y = o.reshape(y, [...rows, p.units]);
    return applyActivation(o, p.activation, y);
  },
  kerasConfig: (p, name) => ({
    ...kerasBaseConfig(name),
    units: p.units,
    activation: p.activation,
    use_bias: p.useBias,
    kernel_initializer: kerasInitializer(p.kernelInitializer),
    bias_initializer: kerasInitializer(p.biasInitializer),
    kernel_regularizer: null,
    bias_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null,
  }),
  inline: (p) => (p.activation === 'linear' ? `${p.units}` : `${p.units} · ${p.activation}`),
});
