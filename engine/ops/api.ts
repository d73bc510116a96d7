// Typed wrappers over Builder.op: the vocabulary layers, losses and gradients are written in.
// `const o = ops(b); o.mul(dy, o.sign(x))`. Each wrapper names exactly one registered op.
import type { Builder, Sym } from './types.ts';

/** Typed op calls on a builder (eager tape or symbolic graph). */
export function ops(b: Builder) {
  const c = (x: Sym | number): Sym => (typeof x === 'number' ? b.constant(x) : x);
  return {
    b,
    constant: (v: number) => b.constant(v),
    // element-wise binary ops with NumPy broadcasting; numbers become scalar constants
    add: (x: Sym | number, y: Sym | number) => b.op('add', [c(x), c(y)]),
    sub: (x: Sym | number, y: Sym | number) => b.op('sub', [c(x), c(y)]),
    mul: (x: Sym | number, y: Sym | number) => b.op('mul', [c(x), c(y)]),
    div: (x: Sym | number, y: Sym | number) => b.op('div', [c(x), c(y)]),
    // element-wise unary ops
    neg: (x: Sym) => b.op('neg', [x]),
    exp: (x: Sym) => b.op('exp', [x]),
    log: (x: Sym) => b.op('log', [x]),
    sqrt: (x: Sym) => b.op('sqrt', [x]),
    square: (x: Sym) => b.op('square', [x]),
    abs: (x: Sym) => b.op('abs', [x]),
    sign: (x: Sym) => b.op('sign', [x]),
    relu: (x: Sym) => b.op('relu', [x]),
    sigmoid: (x: Sym) => b.op('sigmoid', [x]),
    tanh: (x: Sym) => b.op('tanh', [x]),
    // comparisons give 1/0; where(cond, a, b) picks a where cond ≠ 0 (all three broadcast)
    greater: (x: Sym | number, y: Sym | number) => b.op('greater', [c(x), c(y)]),
    less: (x: Sym | number, y: Sym | number) => b.op('less', [c(x), c(y)]),
    equal: (x: Sym | number, y: Sym | number) => b.op('equal', [c(x), c(y)]),
    where: (cond: Sym, x: Sym | number, y: Sym | number) => b.op('where', [cond, c(x), c(y)]),
    clip: (x: Sym, min: number, max: number) => b.op('clip', [x], { min, max }),
    broadcastTo: (x: Sym, shape: readonly number[]) =>
      b.op('broadcastTo', [x], { shape: [...shape] }),
    // linear algebra (rank 2)
    matMul: (x: Sym, y: Sym, transposeA = false, transposeB = false) =>
      b.op('matMul', [x, y], { transposeA, transposeB }),
    softmax: (x: Sym, axis = -1) => b.op('softmax', [x], { axis }),
    logSoftmax: (x: Sym, axis = -1) => b.op('logSoftmax', [x], { axis }),
    // reductions: axes null = all axes; negative axes count from the end
    sum: (x: Sym, axes: number[] | null = null, keepDims = false) =>
      b.op('sum', [x], { axes, keepDims }),
    mean: (x: Sym, axes: number[] | null = null, keepDims = false) =>
      b.op('mean', [x], { axes, keepDims }),
    max: (x: Sym, axes: number[] | null = null, keepDims = false) =>
      b.op('max', [x], { axes, keepDims }),
    // structure
    concat: (xs: readonly Sym[], axis = -1) => b.op('concat', xs, { axis }),
    reshape: (x: Sym, shape: readonly number[]) => b.op('reshape', [x], { shape: [...shape] }),
    transpose: (x: Sym, perm?: readonly number[]) =>
      b.op('transpose', [x], { perm: perm ? [...perm] : null }),
    /** size −1 = to the end of that axis. */
    slice: (x: Sym, begin: readonly number[], size: readonly number[]) =>
      b.op('slice', [x], { begin: [...begin], size: [...size] }),
    /** Zero padding: `before[i]`/`after[i]` elements added on axis i. */
    pad: (x: Sym, before: readonly number[], after: readonly number[]) =>
      b.op('pad', [x], { before: [...before], after: [...after] }),
    /** Rows of x (along axis) picked by integer-valued `indices`; output shape = x.shape with axis replaced by indices.shape. */
    gather: (x: Sym, indices: Sym, axis = 0) => b.op('gather', [x, indices], { axis }),
    /** The adjoint of gather: zeros of `shape`, then updates added at `indices` along axis. */
    scatterAdd: (updates: Sym, indices: Sym, shape: readonly number[], axis = 0) =>
      b.op('scatterAdd', [updates, indices], { axis, shape: [...shape] }),
    oneHot: (indices: Sym, depth: number) => b.op('oneHot', [indices], { depth }),
    /**
     * Inverted dropout: keeps each element with probability 1−rate and scales it by 1/(1−rate).
     * The mask is a pure function of (seed, stepSeed's value, element index), so the same op
     * applied to dy with the same stepSeed is its gradient, and CPU and GPU agree bit-for-bit.
     */
    dropout: (x: Sym, stepSeed: Sym, rate: number, seed: number) =>
      b.op('dropout', [x, stepSeed], { rate, seed }),
  };
}

/** The typed op vocabulary returned by `ops(b)`. */
export type Ops = ReturnType<typeof ops>;
