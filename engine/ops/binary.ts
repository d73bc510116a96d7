// Element-wise add, sub, mul and div with NumPy broadcasting. Each result is computed in float64
// and rounded once to float32, which for these four operations equals the correctly rounded
// float32 result (as TensorFlow's CPU kernels give). Gradients reduce back over broadcast axes.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import { broadcastRows2, broadcastShapesOf, unbroadcast, type Row2 } from './broadcast.ts';

const addRow: Row2 = (a, ai, sa, b, bi, sb, out, oi, len) => {
  for (let end = oi + len; oi < end; oi++, ai += sa, bi += sb) out[oi] = a[ai] + b[bi];
};
const subRow: Row2 = (a, ai, sa, b, bi, sb, out, oi, len) => {
  for (let end = oi + len; oi < end; oi++, ai += sa, bi += sb) out[oi] = a[ai] - b[bi];
};
const mulRow: Row2 = (a, ai, sa, b, bi, sb, out, oi, len) => {
  for (let end = oi + len; oi < end; oi++, ai += sa, bi += sb) out[oi] = a[ai] * b[bi];
};
const divRow: Row2 = (a, ai, sa, b, bi, sb, out, oi, len) => {
  for (let end = oi + len; oi < end; oi++, ai += sa, bi += sb) out[oi] = a[ai] / b[bi];
};

/** a + b. */
export const add = defineOp<Attrs>({
  name: 'add',
  arity: 2,
  shape: (shapes) => broadcastShapesOf('add', shapes),
  cpu: ([a, b], _attrs, out) => broadcastRows2(a, b, out, addRow),
  grad: (bld, dy, [a, b]) => [unbroadcast(bld, dy, a.shape), unbroadcast(bld, dy, b.shape)],
  shader: 'binary',
});

/** a − b. */
export const sub = defineOp<Attrs>({
  name: 'sub',
  arity: 2,
  shape: (shapes) => broadcastShapesOf('sub', shapes),
  cpu: ([a, b], _attrs, out) => broadcastRows2(a, b, out, subRow),
  grad: (bld, dy, [a, b]) => [
    unbroadcast(bld, dy, a.shape),
    unbroadcast(bld, ops(bld).neg(dy), b.shape),
  ],
  shader: 'binary',
});

/** a · b. */
export const mul = defineOp<Attrs>({
  name: 'mul',
  arity: 2,
  shape: (shapes) => broadcastShapesOf('mul', shapes),
  cpu: ([a, b], _attrs, out) => broadcastRows2(a, b, out, mulRow),
  grad(bld, dy, [a, b]) {
    const o = ops(bld);
    return [unbroadcast(bld, o.mul(dy, b), a.shape), unbroadcast(bld, o.mul(dy, a), b.shape)];
  },
  shader: 'binary',
});

/** a / b (IEEE: x/0 is ±Infinity, 0/0 is NaN, as in tf.math.divide). */
export const div = defineOp<Attrs>({
  name: 'div',
  arity: 2,
  shape: (shapes) => broadcastShapesOf('div', shapes),
  cpu: ([a, b], _attrs, out) => broadcastRows2(a, b, out, divRow),
  grad(bld, dy, [a, b], y) {
    const o = ops(bld);
    // d(a/b)/db = −a/b² = −y/b, reusing the forward output.
    return [
      unbroadcast(bld, o.div(dy, b), a.shape),
      unbroadcast(bld, o.neg(o.div(o.mul(dy, y), b)), b.shape),
    ];
  },
  shader: 'binary',
});
