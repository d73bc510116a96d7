// The shared op suite machinery (test-only, framework-neutral: failures are thrown Errors with the
// worst element, so any runner can report them). Every case draws fresh seeded inputs, runs the op
// through a pluggable forward runner (the CPU kernel by default; a WebGL runner in a GPU suite)
// against the op's float64 reference, then checks analytic gradients against central finite
// differences of the reference.
import { Rng, hashString } from '../../random/rng.ts';
import { Tape, runCpuOp, valueAndGrad } from '../../autodiff/tape.ts';
import { getOp } from '../registry.ts';
import { sameShape, showShape, sizeOf, stridesOf, type TensorData } from '../../tensor.ts';
import type { Attrs } from '../types.ts';
import type { InputGen, Nd64, OpCase, OpCaseSet } from './types.ts';

/** Runs op `op` forward on float32 inputs (the CPU kernel, or another backend). */
export type ForwardRunner = (op: string, inputs: readonly TensorData[], attrs: Attrs) => TensorData;

/**
 * Gradients of L = sum(op(inputs) ⊙ w) w.r.t. every input (null = no gradient flows), as the
 * backend under test computes them.
 */
export type GradRunner = (
  op: string,
  inputs: readonly TensorData[],
  attrs: Attrs,
  w: TensorData,
) => (TensorData | null)[];

/** Default forward tolerance (relative, with an absolute floor; see `compare`). */
export const FORWARD_TOL = 1e-5;
/** Default gradient tolerance. */
export const GRAD_TOL = 2e-3;
/** Values below this magnitude are compared absolutely (error / floor). */
export const ABS_FLOOR = 1e-3;
/** The floor also scales with the largest expected magnitude, for sums with cancellation. */
export const SCALE_FLOOR = 0.1;
/** Finite-difference step relative to |x| (at least this absolute value). */
export const FD_STEP = 1e-3;

/** The CPU kernel as a forward runner. */
export const cpuForward: ForwardRunner = (op, inputs, attrs) => runCpuOp(op, inputs, attrs);

/** The eager tape (valueAndGrad) as a gradient runner. */
export const cpuGrads: GradRunner = (op, inputs, attrs, w) => {
  // valueAndGrad seeds dy = ones, so differentiating y ⊙ w seeds the op with dy = w.
  const { grads } = valueAndGrad((o, ...xs) => o.mul(o.b.op(op, xs, attrs), o.b.constant(w)))(
    ...inputs,
  );
  return grads;
};

/** The seed of case `index` of `op`: stable across runs and independent of other cases. */
export function caseSeed(op: string, index: number): number {
  return hashString(`${op}#${index}`);
}

/** One value from `gen` (default uniform in [−2, 2]); `i` is the element index. */
function draw(rng: Rng, gen: InputGen | undefined, i: number): number {
  if (!gen) return rng.uniform(-2, 2);
  switch (gen.kind) {
    case 'uniform':
      return rng.uniform(gen.lo, gen.hi);
    case 'int':
      return gen.lo + rng.int(gen.hi - gen.lo + 1);
    case 'awayFromZero': {
      if (Math.max(Math.abs(gen.lo), Math.abs(gen.hi)) <= gen.margin)
        throw new Error(`awayFromZero: no value in [${gen.lo}, ${gen.hi}] has |x| > ${gen.margin}`);
      for (;;) {
        const v = rng.uniform(gen.lo, gen.hi);
        if (Math.abs(Math.fround(v)) >= gen.margin) return v;
      }
    }
    case 'fixed':
      // Cycled when the shape has more elements than values.
      return gen.values[i % gen.values.length];
  }
}

/** Seeded float32 inputs of a case, then the objective weights w (uniform in [−1, 1]). */
export function generateInputs(
  c: OpCase,
  seed: number,
  outputSize = 0,
): { inputs: TensorData[]; w: Float32Array } {
  const rng = new Rng(seed);
  const inputs = c.shapes.map((shape, k) => {
    const gen = c.inputs?.[k];
    const data = new Float32Array(sizeOf(shape));
    if (gen?.kind === 'fixed' && gen.values.length === 0)
      throw new Error(`input ${k}: a fixed generator needs at least one value`);
    for (let i = 0; i < data.length; i++) data[i] = draw(rng, gen, i);
    return { shape: [...shape], data };
  });
  const w = new Float32Array(outputSize);
  for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-1, 1);
  return { inputs, w };
}

/** Float64 copy of a float32 tensor. */
export function toNd64(t: TensorData): Nd64 {
  return { shape: [...t.shape], data: Float64Array.from(t.data) };
}

/** The worst element of a comparison, or null when all are within tolerance. */
export interface Mismatch {
  flat: number;
  index: number[];
  actual: number;
  expected: number;
  error: number;
  tol: number;
}

/**
 * Compares element-wise: error = |actual − expected| / max(|expected|, floor), with
 * floor = max(ABS_FLOOR, SCALE_FLOOR · max|expected|). NaN must meet NaN and ±Infinity must meet
 * the same infinity. Returns the worst element if it exceeds `tol`.
 */
export function compare(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  shape: readonly number[],
  tol: number,
): Mismatch | null {
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs(expected[i]);
    if (Number.isFinite(e) && e > scale) scale = e;
  }
  const floor = Math.max(ABS_FLOOR, SCALE_FLOOR * scale);
  let worst = -1;
  let worstErr = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    let err: number;
    if (Number.isNaN(e) || Number.isNaN(a)) err = Number.isNaN(e) && Number.isNaN(a) ? 0 : Infinity;
    else if (!Number.isFinite(e) || !Number.isFinite(a)) err = a === e ? 0 : Infinity;
    else err = Math.abs(a - e) / Math.max(Math.abs(e), floor);
    if (err > worstErr || worst < 0) {
      worst = i;
      worstErr = err;
    }
  }
  if (worst < 0 || worstErr <= tol) return null;
  const strides = stridesOf(shape);
  return {
    flat: worst,
    index: strides.map((s, d) => Math.floor(worst / s) % shape[d]),
    actual: actual[worst],
    expected: expected[worst],
    error: worstErr,
    tol,
  };
}

/** "add case 2 '[3, 1] + [1, 4]'" for messages and test names. */
export function caseLabel(set: OpCaseSet, c: OpCase, index: number): string {
  const shapes = c.shapes.map((s) => showShape(s)).join(', ');
  return `${set.op} #${index}${c.name ? ` ${c.name}` : ''} (${shapes}${
    c.attrs ? ` ${JSON.stringify(c.attrs)}` : ''
  })`;
}

function fail(label: string, what: string, m: Mismatch): never {
  throw new Error(
    `${label} ${what}: worst element [${m.index.join(', ')}] (flat ${m.flat}): got ${m.actual}, ` +
      `expected ${m.expected}, error ${m.error.toExponential(2)} > tolerance ${m.tol}`,
  );
}

/** Runs the forward check of one case on `inputs`; throws on any mismatch. Returns the output. */
export function checkForward(
  set: OpCaseSet,
  c: OpCase,
  label: string,
  inputs: readonly TensorData[],
  forward: ForwardRunner = cpuForward,
): TensorData {
  const attrs = c.attrs ?? {};
  const expected = set.reference(inputs.map(toNd64), attrs);
  const declared = getOp(set.op).shape(
    inputs.map((t) => t.shape),
    attrs,
  );
  if (!sameShape(declared, expected.shape))
    throw new Error(
      `${label}: shape rule gives ${showShape(declared)}, reference ${showShape(expected.shape)}`,
    );
  const y = forward(set.op, inputs, attrs);
  if (!sameShape(y.shape, expected.shape) || y.data.length !== expected.data.length)
    throw new Error(
      `${label}: output shape ${showShape(y.shape)}, reference ${showShape(expected.shape)}`,
    );
  const m = compare(y.data, expected.data, y.shape, c.tol?.forward ?? FORWARD_TOL);
  if (m) fail(label, 'forward', m);
  return y;
}

/** L = Σ reference(xs) ⊙ w in float64. */
function objective(set: OpCaseSet, xs: Nd64[], attrs: Attrs, w: Float32Array): number {
  const y = set.reference(xs, attrs);
  let s = 0;
  for (let i = 0; i < y.data.length; i++) s += y.data[i] * w[i];
  return s;
}

/** Central finite-difference gradient of L w.r.t. input `k`, on the float64 reference. */
export function numericGradient(
  set: OpCaseSet,
  inputs: readonly TensorData[],
  attrs: Attrs,
  w: Float32Array,
  k: number,
): Float64Array {
  const xs = inputs.map(toNd64);
  const x = xs[k].data;
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const h = FD_STEP * Math.max(1, Math.abs(v));
    x[i] = v + h;
    const up = objective(set, xs, attrs, w);
    x[i] = v - h;
    const down = objective(set, xs, attrs, w);
    x[i] = v;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/**
 * Checks the gradients of one case: the op's grad returns one entry per input, every analytic
 * gradient has exactly its input's shape, and each checked input's gradient matches finite
 * differences of the reference.
 */
export function checkGradients(
  set: OpCaseSet,
  c: OpCase,
  label: string,
  inputs: readonly TensorData[],
  w: Float32Array,
  grads: GradRunner = cpuGrads,
): void {
  const attrs = c.attrs ?? {};
  const op = getOp(set.op);
  if (!op.grad)
    throw new Error(`${label}: the op has no gradient; mark the case differentiable: false`);
  const tape = new Tape();
  const watched = inputs.map((t) => tape.watch(t));
  const y = tape.op(set.op, watched, attrs);
  const direct = op.grad(tape, tape.constant({ shape: y.shape, data: w }), watched, y, attrs);
  if (direct.length !== inputs.length)
    throw new Error(`${label}: grad returned ${direct.length} entries for ${inputs.length} inputs`);
  const wt = { shape: [...y.shape], data: w };
  const analytic = grads(set.op, inputs, attrs, wt);
  inputs.forEach((x, k) => {
    const gk = analytic[k];
    if (gk && !sameShape(gk.shape, x.shape))
      throw new Error(
        `${label}: gradient of input ${k} has shape ${showShape(gk.shape)}, input ${showShape(x.shape)}`,
      );
    const fromOp = direct[k];
    if (fromOp && !sameShape(fromOp.shape, x.shape))
      throw new Error(
        `${label}: grad() of input ${k} has shape ${showShape(fromOp.shape)}, input ${showShape(x.shape)}`,
      );
    if (c.noGrad?.includes(k)) return;
    const numeric = numericGradient(set, inputs, attrs, w, k);
    const got = gk ? gk.data : new Float32Array(numeric.length);
    const m = compare(got, numeric, x.shape, c.tol?.grad ?? GRAD_TOL);
    if (m) fail(label, `gradient of input ${k}`, m);
  });
}

/** Options for running a case on another backend. */
export interface RunOptions {
  forward?: ForwardRunner;
  grads?: GradRunner;
  /** Skip the gradient check (e.g. a forward-only backend suite). */
  skipGrad?: boolean;
}

/** Runs case `index` of `set`: forward vs reference, then (when differentiable) the gradient check. */
export function runOpCase(set: OpCaseSet, index: number, options: RunOptions = {}): void {
  const c = set.cases[index];
  const label = caseLabel(set, c, index);
  const attrs = c.attrs ?? {};
  const outShape = getOp(set.op).shape(c.shapes, attrs);
  const { inputs, w } = generateInputs(c, caseSeed(set.op, index), sizeOf(outShape));
  checkForward(set, c, label, inputs, options.forward);
  if (c.differentiable !== false && !options.skipGrad)
    checkGradients(set, c, label, inputs, w, options.grads);
}
