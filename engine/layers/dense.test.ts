import { describe, it, expect } from 'vitest';
import { isLoomError, type LoomError } from '../errors.ts';
import { Dense, type DenseParams } from './dense.ts';
import type { SymShape } from './types.ts';

const dense = (p: Partial<DenseParams> = {}) => Dense.params.parse(p);
const count = (p: DenseParams, input: SymShape) =>
  Dense.weights(p, [input]).reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);

function thrown(f: () => unknown): LoomError {
  try {
    f();
  } catch (e) {
    if (isLoomError(e)) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

describe('Dense params', () => {
  it('has Keras defaults', () => {
    expect(dense()).toEqual({
      units: 32,
      activation: 'linear',
      useBias: true,
      kernelInitializer: { type: 'glorot_uniform' },
      biasInitializer: { type: 'zeros' },
    });
  });

  it('rejects non-positive or fractional units and unknown activations', () => {
    expect(Dense.params.safeParse({ units: 0 }).success).toBe(false);
    expect(Dense.params.safeParse({ units: 2.5 }).success).toBe(false);
    expect(Dense.params.safeParse({ activation: 'gelu' }).success).toBe(false);
    const r = Dense.params.safeParse({ units: 0 });
    expect(r.success || r.error.issues[0].message).toBe('units must be at least 1');
  });
});

describe('Dense shapes and weights', () => {
  it('counts parameters like Keras (in·units + units)', () => {
    expect(count(dense({ units: 1 }), [null, 2])).toBe(3);
    expect(count(dense({ units: 2 }), [null, 2])).toBe(6);
    expect(count(dense({ units: 1 }), [null, 3])).toBe(4);
    expect(count(dense({ units: 512, activation: 'relu' }), [null, 784])).toBe(401_920);
    expect(count(dense({ units: 10, activation: 'softmax' }), [null, 512])).toBe(5_130);
    expect(count(dense({ units: 10, useBias: false }), [null, 512])).toBe(5_120);
  });

  it('declares kernel [in, units] and bias [units] with their initializers', () => {
    const p = dense({ units: 4, kernelInitializer: { type: 'he_normal' } });
    expect(Dense.weights(p, [[null, 3]])).toEqual([
      { name: 'kernel', shape: [3, 4], initializer: { type: 'he_normal' }, trainable: true },
      { name: 'bias', shape: [4], initializer: { type: 'zeros' }, trainable: true },
    ]);
    expect(Dense.weights(dense({ useBias: false }), [[null, 3]]).map((w) => w.name)).toEqual([
      'kernel',
    ]);
  });

  it('replaces the last axis, also for rank > 2', () => {
    expect(Dense.outputShape(dense({ units: 5 }), [[null, 8]])).toEqual([null, 5]);
    expect(Dense.outputShape(dense({ units: 5 }), [[null, 4, 8]])).toEqual([null, 4, 5]);
    expect(Dense.weights(dense({ units: 5 }), [[null, 4, 8]])[0].shape).toEqual([8, 5]);
  });

  it('rejects a rank-1 input with a Keras-style shape in the message', () => {
    const e = thrown(() => Dense.outputShape(dense(), [[null]]));
    expect(e.code).toBe('graph/shape');
    expect(e.where.port).toBe('in');
    expect(e.what).toBe('Dense needs an input of rank ≥ 2 such as (None, 8); got (None,)');
    expect(e.fix).not.toBe('');
    expect(thrown(() => Dense.weights(dense(), [[null]])).code).toBe('graph/shape');
  });

  it('rejects an unknown last axis', () => {
    const e = thrown(() => Dense.outputShape(dense(), [[null, null]]));
    expect(e.code).toBe('graph/shape');
    expect(e.what).toContain('(None, None)');
  });
});

describe('Dense presentation and export', () => {
  it('shows units and a non-linear activation inline', () => {
    expect(Dense.inline(dense({ units: 512, activation: 'relu' }))).toBe('512 · relu');
    expect(Dense.inline(dense({ units: 10 }))).toBe('10');
  });

  it('exports the exact Keras 3 Dense config', () => {
    const config = Dense.kerasConfig(dense({ units: 1 }), 'dense1');
    expect(config).toEqual({
      name: 'dense1',
      trainable: true,
      dtype: {
        module: 'keras',
        class_name: 'DTypePolicy',
        config: { name: 'float32' },
        registered_name: null,
      },
      units: 1,
      activation: 'linear',
      use_bias: true,
      kernel_initializer: {
        module: 'keras.initializers',
        class_name: 'GlorotUniform',
        config: { seed: null },
        registered_name: null,
      },
      bias_initializer: {
        module: 'keras.initializers',
        class_name: 'Zeros',
        config: {},
        registered_name: null,
      },
      kernel_regularizer: null,
      bias_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    });
    // Keras's get_config key order (base config first), so exported JSON diffs cleanly.
    expect(Object.keys(config)).toEqual([
      'name',
      'trainable',
      'dtype',
      'units',
      'activation',
      'use_bias',
      'kernel_initializer',
      'bias_initializer',
      'kernel_regularizer',
      'bias_regularizer',
      'kernel_constraint',
      'bias_constraint',
    ]);
  });

  it('exports activation and initializer choices', () => {
    const c = Dense.kerasConfig(
      dense({ activation: 'softmax', useBias: false, biasInitializer: { type: 'ones' } }),
      'out',
    );
    expect(c.activation).toBe('softmax');
    expect(c.use_bias).toBe(false);
    expect((c.bias_initializer as { class_name: string }).class_name).toBe('Ones');
  });

  it('names itself like Keras', () => {
    expect(Dense.kerasClass).toBe('Dense');
    expect(Dense.defaultName).toBe('dense');
    expect(Dense.inputs).toEqual({ kind: 'single' });
  });
});
