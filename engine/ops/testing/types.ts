// Test-only contract for the shared op suite (engine/ops/opSuite.test.ts): every registered op has
// an OpCaseSet with an independent float64 reference and cases on fresh random inputs.
import type { Attrs } from '../types.ts';

/** A float64 n-d array used by references. */
export interface Nd64 {
  shape: number[];
  data: Float64Array;
}

/** How to draw one input. Default: uniform in [-2, 2]. */
export type InputGen =
  | { kind: 'uniform'; lo: number; hi: number }
  /** Uniform integers in [lo, hi] (indices, labels). */
  | { kind: 'int'; lo: number; hi: number }
  /** Values away from kinks (|x| ≥ margin) so finite differences are valid for relu/abs/sign. */
  | { kind: 'awayFromZero'; lo: number; hi: number; margin: number }
  | { kind: 'fixed'; values: number[] };

/** One test case of an op. */
export interface OpCase {
  name?: string;
  shapes: number[][];
  attrs?: Attrs;
  inputs?: (InputGen | undefined)[];
  /** Inputs whose gradient is not checked (indices, conditions, the dropout step seed). */
  noGrad?: number[];
  /** False for ops without a gradient (comparisons, oneHot). Default true. */
  differentiable?: boolean;
  /** Relative tolerances; defaults forward 1e-5, gradient 2e-3. */
  tol?: { forward?: number; grad?: number };
}

/** All cases of one op plus its float64 reference. */
export interface OpCaseSet {
  op: string;
  /** Naive float64 implementation, independent of the CPU kernel. */
  reference(inputs: Nd64[], attrs: Attrs): Nd64;
  cases: OpCase[];
}
