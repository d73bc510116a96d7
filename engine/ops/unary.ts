// Element-wise unary ops. Kernels compute in float64 and round once to float32. Gradients follow
// TensorFlow: relu passes dy where x > 0 (0 at x = 0), abs uses sign(x) (0 at x = 0), sign has no
// gradient, and exp / sqrt / sigmoid / tanh are written with their output y.
import { defineOp, type Attrs, type OpDef } from './types.ts';
import { ops } from './api.ts';
import type { Shape, TensorData } from '../tensor.ts';

const same = ([x]: readonly Shape[]): Shape => x;

/** A unary op whose CPU kernel is the tight loop `kernel(x, out)`. */
function unary(
  name: string,
  kernel: (x: Float32Array, out: Float32Array) => void,
  grad: OpDef<Attrs>['grad'],
): OpDef<Attrs> {
  return defineOp<Attrs>({
    name,
    arity: 1,
    shape: same,
    cpu: ([x]: readonly TensorData[], _attrs, out) => kernel(x.data, out.data),
    grad,
    shader: 'unary',
  });
}

/** −x. */
export const neg = unary(
  'neg',
  (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = -x[i];
  },
  (b, dy) => [ops(b).neg(dy)],
);

/** eˣ; dy·y. */
export const exp = unary(
  'exp',
  (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
  },
  (b, dy, _x, y) => [ops(b).mul(dy, y)],
);

/** Natural log (−Infinity at 0, NaN below); dy / x. */
export const log = unary(
  'log',
  (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]);
  },
  (b, dy, [x]) => [ops(b).div(dy, x)],
);

/** √x; dy / (2y). */
export const sqrt = unary(
  'sqrt',
  (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = Math.sqrt(x[i]);
  },
  (b, dy, _x, y) => {
    const o = ops(b);
    return [o.div(dy, o.mul(y, 2))];
  },
);

/** x²; 2x·dy. */
export const square = unary(
  'square',
  (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = x[i] * x[i];
  },
  (b, dy, [x]) => {
    const o = ops(b);
    return [o.mul(dy, o.mul(x, 2))];
  },
);

/** |x|; dy·sign(x). */
export const abs = unary(
  'abs',
  (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i]);
  },
  (b, dy, [x]) => {
    const o = ops(b);
    return [o.mul(dy, o.sign(x))];
  },
);

/** −1, 0 or 1 (NaN stays NaN; −0 gives 0); no gradient flows. */
export const sign = unary(
  'sign',
  (x, out) => {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      out[i] = v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN;
    }
  },
  () => [null],
);

/** max(x, 0) (NaN stays NaN); dy·(x > 0). */
export const relu = unary(
  'relu',
  (x, out) => {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      out[i] = v > 0 ? v : v === v ? 0 : v;
    }
  },
  (b, dy, [x]) => {
    const o = ops(b);
    return [o.mul(dy, o.greater(x, 0))];
  },
);

/**
 * 1 / (1 + e⁻ˣ), evaluated so the exponent is never positive: no overflow and no cancellation for
 * large |x|. Gradient dy·y·(1 − y).
 */
export const sigmoid = unary(
  'sigmoid',
  (x, out) => {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        out[i] = e / (1 + e);
      }
    }
  },
  (b, dy, _x, y) => {
    const o = ops(b);
    return [o.mul(dy, o.mul(y, o.sub(1, y)))];
  },
);

/** tanh x; dy·(1 − y²). */
export const tanh = unary(
  'tanh',
  (x, out) => {
    for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
  },
  (b, dy, _x, y) => {
    const o = ops(b);
    return [o.mul(dy, o.sub(1, o.square(y)))];
  },
);
