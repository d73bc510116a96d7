import { describe, it, expect } from 'vitest';
import { Input } from './input.ts';

describe('Input', () => {
  it('defaults to shape [1] and validates dimensions', () => {
    expect(Input.params.parse({})).toEqual({ shape: [1] });
    expect(Input.params.safeParse({ shape: [] }).success).toBe(false);
    expect(Input.params.safeParse({ shape: [0] }).success).toBe(false);
    expect(Input.params.safeParse({ shape: [2.5] }).success).toBe(false);
    expect(Input.params.safeParse({ shape: [28, 28] }).success).toBe(true);
  });

  it('does not share the default array between parses', () => {
    const a = Input.params.parse({});
    a.shape.push(3);
    expect(Input.params.parse({}).shape).toEqual([1]);
  });

  it('outputs [None, ...shape] and has no weights', () => {
    expect(Input.outputShape({ shape: [784] }, [])).toEqual([null, 784]);
    expect(Input.outputShape({ shape: [28, 28] }, [])).toEqual([null, 28, 28]);
    expect(Input.weights({ shape: [784] }, [])).toEqual([]);
    expect(Input.inputs).toEqual({ kind: 'none' });
  });

  it('passes the fed tensor through', () => {
    const fed = { id: 7, shape: [4, 2] };
    const ctx = { training: true, stepSeed: { id: 0, shape: [] }, seed: 1, nodeIndex: 0 };
    // Input emits no ops, so no builder is needed.
    expect(Input.build(null as never, { shape: [2] }, [fed], {}, ctx)).toBe(fed);
  });

  it('exports an InputLayer config', () => {
    expect(Input.kerasClass).toBe('InputLayer');
    expect(Input.defaultName).toBe('input_layer');
    expect(Input.kerasConfig({ shape: [2] }, 'x')).toEqual({
      batch_shape: [null, 2],
      dtype: 'float32',
      sparse: false,
      name: 'x',
    });
  });

  it('shows its shape inline', () => {
    expect(Input.inline({ shape: [784] })).toBe('shape 784');
    expect(Input.inline({ shape: [28, 28] })).toBe('shape 28×28');
  });
});
