// Rank-2 matrix product C = op(A)·op(B), op = identity or transpose (TensorFlow's tf.linalg.matmul
// with transpose_a / transpose_b). The CPU kernel is the hot loop of every Dense layer, so it is
// written for speed: the innermost loop always walks contiguous rows of B and of a float64
// accumulator, 4 rows of C × 4 steps of k are done per pass (fewer loads per multiply-add), and
// columns are blocked so the accumulator stays in L1. Transposed B is first copied row-major into a
// reusable scratch buffer. Sums are accumulated in float64 and rounded once to float32.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import { boolAttr, shapeError } from './axes.ts';
import { showShape, type Shape } from '../tensor.ts';

/** Attributes of matMul. */
export interface MatMulAttrs extends Attrs {
  transposeA?: boolean;
  transposeB?: boolean;
}

/** Columns of C per block: 4 accumulator rows × 1024 float64 = 32 KiB. */
const J_BLOCK = 1024;
const acc = new Float64Array(4 * J_BLOCK);
/** Row-major copy of a transposed B; grows on demand, never shrinks (the kernel is not re-entrant). */
let scratch = new Float32Array(0);
/** Below this many rows of C a transposed B is read in place (dot products) instead of copied. */
const COPY_MIN_ROWS = 8;

/** C[M,N] = A·B for a row-major B[K,N]; element (i,k) of A is a[i*aRow + k*aCol]. */
function gemm(
  a: Float32Array,
  aRow: number,
  aCol: number,
  b: Float32Array,
  c: Float32Array,
  M: number,
  K: number,
  N: number,
): void {
  for (let j0 = 0; j0 < N; j0 += J_BLOCK) {
    const j1 = Math.min(N, j0 + J_BLOCK);
    let i = 0;
    for (; i + 3 < M; i += 4) rows4(a, aRow, aCol, b, c, i, K, N, j0, j1);
    for (; i < M; i++) rows1(a, aRow, aCol, b, c, i, K, N, j0, j1);
  }
}

/** Rows i..i+3, columns j0..j1 of C. */
function rows4(
  a: Float32Array,
  aRow: number,
  aCol: number,
  b: Float32Array,
  c: Float32Array,
  i: number,
  K: number,
  N: number,
  j0: number,
  j1: number,
): void {
  const w = j1 - j0;
  const w2 = 2 * w;
  const w3 = 3 * w;
  acc.fill(0, 0, 4 * w);
  const r0 = i * aRow;
  const r1 = r0 + aRow;
  const r2 = r1 + aRow;
  const r3 = r2 + aRow;
  let k = 0;
  for (; k + 3 < K; k += 4) {
    const c0 = k * aCol;
    const c1 = c0 + aCol;
    const c2 = c1 + aCol;
    const c3 = c2 + aCol;
    const p0 = a[r0 + c0],
      p1 = a[r0 + c1],
      p2 = a[r0 + c2],
      p3 = a[r0 + c3];
    const q0 = a[r1 + c0],
      q1 = a[r1 + c1],
      q2 = a[r1 + c2],
      q3 = a[r1 + c3];
    const s0 = a[r2 + c0],
      s1 = a[r2 + c1],
      s2 = a[r2 + c2],
      s3 = a[r2 + c3];
    const t0 = a[r3 + c0],
      t1 = a[r3 + c1],
      t2 = a[r3 + c2],
      t3 = a[r3 + c3];
    const b0 = k * N + j0;
    const b1 = b0 + N;
    const b2 = b1 + N;
    const b3 = b2 + N;
    for (let j = 0; j < w; j++) {
      const x0 = b[b0 + j];
      const x1 = b[b1 + j];
      const x2 = b[b2 + j];
      const x3 = b[b3 + j];
      acc[j] += p0 * x0 + p1 * x1 + p2 * x2 + p3 * x3;
      acc[w + j] += q0 * x0 + q1 * x1 + q2 * x2 + q3 * x3;
      acc[w2 + j] += s0 * x0 + s1 * x1 + s2 * x2 + s3 * x3;
      acc[w3 + j] += t0 * x0 + t1 * x1 + t2 * x2 + t3 * x3;
    }
  }
  for (; k < K; k++) {
    const ck = k * aCol;
    const p = a[r0 + ck];
    const q = a[r1 + ck];
    const s = a[r2 + ck];
    const t = a[r3 + ck];
    const bk = k * N + j0;
    for (let j = 0; j < w; j++) {
      const x = b[bk + j];
      acc[j] += p * x;
      acc[w + j] += q * x;
      acc[w2 + j] += s * x;
      acc[w3 + j] += t * x;
    }
  }
  const o = i * N + j0;
  for (let j = 0; j < w; j++) {
    c[o + j] = acc[j];
    c[o + N + j] = acc[w + j];
    c[o + 2 * N + j] = acc[w2 + j];
    c[o + 3 * N + j] = acc[w3 + j];
  }
}

/** Row i, columns j0..j1 of C (the M mod 4 leftover rows). */
function rows1(
  a: Float32Array,
  aRow: number,
  aCol: number,
  b: Float32Array,
  c: Float32Array,
  i: number,
  K: number,
  N: number,
  j0: number,
  j1: number,
): void {
  const w = j1 - j0;
  acc.fill(0, 0, w);
  const r = i * aRow;
  let k = 0;
  for (; k + 3 < K; k += 4) {
    const c0 = r + k * aCol;
    const p0 = a[c0],
      p1 = a[c0 + aCol],
      p2 = a[c0 + 2 * aCol],
      p3 = a[c0 + 3 * aCol];
    const b0 = k * N + j0;
    const b1 = b0 + N;
    const b2 = b1 + N;
    const b3 = b2 + N;
    for (let j = 0; j < w; j++)
      acc[j] += p0 * b[b0 + j] + p1 * b[b1 + j] + p2 * b[b2 + j] + p3 * b[b3 + j];
  }
  for (; k < K; k++) {
    const p = a[r + k * aCol];
    const bk = k * N + j0;
    for (let j = 0; j < w; j++) acc[j] += p * b[bk + j];
  }
  const o = i * N + j0;
  for (let j = 0; j < w; j++) c[o + j] = acc[j];
}

/** C[M,N] = A·Bᵀ for B stored [N,K], by dot products (few rows of C: copying B would dominate). */
function gemmDotBt(
  a: Float32Array,
  aRow: number,
  aCol: number,
  b: Float32Array,
  c: Float32Array,
  M: number,
  K: number,
  N: number,
): void {
  for (let i = 0; i < M; i++) {
    const r = i * aRow;
    for (let j = 0; j < N; j++) {
      const bj = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += a[r + k * aCol] * b[bj + k];
      c[i * N + j] = s;
    }
  }
}

/** Copies the row-major [rows, cols] matrix `src` transposed into the scratch buffer. */
function transposeToScratch(src: Float32Array, rows: number, cols: number): Float32Array {
  if (scratch.length < rows * cols) scratch = new Float32Array(rows * cols);
  const dst = scratch;
  const T = 32; // tiles keep both the reads and the writes within a few cache lines
  for (let r0 = 0; r0 < rows; r0 += T) {
    const r1 = Math.min(rows, r0 + T);
    for (let c0 = 0; c0 < cols; c0 += T) {
      const c1 = Math.min(cols, c0 + T);
      for (let r = r0; r < r1; r++) {
        const s = r * cols;
        for (let col = c0; col < c1; col++) dst[col * rows + r] = src[s + col];
      }
    }
  }
  return dst;
}

/** [M, K, N] of op(A)·op(B); throws LoomError('op/shape') unless both are rank 2 with matching K. */
function dims(a: Shape, b: Shape, tA: boolean, tB: boolean): [number, number, number] {
  if (a.length !== 2 || b.length !== 2)
    shapeError(
      'matMul',
      `input ${a.length !== 2 ? 0 : 1}`,
      `needs two rank-2 matrices, got ${showShape(a)} and ${showShape(b)}`,
      'Reshape the inputs to [rows, columns] first (e.g. add a Flatten layer).',
    );
  const [M, K] = tA ? [a[1], a[0]] : [a[0], a[1]];
  const [K2, N] = tB ? [b[1], b[0]] : [b[0], b[1]];
  if (K !== K2)
    shapeError(
      'matMul',
      'inputs 0 and 1',
      `inner dimensions differ: ${showShape(a)}${tA ? 'ᵀ' : ''} has ${K} columns but ${showShape(b)}${tB ? 'ᵀ' : ''} has ${K2} rows`,
      'Make the last axis of the first input match the first axis of the second (check the units of the previous layer).',
    );
  return [M, K, N];
}

/** Matrix product with optional transposes; gradients are matMuls with transpose flags. */
export const matMul = defineOp<MatMulAttrs>({
  name: 'matMul',
  arity: 2,
  shape([a, b], attrs) {
    const tA = boolAttr('matMul', 'transposeA', attrs.transposeA);
    const tB = boolAttr('matMul', 'transposeB', attrs.transposeB);
    const [M, , N] = dims(a, b, tA, tB);
    return [M, N];
  },
  cpu([a, b], attrs, out) {
    const tA = attrs.transposeA === true;
    const tB = attrs.transposeB === true;
    const [M, K, N] = dims(a.shape, b.shape, tA, tB);
    // A is [M,K] (element i,k at i*K + k) or, transposed, stored [K,M] (at k*M + i).
    const aRow = tA ? 1 : K;
    const aCol = tA ? M : 1;
    if (!tB) gemm(a.data, aRow, aCol, b.data, out.data, M, K, N);
    else if (M < COPY_MIN_ROWS) gemmDotBt(a.data, aRow, aCol, b.data, out.data, M, K, N);
    else gemm(a.data, aRow, aCol, transposeToScratch(b.data, N, K), out.data, M, K, N);
  },
  grad(bld, dy, [a, b], _y, attrs) {
    const o = ops(bld);
    const tA = attrs.transposeA === true;
    const tB = attrs.transposeB === true;
    // As TensorFlow's MatMul gradient: each case keeps the result in the stored layout of A / B.
    if (!tA && !tB) return [o.matMul(dy, b, false, true), o.matMul(a, dy, true, false)];
    if (!tA && tB) return [o.matMul(dy, b, false, false), o.matMul(dy, a, true, false)];
    if (tA && !tB) return [o.matMul(b, dy, false, true), o.matMul(a, dy, false, false)];
    return [o.matMul(b, dy, true, true), o.matMul(dy, a, true, true)];
  },
  shader: 'matMul',
});
