// Inverted dropout, as tf.nn.dropout: each element is kept with probability 1 − rate and scaled by
// float32(1 / (1 − rate)); dropped elements are 0 (even NaN ones). The mask is a pure function of
// (attrs.seed, the value of the scalar input stepSeed, the flat element index) — see
// engine/random/hash.ts — so the gradient is this same op applied to dy with the same stepSeed,
// and a GPU kernel reproduces the mask bit for bit. stepSeed is expected to hold a whole number
// ≥ 0 (the step counter); it is converted with ToUint32, like uint(int(v)) in GLSL.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import { attrError, shapeError } from './axes.ts';
import { keepThreshold, maskBits, maskStream } from '../random/hash.ts';
import { showShape, type Shape } from '../tensor.ts';

/** Attributes of dropout. */
export interface DropoutAttrs extends Attrs {
  rate: number;
  seed: number;
}

/** Checked rate in [0, 1) and integer seed. */
function checked(attrs: DropoutAttrs): { rate: number; seed: number } {
  const { rate, seed } = attrs;
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1))
    attrError(
      'dropout',
      'rate',
      `rate must be in [0, 1), got ${String(rate)}`,
      'Set the dropout rate to a fraction such as 0.2 (1 would drop everything).',
    );
  if (typeof seed !== 'number' || !Number.isInteger(seed))
    attrError(
      'dropout',
      'seed',
      `seed must be a whole number, got ${String(seed)}`,
      'Set an integer seed.',
    );
  return { rate, seed };
}

/** Inverted dropout with a stateless, reproducible mask. */
export const dropout = defineOp<DropoutAttrs>({
  name: 'dropout',
  arity: 2,
  shape([x, stepSeed], attrs): Shape {
    checked(attrs);
    if (stepSeed.length !== 0)
      shapeError(
        'dropout',
        'input 1',
        `the step seed must be a scalar, got shape ${showShape(stepSeed)}`,
        'Feed the step counter as a scalar (shape []).',
      );
    return x;
  },
  cpu([x, stepSeed], attrs, out) {
    const { rate, seed } = checked(attrs);
    const xs = x.data;
    const ys = out.data;
    if (rate === 0) {
      ys.set(xs);
      return;
    }
    const threshold = keepThreshold(rate);
    const scale = Math.fround(1 / (1 - rate));
    const stream = maskStream(seed, stepSeed.data[0]);
    // The product of two float32 values is exact in float64, so storing it rounds once, like a
    // float32 multiply on the GPU.
    for (let i = 0; i < xs.length; i++)
      ys[i] = maskBits(stream, i) >>> 8 >= threshold ? xs[i] * scale : 0;
  },
  grad(b, dy, [, stepSeed], _y, attrs) {
    return [ops(b).dropout(dy, stepSeed, attrs.rate, attrs.seed), null];
  },
  shader: 'dropout',
});
