// Flatten: (None, a, b, …) → (None, a·b·…), as keras.layers.Flatten (channels_last). The batch
// axis is kept; a rank-1 input (batch only) becomes (None, 1) as in Keras.
import { z } from 'zod';
import { LoomError } from '../errors.ts';
import { kerasBaseConfig } from './kerasConfig.ts';
import { formatShape } from './shape.ts';
import { defineLayer, type SymShape } from './types.ts';

const params = z.object({});

/** Flatten has no params. */
export type FlattenParams = z.infer<typeof params>;

function flatShape(x: SymShape): SymShape {
  const rest = x.slice(1);
  if (rest.some((d) => d === null))
    throw new LoomError(
      'graph/shape',
      `Flatten needs every non-batch dimension to be known; got ${formatShape(x)}`,
      { port: 'in' },
      'Give the input a fixed shape.',
    );
  return [x[0] ?? null, (rest as number[]).reduce((a, b) => a * b, 1)];
}

/** keras.layers.Flatten. */
export const Flatten = defineLayer<FlattenParams>({
  type: 'Flatten',
  kerasClass: 'Flatten',
  defaultName: 'flatten',
  category: 'Reshape',
  description: 'Turns each example into one flat vector, e.g. a 28×28 image into 784 features.',
  params,
  inputs: { kind: 'single' },
  outputShape: (_p, inputs) => flatShape(inputs[0]),
  weights: () => [],
  build(o, _p, inputs) {
    const x = inputs[0];
    if (x.shape.length === 2) return x;
    const n = x.shape.slice(1).reduce((a, b) => a * b, 1);
    return o.reshape(x, [x.shape[0], n]);
  },
  kerasConfig: (_p, name) => ({ ...kerasBaseConfig(name), data_format: 'channels_last' }),
  inline: () => '',
});
