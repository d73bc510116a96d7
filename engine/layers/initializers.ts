// Weight initializers with Keras 3 semantics (keras/src/initializers): the same distributions,
// fan computation and defaults, drawn from the seeded Rng so the same seed gives the same values.
import { z } from 'zod';
import { Rng } from '../random/rng.ts';
import { sizeOf } from '../tensor.ts';
import type { InitializerSpec, InitializerType } from './types.ts';

/** Every initializer name, in menu order. */
export const INITIALIZER_TYPES = [
  'glorot_uniform',
  'glorot_normal',
  'he_normal',
  'he_uniform',
  'random_normal',
  'random_uniform',
  'zeros',
  'ones',
  'constant',
] as const satisfies readonly InitializerType[];

// Keras defaults: RandomNormal(mean=0.0, stddev=0.05), RandomUniform(-0.05, 0.05), Constant(0.0).
const DEFAULT_STDDEV = 0.05;
const DEFAULT_LIMIT = 0.05;

/** stddev of a standard normal truncated to ±2, which Keras divides by (VarianceScaling). */
const TRUNCATED_STDDEV = 0.87962566103423978;

// zod 4 numbers are finite: NaN and ±Infinity are rejected.
const finite = z.number();

/** An initializer and its Keras arguments; missing arguments get Keras's defaults. */
export const InitializerSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('glorot_uniform') }),
  z.object({ type: z.literal('glorot_normal') }),
  z.object({ type: z.literal('he_normal') }),
  z.object({ type: z.literal('he_uniform') }),
  z.object({
    type: z.literal('random_normal'),
    mean: finite.default(0).meta({ label: 'Mean', help: 'Mean of the normal distribution.' }),
    stddev: finite
      .min(0, { error: 'stddev must be ≥ 0' })
      .default(DEFAULT_STDDEV)
      .meta({ label: 'Std. dev.', help: 'Standard deviation of the normal distribution.' }),
  }),
  z.object({
    type: z.literal('random_uniform'),
    minval: finite
      .default(-DEFAULT_LIMIT)
      .meta({ label: 'Min', help: 'Lower bound of the uniform range (inclusive).' }),
    maxval: finite
      .default(DEFAULT_LIMIT)
      .meta({ label: 'Max', help: 'Upper bound of the uniform range (exclusive).' }),
  }),
  z.object({ type: z.literal('zeros') }),
  z.object({ type: z.literal('ones') }),
  z.object({
    type: z.literal('constant'),
    value: finite.default(0).meta({ label: 'Value', help: 'Every weight starts at this value.' }),
  }),
]);

/** Keras's compute_fans: (fan_in, fan_out) of a weight shape. */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  // Convolution-style kernels (..., input_depth, depth): the leading dims are the receptive field.
  let receptive = 1;
  for (const d of shape.slice(0, -2)) receptive *= d;
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

type Fill = (rng: Rng) => number;

/** VarianceScaling as Keras: scale / max(1, n) with n chosen by mode. */
function varianceScaling(
  shape: readonly number[],
  scale: number,
  mode: 'fan_in' | 'fan_avg',
  distribution: 'uniform' | 'truncated_normal',
): Fill {
  const [fanIn, fanOut] = computeFans(shape);
  const n = mode === 'fan_in' ? fanIn : (fanIn + fanOut) / 2;
  const s = scale / Math.max(1, n);
  if (distribution === 'uniform') {
    const limit = Math.sqrt(3 * s);
    return (rng) => rng.uniform(-limit, limit);
  }
  const stddev = Math.sqrt(s) / TRUNCATED_STDDEV;
  return (rng) => rng.truncatedNormal(0, stddev);
}

function filler(spec: InitializerSpec, shape: readonly number[]): Fill | number {
  switch (spec.type) {
    case 'glorot_uniform':
      return varianceScaling(shape, 1, 'fan_avg', 'uniform');
    case 'glorot_normal':
      return varianceScaling(shape, 1, 'fan_avg', 'truncated_normal');
    case 'he_normal':
      return varianceScaling(shape, 2, 'fan_in', 'truncated_normal');
    case 'he_uniform':
      return varianceScaling(shape, 2, 'fan_in', 'uniform');
    case 'random_normal': {
      const mean = spec.mean ?? 0;
      const stddev = spec.stddev ?? DEFAULT_STDDEV;
      return (rng) => rng.normal(mean, stddev);
    }
    case 'random_uniform': {
      const lo = spec.minval ?? -DEFAULT_LIMIT;
      const hi = spec.maxval ?? DEFAULT_LIMIT;
      return (rng) => rng.uniform(lo, hi);
    }
    case 'zeros':
      return 0;
    case 'ones':
      return 1;
    case 'constant':
      return spec.value ?? 0;
  }
}

/** Initial values of a weight of `shape` (row-major); the same (spec, shape, seed) gives the same values. */
export function initialize(spec: InitializerSpec, shape: number[], seed: number): Float32Array {
  const out = new Float32Array(sizeOf(shape));
  const fill = filler(spec, shape);
  if (typeof fill === 'number') return out.fill(fill);
  const rng = new Rng(seed);
  for (let i = 0; i < out.length; i++) out[i] = fill(rng);
  return out;
}

const KERAS_CLASS: Record<InitializerType, string> = {
  glorot_uniform: 'GlorotUniform',
  glorot_normal: 'GlorotNormal',
  he_normal: 'HeNormal',
  he_uniform: 'HeUniform',
  random_normal: 'RandomNormal',
  random_uniform: 'RandomUniform',
  zeros: 'Zeros',
  ones: 'Ones',
  constant: 'Constant',
};

/** The Keras 3 serialisation of an initializer: { module, class_name, config, registered_name }. */
export function kerasInitializer(spec: InitializerSpec): Record<string, unknown> {
  let config: Record<string, unknown>;
  switch (spec.type) {
    case 'random_normal':
      config = { seed: null, mean: spec.mean ?? 0, stddev: spec.stddev ?? DEFAULT_STDDEV };
      break;
    case 'random_uniform':
      config = {
        seed: null,
        minval: spec.minval ?? -DEFAULT_LIMIT,
        maxval: spec.maxval ?? DEFAULT_LIMIT,
      };
      break;
    case 'zeros':
    case 'ones':
      config = {};
      break;
    case 'constant':
      config = { value: spec.value ?? 0 };
      break;
    default:
      config = { seed: null };
  }
  return {
    module: 'keras.initializers',
    class_name: KERAS_CLASS[spec.type],
    config,
    registered_name: null,
  };
}
