// clip(x; min, max) as tf.clip_by_value: min(max(x, min), max), NaN stays NaN. The gradient passes
// dy where min ≤ x ≤ max (boundaries included) and is 0 outside, as TensorFlow's clip gradient.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import { LoomError } from '../errors.ts';
import type { Shape } from '../tensor.ts';

/** Attributes of clip. */
export interface ClipAttrs extends Attrs {
  min: number;
  max: number;
}

/** The validated bounds; throws LoomError('op/attr') unless min ≤ max and neither is NaN. */
function bounds(attrs: ClipAttrs): [number, number] {
  const { min, max } = attrs;
  for (const [param, v] of [
    ['min', min],
    ['max', max],
  ] as const)
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new LoomError(
        'op/attr',
        `clip: ${param} must be a number, got ${String(v)}`,
        { param },
        `Set ${param} to a finite number.`,
      );
  if (min > max)
    throw new LoomError(
      'op/attr',
      `clip: min ${min} is greater than max ${max}`,
      { param: 'min' },
      'Choose min ≤ max.',
    );
  return [min, max];
}

/** x limited to [min, max]. */
export const clip = defineOp<ClipAttrs>({
  name: 'clip',
  arity: 1,
  shape([x]: readonly Shape[], attrs) {
    bounds(attrs);
    return x;
  },
  cpu([x], attrs, out) {
    const [lo, hi] = bounds(attrs);
    const xs = x.data;
    const ys = out.data;
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i];
      ys[i] = v < lo ? lo : v > hi ? hi : v;
    }
  },
  grad(b, dy, [x], _y, attrs) {
    const o = ops(b);
    const [lo, hi] = bounds(attrs);
    return [o.where(o.less(x, lo), 0, o.where(o.greater(x, hi), 0, dy))];
  },
  shader: 'clip',
});
