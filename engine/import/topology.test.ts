import { describe, expect, it } from 'vitest';
import { isLoomError, type LoomError } from '../errors.ts';
import { importTfjsModel } from './tfjs.ts';

function thrown(f: () => unknown): LoomError {
  try {
    f();
  } catch (e) {
    if (isLoomError(e)) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

/** A Keras 3 serialised tensor from `layer`'s first output. */
const kt = (layer: string) => ({
  class_name: '__keras_tensor__',
  config: { shape: [null, 2], dtype: 'float32', keras_history: [layer, 0, 0] },
});

type Layer = Record<string, unknown>;
const input = (name: string, dims: number[]): Layer => ({
  module: 'keras.layers',
  class_name: 'InputLayer',
  config: { batch_shape: [null, ...dims], dtype: 'float32', sparse: false, name },
  registered_name: null,
  name,
  inbound_nodes: [],
});
const layer = (cls: string, name: string, config: object, inbound: unknown[]): Layer => ({
  module: 'keras.layers',
  class_name: cls,
  config: {
    name,
    trainable: true,
    dtype: {
      module: 'keras',
      class_name: 'DTypePolicy',
      config: { name: 'float32' },
      registered_name: null,
    },
    ...config,
  },
  registered_name: null,
  name,
  inbound_nodes: inbound,
});
const functional = (layers: Layer[], inputs: unknown, outputs: unknown) =>
  JSON.stringify({
    modelTopology: {
      class_name: 'Functional',
      config: { name: 'm', layers, input_layers: inputs, output_layers: outputs },
    },
  });

describe('Keras 3 functional topologies (dict-form inbound nodes)', () => {
  const keras3 = functional(
    [
      input('a', [2]),
      input('b', [2]),
      layer('Add', 'sum', {}, [{ args: [[kt('a'), kt('b')]], kwargs: {} }]),
      layer('Activation', 'act', { activation: 'relu' }, [{ args: [kt('sum')], kwargs: {} }]),
      layer('Flatten', 'flat', { data_format: 'channels_last' }, [
        { args: [kt('act')], kwargs: {} },
      ]),
      layer('Dense', 'out', { units: 1, use_bias: false }, [{ args: [kt('flat')], kwargs: {} }]),
    ],
    [
      ['a', 0, 0],
      ['b', 0, 0],
    ],
    ['out', 0, 0],
  );

  it('reads args tensors in order, bare single output refs and float32 policies', () => {
    const { project, report } = importTfjsModel(keras3);
    expect(project.nodes.map((n) => n.type)).toEqual([
      'Input',
      'Input',
      'Add',
      'Activation',
      'Flatten',
      'Dense',
    ]);
    expect(
      project.edges
        .filter((e) => e.target.node === 'sum')
        .map((e) => [e.source.node, e.target.port]),
    ).toEqual([
      ['a', 'in0'],
      ['b', 'in1'],
    ]);
    expect(project.nodes.find((n) => n.id === 'act')!.params).toEqual({ activation: 'relu' });
    // No weightsManifest: the topology alone, with no weights.
    expect(project.weights).toBeUndefined();
    expect(report.loaded).toEqual([]);
  });
});

describe('importer errors name what is wrong', () => {
  const ok = (extra: Layer[] = [], outputs: unknown = [['d', 0, 0]]) =>
    functional(
      [input('x', [3]), layer('Dense', 'd', { units: 2 }, [[['x', 0, 0, {}]]]), ...extra],
      [['x', 0, 0]],
      outputs,
    );

  it('refuses an unsupported layer, naming its class and name and the supported ones', () => {
    const e = thrown(() =>
      importTfjsModel(
        functional(
          [input('x', [8, 8, 1]), layer('Conv2D', 'conv2d_1', { filters: 4 }, [[['x', 0, 0, {}]]])],
          [['x', 0, 0]],
          [['conv2d_1', 0, 0]],
        ),
      ),
    );
    expect(e.code).toBe('import/unsupported');
    expect(e.message).toContain("unsupported layer 'Conv2D' (conv2d_1)");
    expect(e.message).toContain(
      'Layerloom supports: InputLayer, Dense, Concatenate, Dropout, Flatten, Activation, Add',
    );
  });

  it.each([
    ['an unsupported activation', { units: 2, activation: 'elu' }, 'activation "elu"'],
    [
      'a regularizer',
      { units: 2, kernel_regularizer: { class_name: 'L2', config: { l2: 0.01 } } },
      'kernel_regularizer',
    ],
    ['a frozen layer', { units: 2, trainable: false }, 'trainable: false'],
    ['mixed precision', { units: 2, dtype: 'mixed_float16' }, 'mixed_float16'],
    [
      'an unknown initializer',
      { units: 2, kernel_initializer: { class_name: 'Orthogonal', config: {} } },
      'kernel_initializer',
    ],
    ['non-integer units', { units: 2.5 }, 'units'],
  ])('refuses %s', (_what, config, text) => {
    const e = thrown(() =>
      importTfjsModel(
        functional(
          [input('x', [3]), layer('Dense', 'd', config, [[['x', 0, 0, {}]]])],
          [['x', 0, 0]],
          [['d', 0, 0]],
        ),
      ),
    );
    expect(e.code).toBe('import/unsupported');
    expect(e.message).toContain("layer 'd' (Dense)");
    expect(e.message).toContain(text);
  });

  it('refuses shared layers, missing layers, dangling layers and cycles', () => {
    const shared = layer('Dense', 'd', { units: 3 }, [[['x', 0, 0, {}]], [['x', 0, 0, {}]]]);
    expect(
      thrown(() =>
        importTfjsModel(functional([input('x', [3]), shared], [['x', 0, 0]], [['d', 0, 0]])),
      ).message,
    ).toMatch(/shared layer/);
    const ghost = layer('Dense', 'e', { units: 1 }, [[['nope', 0, 0, {}]]]);
    expect(
      thrown(() =>
        importTfjsModel(
          ok(
            [ghost],
            [
              ['d', 0, 0],
              ['e', 0, 0],
            ],
          ),
        ),
      ).message,
    ).toContain("fed by 'nope'");
    const dangling = layer('Dense', 'e', { units: 1 }, [[['x', 0, 0, {}]]]);
    expect(thrown(() => importTfjsModel(ok([dangling]))).message).toContain(
      "layer 'e' feeds nothing",
    );
    expect(thrown(() => importTfjsModel(ok([], [['x', 0, 0]]))).message).toContain(
      "output 'x' also feeds",
    );
    const cyc = functional(
      [
        input('x', [2]),
        layer('Add', 'p', {}, [
          [
            ['x', 0, 0, {}],
            ['q', 0, 0, {}],
          ],
        ]),
        layer('Dense', 'q', { units: 2 }, [[['p', 0, 0, {}]]]),
        layer('Dense', 'o', { units: 1 }, [[['p', 0, 0, {}]]]),
      ],
      [['x', 0, 0]],
      [['o', 0, 0]],
    );
    expect(thrown(() => importTfjsModel(cyc)).code).toBe('import/model');
  });

  it('refuses shapes that do not fit, naming the layer', () => {
    const bad = functional(
      [
        input('a', [2]),
        input('b', [3]),
        layer('Add', 's', {}, [
          [
            ['a', 0, 0, {}],
            ['b', 0, 0, {}],
          ],
        ]),
      ],
      [
        ['a', 0, 0],
        ['b', 0, 0],
      ],
      [['s', 0, 0]],
    );
    const e = thrown(() => importTfjsModel(bad));
    expect(e.code).toBe('import/model');
    expect(e.message).toContain("node 's'");
  });

  it('refuses non-float32 and quantised weights, and missing or short shards', () => {
    const withManifest = (weights: object[], shards: Record<string, Uint8Array>) =>
      importTfjsModel(
        JSON.stringify({ ...JSON.parse(ok()), weightsManifest: [{ paths: ['w.bin'], weights }] }),
        shards,
      );
    const k = { name: 'd/kernel', shape: [3, 2], dtype: 'float32' };
    const b = { name: 'd/bias', shape: [2], dtype: 'float32' };
    const full = new Uint8Array(32);
    expect(
      thrown(() => withManifest([{ ...k, dtype: 'int32' }, b], { 'w.bin': full })).message,
    ).toContain('\'d/kernel\' has dtype "int32"');
    expect(
      thrown(() =>
        withManifest([{ ...k, quantization: { dtype: 'uint8', scale: 1, min: 0 } }, b], {
          'w.bin': full,
        }),
      ).message,
    ).toContain('quantised');
    expect(thrown(() => withManifest([k, b], {})).message).toContain("shard 'w.bin' is missing");
    expect(thrown(() => withManifest([k, b], { 'w.bin': new Uint8Array(28) })).message).toContain(
      "'d/bias'",
    );
    expect(thrown(() => withManifest([k, b], { 'w.bin': new Uint8Array(36) })).message).toContain(
      '36 bytes',
    );
    const missing = thrown(() => withManifest([k], { 'w.bin': new Uint8Array(24) }));
    expect(missing.code).toBe('import/weights');
    expect(missing.message).toContain("'d/bias' (shape [2]) is missing");
    const wrong = thrown(() => withManifest([{ ...k, shape: [2, 3] }, b], { 'w.bin': full }));
    expect(wrong.message).toContain("'d/kernel' has shape [2, 3] but the layer needs [3, 2]");
    const extra = thrown(() =>
      withManifest([k, b, { name: 'z/kernel', shape: [1], dtype: 'float32' }], {
        'w.bin': new Uint8Array(36),
      }),
    );
    expect(extra.message).toContain("'z/kernel' (shape [1]) matches no parameter");
  });

  it('refuses a graph model and a subclassed model', () => {
    expect(thrown(() => importTfjsModel('{"format":"graph-model","modelTopology":{}}')).code).toBe(
      'import/unsupported',
    );
    expect(
      thrown(() => importTfjsModel('{"modelTopology":{"class_name":"MyModel","config":{}}}')).code,
    ).toBe('import/model');
  });
});

describe('hostile keys are harmless', () => {
  it('__proto__ and constructor keys and names neither pollute prototypes nor break import', () => {
    const text = ok2().replace(
      '"modelTopology"',
      '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"modelTopology"',
    );
    const { project } = importTfjsModel(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(project.nodes.map((n) => n.id)).toEqual(['constructor', 'toString']);
    const e = thrown(() => importTfjsModel(ok2().replace(/"toString"/g, '"__proto__"')));
    expect(e.message).toContain('reserved name');
    expect(Object.prototype).not.toHaveProperty('kernel');
  });
  function ok2() {
    return functional(
      [
        input('constructor', [3]),
        layer('Dense', 'toString', { units: 2 }, [[['constructor', 0, 0, {}]]]),
      ],
      [['constructor', 0, 0]],
      [['toString', 0, 0]],
    );
  }
});
