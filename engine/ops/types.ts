// The contract every op implements. An op is one file in engine/ops/: its shape rule, its CPU
// kernel, and its gradient written with other ops right beside the forward, plus the name of its
// GPU shader. Attributes are plain JSON so compiled programs stay serialisable.
import type { Shape, TensorData } from '../tensor.ts';

/** A symbolic or eager value: an id in a graph/tape and a concrete shape. */
export interface Sym {
  readonly id: number;
  readonly shape: Shape;
}

/** JSON-only op attributes. */
export type Attrs = Readonly<Record<string, unknown>>;

/**
 * Emits ops. The same interface is implemented eagerly (the tape: each op runs at once) and
 * symbolically (the compiler's graph), so a gradient written once serves both.
 */
export interface Builder {
  /** Applies the registered op `name` to `inputs`. Throws LoomError('op/shape') on bad shapes. */
  op(name: string, inputs: readonly Sym[], attrs?: Attrs): Sym;
  /** A constant; a number becomes a scalar (shape []). */
  constant(value: number | TensorData): Sym;
}

/** One op definition. `A` is the op's attribute object type. */
export interface OpDef<A extends Attrs = Attrs> {
  readonly name: string;
  /** Number of inputs, or 'variadic' (≥ 1) for ops like concat. */
  readonly arity: number | 'variadic';
  /** Output shape from input shapes; throws LoomError('op/shape' | 'op/attr') when invalid. */
  shape(inputs: readonly Shape[], attrs: A): Shape;
  /** CPU kernel: writes the result into `out`, already allocated with shape(...). Must not allocate per element. */
  cpu(inputs: readonly TensorData[], attrs: A, out: TensorData): void;
  /**
   * Gradient of a scalar objective w.r.t. each input, given `dy` (same shape as the output),
   * written with other ops through `b`. Each returned gradient has exactly its input's shape
   * (broadcast gradients are reduced back). `null` = no gradient flows to that input.
   * Omitted for non-differentiable ops (oneHot, greater, less, …).
   */
  grad?(b: Builder, dy: Sym, inputs: readonly Sym[], output: Sym, attrs: A): (Sym | null)[];
  /** Name of the GPU kernel file in shaders/ (without extension); null until it exists. */
  readonly shader: string | null;
}

/** Helper so op files get attribute typing without casts. */
export function defineOp<A extends Attrs>(def: OpDef<A>): OpDef<A> {
  return def;
}
