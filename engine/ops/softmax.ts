// softmax and logSoftmax along one axis (Keras default −1). Numerically stable: the maximum along
// the axis is subtracted before exponentiating, and sums are taken in float64.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import { aroundAxis, normalizeAxis } from './axes.ts';
import type { Shape, TensorData } from '../tensor.ts';

/** Attributes of softmax / logSoftmax. */
export interface SoftmaxAttrs extends Attrs {
  axis?: number;
}

/** The input viewed as [outer, n, inner] around the softmax axis. */
function around(name: string, shape: Shape, axis: number | undefined): [number, number, number] {
  return aroundAxis(shape, normalizeAxis(name, 'axis', axis ?? -1, shape.length));
}

/** Runs `line` on every 1-d line along the axis: its first element and stride. */
function eachLine(
  name: string,
  x: TensorData,
  axis: number | undefined,
  line: (base: number, n: number, stride: number) => void,
): void {
  const [outer, n, inner] = around(name, x.shape, axis);
  for (let o = 0; o < outer; o++) {
    const start = o * n * inner;
    for (let i = 0; i < inner; i++) line(start + i, n, inner);
  }
}

/** Maximum of a line (−Infinity when empty; NaN if any element is NaN). */
function lineMax(x: Float32Array, base: number, n: number, stride: number): number {
  let m = -Infinity;
  for (let k = 0, p = base; k < n; k++, p += stride) {
    const v = x[p];
    if (v > m || v !== v) m = v;
  }
  return m;
}

/** exp(x − max) / Σ exp(x − max) along `axis`. */
export const softmax = defineOp<SoftmaxAttrs>({
  name: 'softmax',
  arity: 1,
  shape([x], attrs) {
    around('softmax', x, attrs.axis);
    return x;
  },
  cpu([x], attrs, out) {
    const xs = x.data;
    const ys = out.data;
    eachLine('softmax', x, attrs.axis, (base, n, stride) => {
      const m = lineMax(xs, base, n, stride);
      let s = 0;
      for (let k = 0, p = base; k < n; k++, p += stride) {
        const e = Math.exp(xs[p] - m);
        ys[p] = e;
        s += e;
      }
      for (let k = 0, p = base; k < n; k++, p += stride) ys[p] /= s;
    });
  },
  grad(b, dy, _inputs, y, attrs) {
    const o = ops(b);
    const axis = attrs.axis ?? -1;
    return [o.mul(y, o.sub(dy, o.sum(o.mul(dy, y), [axis], true)))];
  },
  shader: 'softmax',
});

/** x − max − log Σ exp(x − max) along `axis`. */
export const logSoftmax = defineOp<SoftmaxAttrs>({
  name: 'logSoftmax',
  arity: 1,
  shape([x], attrs) {
    around('logSoftmax', x, attrs.axis);
    return x;
  },
  cpu([x], attrs, out) {
    const xs = x.data;
    const ys = out.data;
    eachLine('logSoftmax', x, attrs.axis, (base, n, stride) => {
      const m = lineMax(xs, base, n, stride);
      let s = 0;
      for (let k = 0, p = base; k < n; k++, p += stride) s += Math.exp(xs[p] - m);
      const shift = m + Math.log(s);
      for (let k = 0, p = base; k < n; k++, p += stride) ys[p] = xs[p] - shift;
    });
  },
  grad(b, dy, _inputs, y, attrs) {
    const o = ops(b);
    const axis = attrs.axis ?? -1;
    return [o.sub(dy, o.mul(o.exp(y), o.sum(dy, [axis], true)))];
  },
  shader: 'softmax',
});
