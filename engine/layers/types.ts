// The contract every layer implements. A layer is one file in engine/layers/ plus one registry
// line; palette, node UI, inspector, summary, compiler and exporters all read the registry.
import type { z } from 'zod';
import type { Ops } from '../ops/api.ts';
import type { Sym } from '../ops/types.ts';

/** A symbolic shape as Keras prints it: null is the batch dimension (None). */
export type SymShape = readonly (number | null)[];

/** Names of the built-in initializers, Keras spelling. */
export type InitializerType =
  | 'glorot_uniform'
  | 'glorot_normal'
  | 'he_normal'
  | 'he_uniform'
  | 'random_normal'
  | 'random_uniform'
  | 'zeros'
  | 'ones'
  | 'constant';

/** An initializer with its Keras arguments (mean/stddev, minval/maxval, value). */
export interface InitializerSpec {
  type: InitializerType;
  mean?: number;
  stddev?: number;
  minval?: number;
  maxval?: number;
  value?: number;
}

/** One parameter tensor of a layer, e.g. Dense's kernel [in, units]. */
export interface WeightSpec {
  name: string;
  shape: number[];
  initializer: InitializerSpec;
  trainable: boolean;
}

/** How a layer takes inputs: none (Input), exactly one, or several in order (ports in0, in1, …). */
export type InputPorts = { kind: 'none' } | { kind: 'single' } | { kind: 'variadic'; min: number };

/** What a layer's build sees besides its inputs and weights. */
export interface BuildContext {
  /** True in the training graph (dropout active), false for evaluate/predict. */
  training: boolean;
  /** A scalar fed with the step counter; dropout masks derive from it. */
  stepSeed: Sym;
  /** The project seed, for layers whose own seed is unset. */
  seed: number;
  /** The node's index in the document, to decorrelate per-layer randomness. */
  nodeIndex: number;
}

/** One layer type. `P` is its params object (all defaults filled in). */
export interface LayerDef<P = Record<string, unknown>> {
  /** Type name in the document and palette, e.g. 'Dense'. */
  readonly type: string;
  /** Keras class name, e.g. 'InputLayer' for Input. */
  readonly kerasClass: string;
  /** Prefix of Keras's automatic names, e.g. 'dense' → dense, dense_1, … */
  readonly defaultName: string;
  readonly category: 'Core' | 'Merge' | 'Regularization' | 'Reshape';
  /** One sentence for the palette tooltip. */
  readonly description: string;
  /** Params schema with defaults, so schema.parse({}) gives a valid default. Fields carry .meta({ label, help }). */
  readonly params: z.ZodType<P>;
  readonly inputs: InputPorts;
  /** Output shape from input shapes; throws LoomError('graph/shape' | 'graph/param') on bad input. */
  outputShape(params: P, inputs: readonly SymShape[]): SymShape;
  /** Parameter tensors for these input shapes (concrete: batch excluded). */
  weights(params: P, inputs: readonly SymShape[]): WeightSpec[];
  /** Emits the forward computation. Input layers receive the fed input as inputs[0]. */
  build(
    o: Ops,
    params: P,
    inputs: readonly Sym[],
    weights: Readonly<Record<string, Sym>>,
    ctx: BuildContext,
  ): Sym;
  /** Keras layer `config` for export (name included). */
  kerasConfig(params: P, name: string): Record<string, unknown>;
  /** Key params for the node face, e.g. '512 · relu'. */
  inline(params: P): string;
}

/** Helper so layer files get params typing without casts. */
export function defineLayer<P>(def: LayerDef<P>): LayerDef<P> {
  return def;
}
