// Keras layer configs (snake_case, as tf.keras 2, Keras 3 and TensorFlow.js write them) → Layerloom
// layer params. Strict: a class or a setting Layerloom cannot reproduce exactly is a LoomError that
// names it — nothing is dropped silently and nothing is guessed.
import { LoomError } from '../errors.ts';
import { ACTIVATIONS } from '../layers/activations.ts';
import type { InitializerSpec } from '../layers/types.ts';
import { field, isObject, type JsonObject } from './json.ts';

/** Keras class name → Layerloom layer type, for every layer Layerloom imports. */
const CLASS_TO_TYPE = new Map<string, string>([
  ['InputLayer', 'Input'],
  ['Dense', 'Dense'],
  ['Concatenate', 'Concatenate'],
  ['Dropout', 'Dropout'],
  ['Flatten', 'Flatten'],
  ['Activation', 'Activation'],
  ['Add', 'Add'],
]);

/** The Keras classes Layerloom imports, for messages. */
export const SUPPORTED_KERAS_CLASSES: readonly string[] = [...CLASS_TO_TYPE.keys()];

/** Throws a LoomError naming the layer unless `className` is a layer Layerloom imports. */
export function checkSupportedClass(className: string, name: string): void {
  if (!CLASS_TO_TYPE.has(className))
    throw new LoomError(
      'import/unsupported',
      `unsupported layer '${className}' (${name})`,
      { node: name },
      `Layerloom supports: ${SUPPORTED_KERAS_CLASSES.join(', ')}. Replace the layer or build the model in Keras.`,
    );
}

/** A layer's Layerloom type and params. */
export interface MappedLayer {
  type: string;
  params: Record<string, unknown>;
}

type Fail = (what: string) => never;

/** Maps one layer's Keras config to a Layerloom type and params. */
export function mapKerasLayer(className: string, name: string, config: JsonObject): MappedLayer {
  checkSupportedClass(className, name);
  const fail: Fail = (what) => {
    throw new LoomError(
      'import/unsupported',
      `layer '${name}' (${className}): ${what}`,
      { node: name },
      'Change the layer in Keras so Layerloom can reproduce it exactly, or remove it.',
    );
  };
  const type = CLASS_TO_TYPE.get(className)!;
  if (field(config, 'trainable') === false)
    fail('frozen layers (trainable: false) are not supported; Layerloom trains every layer');
  checkDtype(field(config, 'dtype'), fail);
  switch (type) {
    case 'Input':
      return { type, params: { shape: inputShape(config, fail) } };
    case 'Dense':
      return { type, params: denseParams(config, fail) };
    case 'Concatenate':
      return { type, params: { axis: intField(config, 'axis', -1, fail) } };
    case 'Dropout':
      return { type, params: dropoutParams(config, fail) };
    case 'Flatten': {
      const df = field(config, 'data_format');
      if (df !== undefined && df !== null && df !== 'channels_last')
        fail(`data_format ${JSON.stringify(df)} is not supported (only channels_last)`);
      return { type, params: {} };
    }
    case 'Activation':
      return { type, params: { activation: activation(field(config, 'activation'), fail) } };
    default:
      return { type, params: {} };
  }
}

/** float32 only: a dtype string, a Keras 3 DTypePolicy object, or nothing. */
function checkDtype(dtype: unknown, fail: Fail): void {
  if (dtype === undefined || dtype === null || dtype === 'float32') return;
  const policy = isObject(dtype) ? field(dtype, 'config') : undefined;
  if (isObject(policy) && field(policy, 'name') === 'float32') return;
  fail(`dtype ${JSON.stringify(dtype)} is not supported (Layerloom computes in float32)`);
}

function inputShape(config: JsonObject, fail: Fail): number[] {
  if (field(config, 'sparse') === true) fail('sparse inputs are not supported');
  if (field(config, 'ragged') === true) fail('ragged inputs are not supported');
  const batch = field(config, 'batch_shape') ?? field(config, 'batch_input_shape');
  if (!Array.isArray(batch) || batch.length < 2)
    return fail(
      `the input shape ${JSON.stringify(batch)} needs a batch dimension and at least one feature dimension`,
    );
  if (batch[0] !== null)
    fail(`a fixed batch size (${JSON.stringify(batch[0])}) is not supported; use None`);
  const dims = batch.slice(1);
  if (!dims.every((d) => Number.isInteger(d) && d >= 1 && d <= 2 ** 31))
    fail(`every input dimension must be a known positive size, got ${JSON.stringify(batch)}`);
  return dims as number[];
}

function denseParams(config: JsonObject, fail: Fail): Record<string, unknown> {
  const units = field(config, 'units');
  if (!Number.isInteger(units) || (units as number) < 1 || (units as number) > 2 ** 31)
    fail(`units must be a positive integer, got ${JSON.stringify(units)}`);
  for (const k of [
    'kernel_regularizer',
    'bias_regularizer',
    'activity_regularizer',
    'kernel_constraint',
    'bias_constraint',
  ]) {
    const v = field(config, k);
    if (v !== undefined && v !== null) fail(`${k} is not supported`);
  }
  const quantized = field(config, 'quantization_config');
  if (quantized !== undefined && quantized !== null) fail('quantized layers are not supported');
  const lora = field(config, 'lora_rank');
  if (lora !== undefined && lora !== null) fail('LoRA (lora_rank) is not supported');
  const useBias = field(config, 'use_bias') ?? true;
  if (typeof useBias !== 'boolean') fail(`use_bias must be true or false`);
  return {
    units,
    activation: activation(field(config, 'activation') ?? 'linear', fail),
    useBias,
    kernelInitializer: initializer(
      field(config, 'kernel_initializer') ?? 'glorot_uniform',
      'kernel_initializer',
      fail,
    ),
    biasInitializer: initializer(
      field(config, 'bias_initializer') ?? 'zeros',
      'bias_initializer',
      fail,
    ),
  };
}

function dropoutParams(config: JsonObject, fail: Fail): Record<string, unknown> {
  const rate = field(config, 'rate');
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1))
    fail(`rate must be a number in [0, 1), got ${JSON.stringify(rate)}`);
  const noise = field(config, 'noise_shape');
  if (noise !== undefined && noise !== null) fail('noise_shape is not supported');
  const seed = field(config, 'seed') ?? null;
  if (
    seed !== null &&
    !(Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) <= 0xffffffff)
  )
    fail(`seed must be a 32-bit non-negative integer or null, got ${JSON.stringify(seed)}`);
  return { rate, seed };
}

function intField(config: JsonObject, key: string, dflt: number, fail: Fail): number {
  const v = field(config, key) ?? dflt;
  if (!Number.isInteger(v)) return fail(`${key} must be an integer, got ${JSON.stringify(v)}`);
  return v as number;
}

function activation(v: unknown, fail: Fail): string {
  // Keras 3 may serialise a built-in activation as { class_name: 'function', config: 'relu' }.
  const name = isObject(v) && field(v, 'class_name') === 'function' ? field(v, 'config') : v;
  if (typeof name !== 'string' || !(ACTIVATIONS as readonly string[]).includes(name))
    return fail(
      `activation ${JSON.stringify(v)} is not supported (Layerloom has ${ACTIVATIONS.join(', ')})`,
    );
  return name;
}

const SIMPLE_INIT: ReadonlyMap<string, InitializerSpec['type']> = new Map([
  ['GlorotUniform', 'glorot_uniform'],
  ['GlorotNormal', 'glorot_normal'],
  ['HeNormal', 'he_normal'],
  ['HeUniform', 'he_uniform'],
  ['Zeros', 'zeros'],
  ['Ones', 'ones'],
  ['RandomNormal', 'random_normal'],
  ['RandomUniform', 'random_uniform'],
  ['Constant', 'constant'],
]);

function num(cfg: JsonObject, key: string, dflt: number, fail: Fail): number {
  const v = field(cfg, key) ?? dflt;
  if (typeof v !== 'number' || !Number.isFinite(v))
    return fail(`initializer argument ${key} must be a finite number`);
  return v;
}

/** The InitializerSpec type of a Keras class name ('GlorotUniform') or string alias ('glorot_uniform'). */
function initType(cls: unknown): InitializerSpec['type'] | undefined {
  if (typeof cls !== 'string') return undefined;
  return SIMPLE_INIT.get(cls) ?? [...SIMPLE_INIT.values()].find((t) => t === cls);
}

/** A Keras initializer (string, {class_name, config}) → InitializerSpec; seeds are not kept. */
function initializer(v: unknown, key: string, fail: Fail): InitializerSpec {
  const cls = isObject(v) ? field(v, 'class_name') : v;
  const rawCfg = isObject(v) ? field(v, 'config') : undefined;
  const cfg = isObject(rawCfg) ? rawCfg : {};
  if (cls === 'VarianceScaling') {
    // Keras's named initializers are VarianceScaling presets; older files store them this way.
    const scale = num(cfg, 'scale', 1, fail);
    const mode = field(cfg, 'mode') ?? 'fan_in';
    const dist = field(cfg, 'distribution') ?? 'truncated_normal';
    const normal = dist === 'truncated_normal' || dist === 'normal';
    if (scale === 1 && mode === 'fan_avg' && dist === 'uniform') return { type: 'glorot_uniform' };
    if (scale === 1 && mode === 'fan_avg' && normal) return { type: 'glorot_normal' };
    if (scale === 2 && mode === 'fan_in' && normal) return { type: 'he_normal' };
    if (scale === 2 && mode === 'fan_in' && dist === 'uniform') return { type: 'he_uniform' };
  }
  const type = initType(cls);
  switch (type) {
    case 'random_normal':
      return { type, mean: num(cfg, 'mean', 0, fail), stddev: num(cfg, 'stddev', 0.05, fail) };
    case 'random_uniform':
      return {
        type,
        minval: num(cfg, 'minval', -0.05, fail),
        maxval: num(cfg, 'maxval', 0.05, fail),
      };
    case 'constant':
      return { type, value: num(cfg, 'value', 0, fail) };
    case undefined:
      return fail(`${key} ${JSON.stringify(v)} is not supported`);
    default:
      return { type };
  }
}
