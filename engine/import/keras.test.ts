import h5wasm from 'h5wasm';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeFloat32 } from '../document/weights.ts';
import { isLoomError, type LoomError } from '../errors.ts';
import { importKerasArchive } from './keras.ts';

const policy = {
  module: 'keras',
  class_name: 'DTypePolicy',
  config: { name: 'float32' },
  registered_name: null,
};
const dense = (name: string, units: number, extra: object = {}) => ({
  module: 'keras.layers',
  class_name: 'Dense',
  config: {
    name,
    trainable: true,
    dtype: policy,
    units,
    activation: 'relu',
    use_bias: true,
    ...extra,
  },
  registered_name: null,
  build_config: { input_shape: [null, 3] },
});

/** A Keras 3 Sequential config.json: the InputLayer is listed first, as Keras 3 writes it. */
const sequential = {
  module: 'keras',
  class_name: 'Sequential',
  config: {
    name: 'seq',
    trainable: true,
    dtype: policy,
    layers: [
      {
        module: 'keras.layers',
        class_name: 'InputLayer',
        config: { batch_shape: [null, 3], dtype: 'float32', sparse: false, name: 'input_layer' },
        registered_name: null,
      },
      dense('hidden', 2),
      dense('out', 1, { activation: 'sigmoid', use_bias: false }),
    ],
    build_input_shape: [null, 3],
  },
  registered_name: null,
};

type Var = { path: string; shape: number[]; data: Float32Array | Float64Array };

/** model.weights.h5 bytes holding `vars`, written with h5wasm as h5py would lay them out. */
async function h5(vars: Var[]): Promise<Uint8Array> {
  const Module = await h5wasm.ready;
  const name = `/keras-test-${Math.random().toString(36).slice(2)}.h5`;
  const f = new h5wasm.File(name, 'w');
  const group = (path: string) => {
    let g: InstanceType<typeof h5wasm.Group> = f;
    for (const part of path.split('/'))
      g = (g.get(part) as InstanceType<typeof h5wasm.Group> | null) ?? g.create_group(part);
    return g;
  };
  group('vars');
  for (const v of vars) {
    const cut = v.path.lastIndexOf('/');
    group(v.path.slice(0, cut)).create_dataset({
      name: v.path.slice(cut + 1),
      data: v.data,
      shape: v.shape,
      dtype: v.data instanceof Float64Array ? '<d' : '<f',
    });
  }
  f.close();
  const bytes = Module.FS.readFile(name);
  Module.FS.unlink(name);
  return new Uint8Array(bytes);
}

const enc = new TextEncoder();
const archive = (config: object, weights: Uint8Array) =>
  zipSync({
    'metadata.json': enc.encode('{}'),
    'config.json': enc.encode(JSON.stringify(config)),
    'model.weights.h5': weights,
  });

const k1 = Float32Array.from({ length: 6 }, (_, i) => Math.fround(i / 7 - 0.3));
const b1 = Float32Array.from([0.25, -0.125]);
const k2 = Float32Array.from([1.5, -2.75]);
const goodVars: Var[] = [
  { path: 'layers/dense/vars/0', shape: [3, 2], data: k1 },
  { path: 'layers/dense/vars/1', shape: [2], data: b1 },
  { path: 'layers/dense_1/vars/0', shape: [2, 1], data: k2 },
];

async function thrown(f: () => Promise<unknown>): Promise<LoomError> {
  try {
    await f();
  } catch (e) {
    if (isLoomError(e)) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

describe('importKerasArchive', () => {
  it('reads a Keras 3 Sequential and its weights by class-name paths', async () => {
    const { project, report } = await importKerasArchive(archive(sequential, await h5(goodVars)));
    expect(project.nodes.map((n) => [n.id, n.type])).toEqual([
      ['input_layer', 'Input'],
      ['hidden', 'Dense'],
      ['out', 'Dense'],
    ]);
    expect(Array.from(decodeFloat32(project.weights!.hidden.kernel.base64!))).toEqual(
      Array.from(k1),
    );
    expect(Array.from(decodeFloat32(project.weights!.hidden.bias.base64!))).toEqual(Array.from(b1));
    expect(Array.from(decodeFloat32(project.weights!.out.kernel.base64!))).toEqual(Array.from(k2));
    expect(report.loaded.map((l) => l.tensor)).toEqual([
      'hidden/kernel',
      'hidden/bias',
      'out/kernel',
    ]);
  });

  it('refuses float64 weights, wrong shapes and missing or extra variables', async () => {
    const f64 = goodVars.map((v, i) => (i === 0 ? { ...v, data: Float64Array.from(v.data) } : v));
    expect(
      (await thrown(async () => importKerasArchive(archive(sequential, await h5(f64))))).message,
    ).toContain('only float32');
    const shape = goodVars.map((v, i) => (i === 0 ? { ...v, shape: [2, 3] } : v));
    expect(
      (await thrown(async () => importKerasArchive(archive(sequential, await h5(shape))))).message,
    ).toContain('shape [2, 3] but the layer needs [3, 2]');
    const missing = (
      await thrown(async () =>
        importKerasArchive(archive(sequential, await h5(goodVars.slice(0, 2)))),
      )
    ).message;
    expect(missing).toContain(
      "layer 'out' (Dense) needs 1 weight tensors but 'layers/dense_1/vars' holds 0",
    );
    const extra = [
      ...goodVars,
      { path: 'layers/dense_1/vars/1', shape: [1], data: new Float32Array(1) },
    ];
    expect(
      (await thrown(async () => importKerasArchive(archive(sequential, await h5(extra))))).message,
    ).toContain('holds 2');
  });

  it('refuses archives that are not .keras files', async () => {
    expect((await thrown(() => importKerasArchive(new Uint8Array([1, 2, 3])))).code).toBe(
      'import/model',
    );
    const noConfig = zipSync({ 'model.weights.h5': await h5(goodVars) });
    expect((await thrown(() => importKerasArchive(noConfig))).message).toContain('no config.json');
    const badH5 = archive(sequential, enc.encode('not hdf5 at all'));
    expect((await thrown(() => importKerasArchive(badH5))).code).toBe('import/weights');
    const conv = {
      ...sequential,
      config: {
        ...sequential.config,
        layers: [sequential.config.layers[0], { class_name: 'Conv2D', config: { name: 'c' } }],
      },
    };
    const e = await thrown(async () => importKerasArchive(archive(conv, await h5([]))));
    expect(e.message).toContain("unsupported layer 'Conv2D' (c)");
  });
});
