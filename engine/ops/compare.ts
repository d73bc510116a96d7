// Comparisons and selection with NumPy broadcasting. Comparisons give 1 or 0 (any comparison with
// NaN gives 0, as IEEE and TensorFlow) and have no gradient. where(cond, a, b) takes a wherever
// cond ≠ 0 (so a NaN condition picks a); its gradient flows to a and b only, never to cond.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import {
  broadcastRows2,
  broadcastRows3,
  broadcastShapesOf,
  unbroadcast,
  type Row2,
  type Row3,
} from './broadcast.ts';

const greaterRow: Row2 = (a, ai, sa, b, bi, sb, out, oi, len) => {
  for (let end = oi + len; oi < end; oi++, ai += sa, bi += sb) out[oi] = a[ai] > b[bi] ? 1 : 0;
};
const lessRow: Row2 = (a, ai, sa, b, bi, sb, out, oi, len) => {
  for (let end = oi + len; oi < end; oi++, ai += sa, bi += sb) out[oi] = a[ai] < b[bi] ? 1 : 0;
};
const equalRow: Row2 = (a, ai, sa, b, bi, sb, out, oi, len) => {
  for (let end = oi + len; oi < end; oi++, ai += sa, bi += sb) out[oi] = a[ai] === b[bi] ? 1 : 0;
};
const whereRow: Row3 = (c, ci, sc, a, ai, sa, b, bi, sb, out, oi, len) => {
  for (let end = oi + len; oi < end; oi++, ci += sc, ai += sa, bi += sb)
    out[oi] = c[ci] !== 0 ? a[ai] : b[bi];
};

/** 1 where a > b, else 0. */
export const greater = defineOp<Attrs>({
  name: 'greater',
  arity: 2,
  shape: (shapes) => broadcastShapesOf('greater', shapes),
  cpu: ([a, b], _attrs, out) => broadcastRows2(a, b, out, greaterRow),
  shader: 'compare',
});

/** 1 where a < b, else 0. */
export const less = defineOp<Attrs>({
  name: 'less',
  arity: 2,
  shape: (shapes) => broadcastShapesOf('less', shapes),
  cpu: ([a, b], _attrs, out) => broadcastRows2(a, b, out, lessRow),
  shader: 'compare',
});

/** 1 where a = b, else 0. */
export const equal = defineOp<Attrs>({
  name: 'equal',
  arity: 2,
  shape: (shapes) => broadcastShapesOf('equal', shapes),
  cpu: ([a, b], _attrs, out) => broadcastRows2(a, b, out, equalRow),
  shader: 'compare',
});

/** a where cond ≠ 0, else b; all three broadcast. */
export const where = defineOp<Attrs>({
  name: 'where',
  arity: 3,
  shape: (shapes) => broadcastShapesOf('where', shapes),
  cpu: ([c, a, b], _attrs, out) => broadcastRows3(c, a, b, out, whereRow),
  grad(bld, dy, [cond, a, b]) {
    const o = ops(bld);
    return [
      null,
      unbroadcast(bld, o.where(cond, dy, 0), a.shape),
      unbroadcast(bld, o.where(cond, 0, dy), b.shape),
    ];
  },
  shader: 'where',
});
