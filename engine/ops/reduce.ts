// Reductions sum, mean and max over a set of axes (null = all; negative axes count from the end;
// a repeated axis counts once), optionally keeping reduced axes as size 1. TensorFlow semantics:
// an empty reduction gives 0 (sum), NaN (mean) or −Infinity (max); max propagates NaN; the max
// gradient is shared equally among tied maxima.
import { defineOp, type Attrs, type Builder, type Sym } from './types.ts';
import { ops } from './api.ts';
import { normalizeAxes, boolAttr } from './axes.ts';
import { sameShape, sizeOf, type Shape, type TensorData } from '../tensor.ts';

/** Attributes of sum / mean / max. */
export interface ReduceAttrs extends Attrs {
  axes?: number[] | null;
  keepDims?: boolean;
}

/** Float64 accumulators, one per output element; grows on demand (kernels are not re-entrant). */
let acc = new Float64Array(64);

/** Output shape, and the input shape with reduced axes set to 1. */
function shapes(name: string, x: Shape, attrs: ReduceAttrs): { out: Shape; kept: Shape } {
  const axes = normalizeAxes(name, attrs.axes, x.length);
  const keepDims = boolAttr(name, 'keepDims', attrs.keepDims);
  const kept = x.map((d, i) => (axes.includes(i) ? 1 : d));
  return { out: keepDims ? kept : x.filter((_, i) => !axes.includes(i)), kept };
}

/**
 * Reduces x into `acc` (sum or max). Adjacent axes that are both reduced or both kept are merged
 * first, so the innermost loop is one contiguous run: a plain sum of a row when the last axis is
 * reduced, or a vector add into the output row when it is kept.
 */
function reduceInto(x: TensorData, axes: readonly number[], isMax: boolean): number {
  const dims: number[] = [];
  const red: boolean[] = [];
  x.shape.forEach((d, i) => {
    const r = axes.includes(i);
    if (dims.length > 0 && red[red.length - 1] === r) dims[dims.length - 1] *= d;
    else {
      dims.push(d);
      red.push(r);
    }
  });
  if (dims.length === 0) {
    dims.push(1);
    red.push(false);
  }
  // Output strides over kept merged dims; reduced dims do not move the output index.
  const ostride = new Array<number>(dims.length).fill(0);
  let outSize = 1;
  for (let d = dims.length - 1; d >= 0; d--) {
    if (!red[d]) {
      ostride[d] = outSize;
      outSize *= dims[d];
    }
  }
  if (acc.length < outSize) acc = new Float64Array(Math.max(outSize, 2 * acc.length));
  acc.fill(isMax ? -Infinity : 0, 0, outSize);
  const size = sizeOf(x.shape);
  const n = dims.length;
  const inner = dims[n - 1];
  if (size === 0) return outSize;
  const innerReduced = red[n - 1];
  const counter = new Array<number>(n).fill(0);
  const xs = x.data;
  let o = 0;
  for (let base = 0; base < size; base += inner) {
    if (innerReduced && !isMax) {
      let s = 0;
      for (let j = 0; j < inner; j++) s += xs[base + j];
      acc[o] += s;
    } else if (innerReduced) {
      let m = acc[o];
      for (let j = 0; j < inner; j++) {
        const v = xs[base + j];
        if (v > m || v !== v) m = v;
      }
      acc[o] = m;
    } else if (!isMax) {
      for (let j = 0; j < inner; j++) acc[o + j] += xs[base + j];
    } else {
      for (let j = 0; j < inner; j++) {
        const v = xs[base + j];
        if (v > acc[o + j] || v !== v) acc[o + j] = v;
      }
    }
    // Odometer over the outer merged dims, moving the output index along.
    for (let d = n - 2; d >= 0; d--) {
      o += ostride[d];
      if (++counter[d] < dims[d]) break;
      o -= ostride[d] * dims[d];
      counter[d] = 0;
    }
  }
  return outSize;
}

/** dy reshaped to the kept shape and broadcast back to x's shape. */
function spread(b: Builder, dy: Sym, x: Sym, kept: Shape): Sym {
  const o = ops(b);
  const dyKept = sameShape(dy.shape, kept) ? dy : o.reshape(dy, kept);
  return sameShape(kept, x.shape) ? dyKept : o.broadcastTo(dyKept, x.shape);
}

/** Sum over `axes`. */
export const sum = defineOp<ReduceAttrs>({
  name: 'sum',
  arity: 1,
  shape: ([x], attrs) => shapes('sum', x, attrs).out,
  cpu([x], attrs, out) {
    const n = reduceInto(x, normalizeAxes('sum', attrs.axes, x.shape.length), false);
    for (let i = 0; i < n; i++) out.data[i] = acc[i];
  },
  grad: (b, dy, [x], _y, attrs) => [spread(b, dy, x, shapes('sum', x.shape, attrs).kept)],
  shader: 'reduce',
});

/** Mean over `axes` (sum / number of reduced elements). */
export const mean = defineOp<ReduceAttrs>({
  name: 'mean',
  arity: 1,
  shape: ([x], attrs) => shapes('mean', x, attrs).out,
  cpu([x], attrs, out) {
    const n = reduceInto(x, normalizeAxes('mean', attrs.axes, x.shape.length), false);
    const count = sizeOf(x.shape) / n;
    for (let i = 0; i < n; i++) out.data[i] = acc[i] / count;
  },
  grad(b, dy, [x], y, attrs) {
    const count = sizeOf(x.shape) / Math.max(1, sizeOf(y.shape));
    return [ops(b).div(spread(b, dy, x, shapes('mean', x.shape, attrs).kept), count)];
  },
  shader: 'reduce',
});

/** Maximum over `axes`; the gradient goes to the maxima, split equally among ties. */
export const max = defineOp<ReduceAttrs>({
  name: 'max',
  arity: 1,
  shape: ([x], attrs) => shapes('max', x, attrs).out,
  cpu([x], attrs, out) {
    const n = reduceInto(x, normalizeAxes('max', attrs.axes, x.shape.length), true);
    for (let i = 0; i < n; i++) out.data[i] = acc[i];
  },
  grad(b, dy, [x], y, attrs) {
    const o = ops(b);
    const axes = normalizeAxes('max', attrs.axes, x.shape.length);
    const { kept } = shapes('max', x.shape, attrs);
    const yKept = sameShape(y.shape, kept) ? y : o.reshape(y, kept);
    const dyKept = sameShape(dy.shape, kept) ? dy : o.reshape(dy, kept);
    const isMax = o.equal(x, yKept);
    const ties = o.sum(isMax, axes, true);
    return [o.mul(o.div(isMax, ties), dyKept)];
  },
  shader: 'reduce',
});
