// NumPy broadcasting for the element-wise ops: the result shape, a row-wise index plan that CPU
// kernels drive with tight loops, and `unbroadcast`, which reduces a gradient back to an input.
// Invariant: shapes align from the right; each dimension is equal across inputs or 1 (a missing
// leading dimension counts as 1). A 1 against a 0 gives 0, as in NumPy and TensorFlow.
import { LoomError } from '../errors.ts';
import { sameShape, showShape, type Shape, type TensorData } from '../tensor.ts';
import { ops } from './api.ts';
import type { Builder, Sym } from './types.ts';

/** The broadcast shape of `a`, `b` and any further shapes; throws LoomError('op/shape'). */
export function broadcastShapes(a: Shape, b: Shape, ...rest: Shape[]): number[] {
  return broadcastShapesOf('broadcast', [a, b, ...rest]);
}

/** The broadcast shape of an op's inputs; the error names the op, the inputs and their shapes. */
export function broadcastShapesOf(op: string, shapes: readonly Shape[]): number[] {
  let rank = 0;
  for (const s of shapes) rank = Math.max(rank, s.length);
  const out = new Array<number>(rank).fill(1);
  for (let i = 0; i < rank; i++) {
    for (let k = 0; k < shapes.length; k++) {
      const s = shapes[k];
      const j = i - (rank - s.length);
      const d = j < 0 ? 1 : s[j];
      if (d === out[i] || d === 1) continue;
      if (out[i] === 1) {
        out[i] = d;
        continue;
      }
      const first = shapes.findIndex((t) => {
        const jt = i - (rank - t.length);
        return jt >= 0 && t[jt] === out[i];
      });
      const listed = shapes.map((t, n) => `input ${n} ${showShape(t)}`).join(', ');
      throw new LoomError(
        'op/shape',
        `${op}: shapes cannot be broadcast together (${listed}): dimension ${out[i]} of input ` +
          `${first} does not match dimension ${d} of input ${k} at axis ${i - rank} (from the end)`,
        { path: `${op} inputs ${first} and ${k}` },
        'Aligned from the right, each dimension must be equal or 1; reshape one input ' +
          '(e.g. to add a size-1 axis) so they line up.',
      );
    }
  }
  return out;
}

// Plan scratch: merged output dims and per-input strides, innermost axis first. Module-level so a
// kernel call allocates nothing; kernels are synchronous and never re-entrant.
let planDims = new Int32Array(8);
let planStrides = [new Int32Array(8), new Int32Array(8), new Int32Array(8)];
let counter = new Int32Array(8);

/**
 * Fills the plan for inputs broadcast to `out` and returns the merged rank (≥ 1). Size-1 output
 * axes are dropped; adjacent axes merge when every input walks them as one contiguous run (or
 * broadcasts both), so the innermost run is as long as possible.
 */
function plan(shapes: readonly Shape[], out: Shape): number {
  const rank = out.length;
  if (planDims.length < rank + 1) {
    const n = 2 * (rank + 1);
    planDims = new Int32Array(n);
    planStrides = planStrides.map(() => new Int32Array(n));
    counter = new Int32Array(n);
  }
  const k = shapes.length;
  const acc = [1, 1, 1];
  let r = 0;
  for (let i = rank - 1; i >= 0; i--) {
    const d = out[i];
    if (d === 1) continue;
    let mergeable = r > 0;
    for (let q = 0; q < k; q++) {
      const s = shapes[q];
      const j = i - (rank - s.length);
      const inDim = j < 0 ? 1 : s[j];
      const stride = inDim === 1 ? 0 : acc[q];
      acc[q] *= inDim;
      if (mergeable && stride !== planStrides[q][r - 1] * planDims[r - 1]) mergeable = false;
      planStrides[q][r] = stride;
    }
    if (mergeable) planDims[r - 1] *= d;
    else planDims[r++] = d;
  }
  if (r === 0) {
    planDims[0] = 1;
    for (let q = 0; q < k; q++) planStrides[q][0] = 0;
    r = 1;
  }
  return r;
}

/** A kernel row: `len` outputs from one input walked with stride 0 or 1. */
export type Row1 = (
  x: Float32Array,
  xi: number,
  sx: number,
  out: Float32Array,
  oi: number,
  len: number,
) => void;

/** A kernel row over two broadcast inputs. */
export type Row2 = (
  a: Float32Array,
  ai: number,
  sa: number,
  b: Float32Array,
  bi: number,
  sb: number,
  out: Float32Array,
  oi: number,
  len: number,
) => void;

/** A kernel row over three broadcast inputs. */
export type Row3 = (
  a: Float32Array,
  ai: number,
  sa: number,
  b: Float32Array,
  bi: number,
  sb: number,
  c: Float32Array,
  ci: number,
  sc: number,
  out: Float32Array,
  oi: number,
  len: number,
) => void;

/** Fills `out` from `x` broadcast to out's shape, one `row` call per contiguous output run. */
export function broadcastRows1(x: TensorData, out: TensorData, row: Row1): void {
  const n = out.data.length;
  if (n === 0) return;
  const xn = x.data.length;
  if (xn === n || xn === 1) return row(x.data, 0, xn === 1 ? 0 : 1, out.data, 0, n);
  const r = plan([x.shape], out.shape);
  const sx = planStrides[0];
  const inner = planDims[0];
  counter.fill(0, 0, r);
  let xi = 0;
  for (let oi = 0; oi < n; oi += inner) {
    row(x.data, xi, sx[0], out.data, oi, inner);
    for (let d = 1; d < r; d++) {
      xi += sx[d];
      if (++counter[d] < planDims[d]) break;
      xi -= sx[d] * planDims[d];
      counter[d] = 0;
    }
  }
}

/** Fills `out` from `a` and `b` broadcast to out's shape, one `row` call per contiguous run. */
export function broadcastRows2(a: TensorData, b: TensorData, out: TensorData, row: Row2): void {
  const n = out.data.length;
  if (n === 0) return;
  const an = a.data.length;
  const bn = b.data.length;
  // Fast path: each input is either the full output layout or a single value.
  if ((an === n || an === 1) && (bn === n || bn === 1))
    return row(a.data, 0, an === n ? 1 : 0, b.data, 0, bn === n ? 1 : 0, out.data, 0, n);
  const r = plan([a.shape, b.shape], out.shape);
  const [sa, sb] = planStrides;
  const inner = planDims[0];
  counter.fill(0, 0, r);
  let ai = 0;
  let bi = 0;
  for (let oi = 0; oi < n; oi += inner) {
    row(a.data, ai, sa[0], b.data, bi, sb[0], out.data, oi, inner);
    for (let d = 1; d < r; d++) {
      ai += sa[d];
      bi += sb[d];
      if (++counter[d] < planDims[d]) break;
      ai -= sa[d] * planDims[d];
      bi -= sb[d] * planDims[d];
      counter[d] = 0;
    }
  }
}

/** Fills `out` from three inputs broadcast to out's shape, one `row` call per contiguous run. */
export function broadcastRows3(
  a: TensorData,
  b: TensorData,
  c: TensorData,
  out: TensorData,
  row: Row3,
): void {
  const n = out.data.length;
  if (n === 0) return;
  const an = a.data.length;
  const bn = b.data.length;
  const cn = c.data.length;
  if ((an === n || an === 1) && (bn === n || bn === 1) && (cn === n || cn === 1))
    return row(
      a.data,
      0,
      an === n ? 1 : 0,
      b.data,
      0,
      bn === n ? 1 : 0,
      c.data,
      0,
      cn === n ? 1 : 0,
      out.data,
      0,
      n,
    );
  const r = plan([a.shape, b.shape, c.shape], out.shape);
  const [sa, sb, sc] = planStrides;
  const inner = planDims[0];
  counter.fill(0, 0, r);
  let ai = 0;
  let bi = 0;
  let ci = 0;
  for (let oi = 0; oi < n; oi += inner) {
    row(a.data, ai, sa[0], b.data, bi, sb[0], c.data, ci, sc[0], out.data, oi, inner);
    for (let d = 1; d < r; d++) {
      ai += sa[d];
      bi += sb[d];
      ci += sc[d];
      if (++counter[d] < planDims[d]) break;
      ai -= sa[d] * planDims[d];
      bi -= sb[d] * planDims[d];
      ci -= sc[d] * planDims[d];
      counter[d] = 0;
    }
  }
}

/**
 * Reduces `grad` (of a broadcast result) to exactly `shape`: sums over the axes `shape` was
 * broadcast along, then reshapes. Returns `grad` itself when the shapes already match.
 */
export function unbroadcast(b: Builder, grad: Sym, shape: Shape): Sym {
  if (sameShape(grad.shape, shape)) return grad;
  const lead = grad.shape.length - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < grad.shape.length && lead >= 0; i++) {
    const target = i < lead ? 1 : shape[i - lead];
    const g = grad.shape[i];
    if (g === target) continue;
    if (target !== 1) return badGradient(grad.shape, shape);
    axes.push(i);
  }
  if (lead < 0) return badGradient(grad.shape, shape);
  const o = ops(b);
  const summed = axes.length > 0 ? o.sum(grad, axes, false) : grad;
  return sameShape(summed.shape, shape) ? summed : o.reshape(summed, shape);
}

function badGradient(grad: Shape, shape: Shape): never {
  throw new LoomError(
    'internal',
    `cannot reduce a gradient of shape ${showShape(grad)} to ${showShape(shape)}`,
    {},
    'This is a bug in an op gradient.',
  );
}
