// Add: the element-wise sum of its inputs, as keras.layers.Add. All inputs have the same shape.
import { z } from 'zod';
import { LoomError } from '../errors.ts';
import { kerasBaseConfig } from './kerasConfig.ts';
import { dimsCompatible, formatShape } from './shape.ts';
import { defineLayer, type SymShape } from './types.ts';

const params = z.object({});

/** Add has no params. */
export type AddParams = z.infer<typeof params>;

/** The common shape of the inputs (known dims win over None); throws naming the odd port. */
function sumShape(inputs: readonly SymShape[]): SymShape {
  const first = inputs[0];
  const out: (number | null)[] = [...first];
  for (let i = 1; i < inputs.length; i++) {
    const s = inputs[i];
    if (s.length !== first.length || s.some((d, k) => !dimsCompatible(d, first[k])))
      throw new LoomError(
        'graph/shape',
        `Add needs inputs of the same shape; in0 is ${formatShape(first)} but in${i} is ${formatShape(s)}`,
        { port: `in${i}` },
        'Connect layers with equal output shapes, e.g. Dense layers with the same units.',
      );
    for (let k = 0; k < out.length; k++) if (out[k] === null) out[k] = s[k];
  }
  return out;
}

/** keras.layers.Add. */
export const Add = defineLayer<AddParams>({
  type: 'Add',
  kerasClass: 'Add',
  defaultName: 'add',
  category: 'Merge',
  description: 'Adds several inputs of the same shape element by element (e.g. a residual link).',
  params,
  inputs: { kind: 'variadic', min: 2 },
  outputShape: (_p, inputs) => sumShape(inputs),
  weights: () => [],
  build: (o, _p, inputs) => inputs.slice(1).reduce((acc, x) => o.add(acc, x), inputs[0]),
  kerasConfig: (_p, name) => kerasBaseConfig(name),
  inline: () => '',
});
