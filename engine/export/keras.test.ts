// The .keras archive: config.json checked against the structure Keras 3's serialize_keras_object
// and Functional.get_config write (a zod schema written from keras/src), model.weights.h5 read back
// with h5wasm at the paths saving_lib's H5IOStore uses, and the zip opened by Python's zipfile.
import { unzipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseProjectText } from '../document/parse.ts';
import { writeKerasArchive } from './keras.ts';
import { readH5Datasets, toSnakeCase } from './kerasH5.ts';
import { exportModel } from './model.ts';
import { residualProject } from './testing.ts';

const example = (name: string) =>
  parseProjectText(readFileSync(new URL(`../../assets/examples/${name}`, import.meta.url), 'utf8'));

// --- Keras 3 structures, from keras/src/saving/serialization_lib.py and models/functional.py ---
const Dim = z.number().int().positive().nullable();
const Serialized = z.strictObject({
  module: z.string(),
  class_name: z.string(),
  config: z.record(z.string(), z.unknown()),
  registered_name: z.string().nullable(),
});
const DTypePolicy = z.strictObject({
  module: z.literal('keras'),
  class_name: z.literal('DTypePolicy'),
  config: z.strictObject({ name: z.literal('float32') }),
  registered_name: z.null(),
});
const Initializer = Serialized.extend({ module: z.literal('keras.initializers') });
const base = { name: z.string(), trainable: z.boolean(), dtype: DTypePolicy };
const Activation = z.enum(['linear', 'relu', 'sigmoid', 'tanh', 'softmax']);
const layerConfigs: Record<string, z.ZodType> = {
  InputLayer: z.strictObject({
    batch_shape: z.array(Dim),
    dtype: z.literal('float32'),
    sparse: z.boolean(),
    name: z.string(),
  }),
  Dense: z.strictObject({
    ...base,
    units: z.number().int().positive(),
    activation: Activation,
    use_bias: z.boolean(),
    kernel_initializer: Initializer,
    bias_initializer: Initializer,
    kernel_regularizer: z.null(),
    bias_regularizer: z.null(),
    kernel_constraint: z.null(),
    bias_constraint: z.null(),
  }),
  Concatenate: z.strictObject({ ...base, axis: z.number().int() }),
  Add: z.strictObject(base),
  Dropout: z.strictObject({
    ...base,
    rate: z.number().min(0).lt(1),
    seed: z.number().int().nullable(),
    noise_shape: z.null(),
  }),
  Flatten: z.strictObject({ ...base, data_format: z.literal('channels_last') }),
  Activation: z.strictObject({ ...base, activation: Activation }),
};
const KerasTensor = z.strictObject({
  class_name: z.literal('__keras_tensor__'),
  config: z.strictObject({
    shape: z.array(Dim),
    dtype: z.literal('float32'),
    keras_history: z.tuple([z.string(), z.literal(0), z.literal(0)]),
  }),
});
const Node = z.strictObject({
  args: z.tuple([z.union([KerasTensor, z.array(KerasTensor).min(2)])]),
  kwargs: z.strictObject({}),
});
const LayerEntry = z.strictObject({
  module: z.literal('keras.layers'),
  class_name: z.enum(Object.keys(layerConfigs) as [string, ...string[]]),
  config: z.record(z.string(), z.unknown()),
  registered_name: z.null(),
  build_config: z.strictObject({ input_shape: z.array(z.unknown()) }).optional(),
  name: z.string(),
  inbound_nodes: z.array(Node).max(1),
});
const TensorRef = z.tuple([z.string(), z.literal(0), z.literal(0)]);
const ModelConfig = z.strictObject({
  module: z.literal('keras.src.models.functional'),
  class_name: z.literal('Functional'),
  config: z.strictObject({
    name: z.string(),
    trainable: z.literal(true),
    layers: z.array(LayerEntry),
    input_layers: z.union([TensorRef, z.array(TensorRef).min(2)]),
    output_layers: z.union([TensorRef, z.array(TensorRef).min(2)]),
  }),
  registered_name: z.literal('Functional'),
  build_config: z.strictObject({ input_shape: z.null() }),
  compile_config: z.strictObject({
    optimizer: Serialized.extend({ module: z.literal('keras.optimizers') }),
    loss: z.union([z.string(), Serialized, z.record(z.string(), z.unknown())]),
    loss_weights: z.null(),
    metrics: z.array(z.string()).nullable(),
    weighted_metrics: z.null(),
    run_eagerly: z.literal(false),
    steps_per_execution: z.literal(1),
    jit_compile: z.literal(false),
  }),
});

async function archive(doc = example('two-tower.loom')) {
  const model = exportModel(doc);
  const bytes = await writeKerasArchive(model, new Date(Date.UTC(2026, 0, 2, 3, 4, 5)));
  return { model, bytes, files: unzipSync(bytes) };
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('.keras archive', () => {
  it('holds metadata.json, config.json and model.weights.h5 in Keras order', async () => {
    const { files } = await archive();
    expect(Object.keys(files)).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
    expect(JSON.parse(text(files['metadata.json']))).toEqual({
      keras_version: '3.10.0',
      date_saved: '2026-01-02@03:04:05',
    });
  });

  for (const [label, doc] of [
    ['two-tower', () => example('two-tower.loom')],
    ['MNIST MLP', () => example('mnist-mlp.loom')],
    ['residual', residualProject],
  ] as const)
    it(`config.json of ${label} matches Keras 3's serialised Functional model`, async () => {
      const { files, model } = await archive(doc());
      const config = ModelConfig.parse(JSON.parse(text(files['config.json'])));
      const seen = new Map<string, unknown>();
      for (const layer of config.config.layers) {
        layerConfigs[layer.class_name].parse(layer.config);
        expect((layer.config as { name: string }).name).toBe(layer.name);
        const ours = model.layers.find((l) => l.name === layer.name)!;
        // Every input tensor comes from a layer listed earlier, with that layer's output shape.
        const args = layer.inbound_nodes[0]?.args[0];
        const inputs = args === undefined ? [] : Array.isArray(args) ? args : [args];
        expect(inputs.map((t) => t.config.keras_history[0])).toEqual(ours.inbound);
        for (const t of inputs) expect(t.config.shape).toEqual(seen.get(t.config.keras_history[0]));
        if (inputs.length) expect(layer.build_config).toBeDefined();
        seen.set(layer.name, ours.outputShape);
      }
      const refs = (r: unknown) =>
        (typeof (r as unknown[])[0] === 'string' ? [r] : r) as unknown[][];
      expect(refs(config.config.input_layers).map((r) => r[0])).toEqual(model.inputs);
      expect(refs(config.config.output_layers).map((r) => r[0])).toEqual(model.outputs);
    });

  it('compile_config carries the project optimizer, loss and metrics', async () => {
    const { files } = await archive(residualProject());
    const cc = JSON.parse(text(files['config.json'])).compile_config;
    expect(cc.optimizer.class_name).toBe('SGD');
    expect(cc.optimizer.config).toMatchObject({
      learning_rate: 0.05,
      momentum: 0.9,
      nesterov: false,
    });
    expect(cc.loss).toBe('categorical_crossentropy');
    expect(cc.metrics).toEqual(['accuracy']);
    const mnist = JSON.parse(text((await archive(example('mnist-mlp.loom'))).files['config.json']));
    expect(mnist.compile_config.optimizer.class_name).toBe('RMSprop');
    expect(mnist.compile_config.loss).toBe('sparse_categorical_crossentropy');
  });

  it('model.weights.h5 holds each weight at the path Keras 3 reads it from', async () => {
    const { files, model } = await archive();
    const ds = await readH5Datasets(files['model.weights.h5']);
    // Keras names layer groups by snake_case class name with a counter, in model.layers order.
    expect([...ds.keys()].filter((k) => !k.startsWith('optimizer')).sort()).toEqual(
      [
        'layers/',
        'layers/concatenate/',
        'layers/concatenate/vars/',
        'layers/dense/',
        'layers/dense/vars/',
        'layers/dense/vars/0',
        'layers/dense/vars/1',
        'layers/dense_1/',
        'layers/dense_1/vars/',
        'layers/dense_1/vars/0',
        'layers/dense_1/vars/1',
        'layers/dense_2/',
        'layers/dense_2/vars/',
        'layers/dense_2/vars/0',
        'layers/dense_2/vars/1',
        'layers/input_layer/',
        'layers/input_layer/vars/',
        'vars/',
      ].sort(),
    );
    const byName = new Map(model.tensors.map((t) => [t.name, t]));
    const expectVar = (path: string, name: string) => {
      const d = ds.get(path)!;
      const t = byName.get(name)!;
      expect(d.shape).toEqual(t.shape);
      expect(d.dtype).toBe('<f');
      expect(new Uint32Array((d.value as Float32Array).buffer)).toEqual(
        new Uint32Array(t.data.slice().buffer),
      );
    };
    expectVar('layers/dense/vars/0', 'dense1/kernel');
    expectVar('layers/dense/vars/1', 'dense1/bias');
    expectVar('layers/dense_1/vars/0', 'dense2/kernel');
    expectVar('layers/dense_1/vars/1', 'dense2/bias');
    expectVar('layers/dense_2/vars/0', 'dense3/kernel');
    expectVar('layers/dense_2/vars/1', 'dense3/bias');
    expect(byName.get('dense2/kernel')!.shape).toEqual([2, 2]);
    expect(ds.get('optimizer/vars/0')).toMatchObject({ shape: [], value: 0n });
    expect(ds.get('optimizer/vars/1')).toMatchObject({ shape: [], value: Math.fround(0.01) });
  });

  it('names layer groups as keras.src.utils.naming.to_snake_case does', () => {
    expect(toSnakeCase('InputLayer')).toBe('input_layer');
    expect(toSnakeCase('Dense')).toBe('dense');
    expect(toSnakeCase('GlobalAveragePooling2D')).toBe('global_average_pooling2d');
    expect(toSnakeCase('RMSprop')).toBe('rm_sprop');
    expect(toSnakeCase('Conv2D')).toBe('conv2d');
  });

  const hasPython =
    spawnSync('python3', ['-c', 'import zipfile'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!hasPython)("opens with Python's zipfile as keras.saving.load_model does", async () => {
    const { bytes } = await archive();
    const file = join(mkdtempSync(join(tmpdir(), 'keras-')), 'm.keras');
    writeFileSync(file, bytes);
    const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "r") as zf:
    assert zf.testzip() is None
    with zf.open("config.json", "r") as f:
        c = json.loads(f.read())
    print(json.dumps([zf.namelist(), c["class_name"], [l["name"] for l in c["config"]["layers"]]]))
`;
    const r = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      ['metadata.json', 'config.json', 'model.weights.h5'],
      'Functional',
      ['input', 'dense1', 'dense2', 'concat', 'dense3'],
    ]);
  });
});
