// concat: joins one or more tensors along an axis (negative = from the end). All inputs have the
// same rank and agree on every other axis. The gradient slices dy back into the input pieces.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import { aroundAxis, normalizeAxis, shapeError } from './axes.ts';
import { showShape, type Shape } from '../tensor.ts';

/** Attributes of concat. */
export interface ConcatAttrs extends Attrs {
  axis?: number;
}

/** Output shape; throws LoomError('op/shape') naming the first input that does not fit. */
function concatShape(inputs: readonly Shape[], axisAttr: number | undefined): Shape {
  if (inputs.length === 0)
    shapeError('concat', 'inputs', 'needs at least one input', 'Connect at least one input.');
  const first = inputs[0];
  const axis = normalizeAxis('concat', 'axis', axisAttr ?? -1, first.length);
  const out = [...first];
  for (let i = 1; i < inputs.length; i++) {
    const s = inputs[i];
    const bad = s.length !== first.length || s.some((d, k) => k !== axis && d !== first[k]);
    if (bad)
      shapeError(
        'concat',
        `input ${i}`,
        `input ${i} has shape ${showShape(s)}, which does not fit input 0 ${showShape(first)} on axes other than ${axis}`,
        'All inputs must have the same rank and the same size on every axis except the concatenation axis.',
      );
    out[axis] += s[axis];
  }
  return out;
}

/** Concatenation along `axis` of any number of inputs. */
export const concat = defineOp<ConcatAttrs>({
  name: 'concat',
  arity: 'variadic',
  shape: (inputs, attrs) => concatShape(inputs, attrs.axis),
  cpu(inputs, attrs, out) {
    const shape = concatShape(
      inputs.map((t) => t.shape),
      attrs.axis,
    );
    const axis = normalizeAxis('concat', 'axis', attrs.axis ?? -1, shape.length);
    const [outer, dim, inner] = aroundAxis(shape, axis);
    const row = dim * inner;
    const ys = out.data;
    let offset = 0;
    for (const t of inputs) {
      // Each input fills a contiguous chunk of every output row.
      const chunk = t.shape[axis] * inner;
      const xs = t.data;
      for (let o = 0; o < outer; o++) {
        const src = o * chunk;
        const dst = o * row + offset;
        for (let j = 0; j < chunk; j++) ys[dst + j] = xs[src + j];
      }
      offset += chunk;
    }
  },
  grad(b, dy, inputs, _y, attrs) {
    const o = ops(b);
    const axis = normalizeAxis('concat', 'axis', attrs.axis ?? -1, dy.shape.length);
    let start = 0;
    return inputs.map((x) => {
      const begin = dy.shape.map((_, k) => (k === axis ? start : 0));
      start += x.shape[axis];
      return o.slice(dy, begin, x.shape);
    });
  },
  shader: 'concat',
});
