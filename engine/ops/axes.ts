// Attribute validation shared by the structural ops: axes (negative = from the end), integer
// lists and permutations. Every failure is a LoomError('op/attr') naming the op and the attribute.
import { LoomError } from '../errors.ts';
import { showShape, type Shape } from '../tensor.ts';

/** Throws LoomError('op/attr') for op `op`, attribute `param`. */
export function attrError(op: string, param: string, what: string, fix: string): never {
  throw new LoomError('op/attr', `${op}: ${what}`, { param }, fix);
}

/** Throws LoomError('op/shape') for op `op`; `path` names the offending input(s). */
export function shapeError(op: string, path: string, what: string, fix: string): never {
  throw new LoomError('op/shape', `${op}: ${what}`, { path: `${op} ${path}` }, fix);
}

/** Normalises one axis of a rank-`rank` tensor to [0, rank); negative axes count from the end. */
export function normalizeAxis(op: string, param: string, axis: unknown, rank: number): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -rank || axis >= rank)
    attrError(
      op,
      param,
      `axis ${String(axis)} is out of range for a rank-${rank} tensor`,
      rank === 0
        ? 'This op needs an input with at least one dimension.'
        : `Use an integer axis from ${-rank} to ${rank - 1}.`,
    );
  return axis < 0 ? axis + rank : axis;
}

/** `shape` viewed as [outer, shape[axis], inner] around a normalised `axis`. */
export function aroundAxis(shape: Shape, axis: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let d = 0; d < axis; d++) outer *= shape[d];
  for (let d = axis + 1; d < shape.length; d++) inner *= shape[d];
  return [outer, shape[axis], inner];
}

/**
 * Normalises a list of axes (null = every axis) to sorted, distinct values in [0, rank).
 * Repeated axes are allowed and count once, as in TensorFlow's reductions.
 */
export function normalizeAxes(op: string, axes: unknown, rank: number): number[] {
  if (axes === null || axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  if (!Array.isArray(axes))
    attrError(
      op,
      'axes',
      `axes must be a list of integers or null, got ${String(axes)}`,
      'Pass e.g. [-1], or null for every axis.',
    );
  const set = new Set<number>();
  for (const a of axes) set.add(normalizeAxis(op, 'axes', a, rank));
  return [...set].sort((x, y) => x - y);
}

/** Checks that `value` is a list of `rank` integers ≥ `min`. */
export function intList(
  op: string,
  param: string,
  value: unknown,
  rank: number,
  min: number,
): number[] {
  if (
    !Array.isArray(value) ||
    value.length !== rank ||
    !value.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= min)
  )
    attrError(
      op,
      param,
      `${param} must list ${rank} integers ≥ ${min} (one per axis), got ${JSON.stringify(value)}`,
      `Give exactly one integer ≥ ${min} per axis of the input.`,
    );
  return value as number[];
}

/** Checks that `perm` is a permutation of 0..rank-1 (null = reverse the axes). */
export function normalizePerm(op: string, perm: unknown, shape: Shape): number[] {
  const rank = shape.length;
  if (perm === null || perm === undefined)
    return Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const seen = new Array<boolean>(rank).fill(false);
  const ok =
    Array.isArray(perm) &&
    perm.length === rank &&
    perm.every((p) => {
      if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p >= rank || seen[p])
        return false;
      seen[p] = true;
      return true;
    });
  if (!ok)
    attrError(
      op,
      'perm',
      `perm ${JSON.stringify(perm)} is not a permutation of the ${rank} axes of ${showShape(shape)}`,
      `List each axis from 0 to ${rank - 1} exactly once, or pass null to reverse them.`,
    );
  return perm as number[];
}

/** Reads an optional boolean attribute (undefined = false). */
export function boolAttr(op: string, param: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean')
    attrError(
      op,
      param,
      `${param} must be true or false, got ${String(value)}`,
      `Set ${param} to true or false.`,
    );
  return value;
}
