// reshape: same row-major data, new shape. One dimension may be −1, inferred from the element count
// (as in tf.reshape). The gradient reshapes dy back to the input's shape.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import { attrError, shapeError } from './axes.ts';
import { showShape, sizeOf, type Shape } from '../tensor.ts';

/** Attributes of reshape. */
export interface ReshapeAttrs extends Attrs {
  shape: number[];
}

/** The target shape with its −1 resolved; throws LoomError when it cannot hold x's elements. */
export function resolveReshape(x: Shape, target: unknown): number[] {
  if (
    !Array.isArray(target) ||
    !target.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= -1)
  )
    attrError(
      'reshape',
      'shape',
      `shape must be a list of integers ≥ −1, got ${JSON.stringify(target)}`,
      'Give every dimension as a non-negative integer, with at most one −1 to infer.',
    );
  const dims = target as number[];
  const unknown = dims.filter((d) => d === -1).length;
  if (unknown > 1)
    attrError(
      'reshape',
      'shape',
      `shape ${showShape(dims)} has more than one −1`,
      'Only one dimension can be inferred; give the others explicitly.',
    );
  const n = sizeOf(x);
  const known = dims.reduce((p, d) => (d === -1 ? p : p * d), 1);
  if (unknown === 1) {
    if (known === 0 || n % known !== 0)
      shapeError(
        'reshape',
        'input 0',
        `cannot infer the −1 in ${showShape(dims)} for the ${n} elements of ${showShape(x)}`,
        `Choose dimensions whose product divides ${n} (and is not 0).`,
      );
    return dims.map((d) => (d === -1 ? n / known : d));
  }
  if (known !== n)
    shapeError(
      'reshape',
      'input 0',
      `cannot reshape ${showShape(x)} (${n} elements) to ${showShape(dims)} (${known} elements)`,
      'The new shape must hold exactly as many elements as the input.',
    );
  return [...dims];
}

/** Row-major reshape; one −1 allowed. */
export const reshape = defineOp<ReshapeAttrs>({
  name: 'reshape',
  arity: 1,
  shape: ([x], attrs) => resolveReshape(x, attrs.shape),
  cpu([x], _attrs, out) {
    out.data.set(x.data);
  },
  grad: (b, dy, [x]) => [ops(b).reshape(dy, x.shape)],
  shader: 'reshape',
});
