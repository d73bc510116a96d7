// Index ops. Indices are tensors of integer-valued floats (exact up to 2^24).
// gather(x, indices; axis): as tf.gather (batch_dims 0): output = x.shape[:axis] + indices.shape +
//   x.shape[axis+1:]; an index that is not an integer in [0, x.shape[axis]) is a LoomError naming it.
// scatterAdd(updates, indices; axis, shape): gather's adjoint — zeros of `shape`, then each update
//   slice added at its index (repeated indices accumulate).
// oneHot(indices; depth): as tf.one_hot: indices.shape + [depth]; an integer outside [0, depth)
//   gives an all-zero row. Not differentiable.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import { aroundAxis, attrError, intList, normalizeAxis, shapeError } from './axes.ts';
import { LoomError } from '../errors.ts';
import { sameShape, showShape, stridesOf, type Shape } from '../tensor.ts';

/** Attributes of gather. */
export interface GatherAttrs extends Attrs {
  axis?: number;
}

/** Attributes of scatterAdd. */
export interface ScatterAddAttrs extends Attrs {
  axis?: number;
  shape: number[];
}

/** Attributes of oneHot. */
export interface OneHotAttrs extends Attrs {
  depth: number;
}

/** "indices[1, 2]" for the flat position `pos` in an indices tensor of shape `shape`. */
function indexPath(pos: number, shape: Shape): string {
  const strides = stridesOf(shape);
  const idx = strides.map((s, d) => Math.floor(pos / s) % shape[d]);
  return `indices[${idx.join(', ')}]`;
}

/** Throws unless every index is an integer in [0, limit). */
function checkIndices(
  op: string,
  indices: Float32Array,
  shape: Shape,
  limit: number,
  axis: number,
  of: Shape,
): void {
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i];
    if (Number.isInteger(v) && v >= 0 && v < limit) continue;
    throw new LoomError(
      'op/shape',
      `${op}: index ${v} is outside [0, ${limit}) for axis ${axis} of ${showShape(of)}`,
      { path: indexPath(i, shape) },
      `Every index must be a whole number from 0 to ${limit - 1} (e.g. a class label below the number of classes).`,
    );
  }
}

/** shape with `axis` replaced by the dims of `indices`. */
function gatheredShape(shape: Shape, axis: number, indices: Shape): number[] {
  return [...shape.slice(0, axis), ...indices, ...shape.slice(axis + 1)];
}

/** Slices of x along `axis` picked by integer indices. */
export const gather = defineOp<GatherAttrs>({
  name: 'gather',
  arity: 2,
  shape([x, indices], attrs) {
    return gatheredShape(x, normalizeAxis('gather', 'axis', attrs.axis ?? 0, x.length), indices);
  },
  cpu([x, indices], attrs, out) {
    const axis = normalizeAxis('gather', 'axis', attrs.axis ?? 0, x.shape.length);
    const [outer, dim, inner] = aroundAxis(x.shape, axis);
    checkIndices('gather', indices.data, indices.shape, dim, axis, x.shape);
    const n = indices.data.length;
    const xs = x.data;
    const ys = out.data;
    const ids = indices.data;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < n; j++) {
        const src = (o * dim + ids[j]) * inner;
        const dst = (o * n + j) * inner;
        for (let t = 0; t < inner; t++) ys[dst + t] = xs[src + t];
      }
    }
  },
  grad(b, dy, [x, indices], _y, attrs) {
    return [ops(b).scatterAdd(dy, indices, x.shape, attrs.axis ?? 0), null];
  },
  shader: 'gather',
});

/** Checked target shape and axis of a scatterAdd. */
function scatterTarget(attrs: ScatterAddAttrs): { shape: number[]; axis: number } {
  const rank = Array.isArray(attrs.shape) ? attrs.shape.length : -1;
  const shape = intList('scatterAdd', 'shape', attrs.shape, Math.max(rank, 0), 0);
  return { shape, axis: normalizeAxis('scatterAdd', 'axis', attrs.axis ?? 0, shape.length) };
}

/** Zeros of `shape` plus `updates` added at `indices` along `axis`. */
export const scatterAdd = defineOp<ScatterAddAttrs>({
  name: 'scatterAdd',
  arity: 2,
  shape([updates, indices], attrs) {
    const { shape, axis } = scatterTarget(attrs);
    const expected = gatheredShape(shape, axis, indices);
    if (!sameShape(updates, expected))
      shapeError(
        'scatterAdd',
        'input 0',
        `updates have shape ${showShape(updates)} but indices ${showShape(indices)} into axis ${axis} of ${showShape(shape)} need ${showShape(expected)}`,
        'Give updates the shape gather would produce for these indices.',
      );
    return shape;
  },
  cpu([updates, indices], attrs, out) {
    const { shape, axis } = scatterTarget(attrs);
    const [outer, dim, inner] = aroundAxis(shape, axis);
    checkIndices('scatterAdd', indices.data, indices.shape, dim, axis, shape);
    const n = indices.data.length;
    const us = updates.data;
    const ys = out.data;
    const ids = indices.data;
    ys.fill(0);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < n; j++) {
        const dst = (o * dim + ids[j]) * inner;
        const src = (o * n + j) * inner;
        for (let t = 0; t < inner; t++) ys[dst + t] += us[src + t];
      }
    }
  },
  grad(b, dy, [, indices], _y, attrs) {
    return [ops(b).gather(dy, indices, attrs.axis ?? 0), null];
  },
  shader: 'scatterAdd',
});

/** Checked depth of a oneHot. */
function depthOf(attrs: OneHotAttrs): number {
  const d = attrs.depth;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 0)
    attrError(
      'oneHot',
      'depth',
      `depth must be a whole number ≥ 0, got ${String(d)}`,
      'Set depth to the number of classes.',
    );
  return d;
}

/** One-hot rows: output[..., k] = 1 where indices[...] = k. */
export const oneHot = defineOp<OneHotAttrs>({
  name: 'oneHot',
  arity: 1,
  shape: ([indices], attrs) => [...indices, depthOf(attrs)],
  cpu([indices], attrs, out) {
    const depth = depthOf(attrs);
    const ids = indices.data;
    for (let i = 0; i < ids.length; i++) {
      if (!Number.isInteger(ids[i]))
        throw new LoomError(
          'op/shape',
          `oneHot: index ${ids[i]} is not a whole number`,
          { path: indexPath(i, indices.shape) },
          'Class labels must be whole numbers from 0 to depth − 1.',
        );
    }
    const ys = out.data;
    ys.fill(0);
    for (let i = 0; i < ids.length; i++) {
      const k = ids[i];
      if (k >= 0 && k < depth) ys[i * depth + k] = 1;
    }
  },
  shader: 'oneHot',
});
