// Concatenate: joins its inputs along one axis, as keras.layers.Concatenate. All inputs share a
// rank and every dim except the axis; an unknown (None) size on the axis makes the result None.
import { z } from 'zod';
import { LoomError } from '../errors.ts';
import { kerasBaseConfig } from './kerasConfig.ts';
import { dimsCompatible, formatShape, resolveAxis } from './shape.ts';
import { defineLayer, type SymShape } from './types.ts';

const params = z.object({
  axis: z.number().int({ error: 'axis must be a whole number' }).default(-1).meta({
    label: 'Axis',
    help: 'Axis to join along; −1 is the last (feature) axis. The batch axis 0 is not allowed.',
  }),
});

/** Concatenate params, defaults filled in. */
export type ConcatenateParams = z.infer<typeof params>;

/** Output shape of a concatenation; throws naming the first input port that does not fit. */
function concatShape(axis: number, inputs: readonly SymShape[]): SymShape {
  const first = inputs[0];
  const rank = first.length;
  const a = resolveAxis(axis, rank, 'Concatenate');
  if (a === 0)
    throw new LoomError(
      'graph/param',
      'Concatenate cannot join along the batch axis 0',
      { param: 'axis' },
      'Use axis −1 to join features.',
    );
  const out: (number | null)[] = [...first];
  for (let i = 1; i < inputs.length; i++) {
    const s = inputs[i];
    const mismatch = s.length !== rank || s.some((d, k) => k !== a && !dimsCompatible(d, first[k]));
    if (mismatch)
      throw new LoomError(
        'graph/shape',
        `Concatenate needs inputs with matching shapes except on axis ${axis}; ` +
          `in0 is ${formatShape(first)} but in${i} is ${formatShape(s)}`,
        { port: `in${i}` },
        s.length !== rank
          ? 'Connect inputs of the same rank, or Flatten them first.'
          : 'Make the other dimensions equal, or choose another axis.',
      );
    for (let k = 0; k < rank; k++) if (k !== a && out[k] === null) out[k] = s[k];
    out[a] = out[a] === null || s[a] === null ? null : out[a] + s[a];
  }
  return out;
}

/** keras.layers.Concatenate. */
export const Concatenate = defineLayer<ConcatenateParams>({
  type: 'Concatenate',
  kerasClass: 'Concatenate',
  defaultName: 'concatenate',
  category: 'Merge',
  description: 'Joins several inputs side by side along one axis (by default the features).',
  params,
  inputs: { kind: 'variadic', min: 2 },
  outputShape: (p, inputs) => concatShape(p.axis, inputs),
  weights: () => [],
  build: (o, p, inputs) => o.concat(inputs, p.axis),
  kerasConfig: (p, name) => ({ ...kerasBaseConfig(name), axis: p.axis }),
  inline: (p) => `axis ${p.axis < 0 ? `−${-p.axis}` : p.axis}`,
});
