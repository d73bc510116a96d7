// Shape helpers shared by the layer files: Keras-style printing and the checks every layer
// repeats. Shapes here are symbolic: null is the batch dimension or an unknown size.
import { LoomError } from '../errors.ts';
import type { SymShape } from './types.ts';

/** Prints a shape exactly like a Python tuple in Keras messages: (None, 2), (None,), (). */
export function formatShape(shape: SymShape): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  if (dims.length === 1) return `(${dims[0]},)`;
  return `(${dims.join(', ')})`;
}

/** Two dims agree when equal or when either is unknown (None). */
export function dimsCompatible(a: number | null, b: number | null): boolean {
  return a === null || b === null || a === b;
}

/** Resolves a possibly negative axis against a rank; throws 'graph/param' when out of range. */
export function resolveAxis(axis: number, rank: number, layer: string): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    throw new LoomError(
      'graph/param',
      `${layer} axis ${axis} is out of range for inputs of rank ${rank}`,
      { param: 'axis' },
      `Choose an axis between ${-rank} and ${rank - 1}.`,
    );
  return a;
}
