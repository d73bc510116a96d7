import { describe, it, expect } from 'vitest';
import { Tape, type Tensor } from '../autodiff/tape.ts';
import { ops } from '../ops/api.ts';
import { tensor, type Nested } from '../tensor.ts';
import { ActivationSchema, applyActivation, type ActivationName } from './activations.ts';

function run(name: ActivationName, x: Nested) {
  const tape = new Tape();
  const input = tape.watch(tensor(x));
  const y = applyActivation(ops(tape), name, input) as Tensor;
  return { input, y, entries: tape.entries };
}

function expectClose(actual: Tensor, expected: number[], shape: number[]) {
  expect(actual.shape).toEqual(shape);
  expected.forEach((v, i) => expect(actual.value.data[i]).toBeCloseTo(v, 6));
}

describe('applyActivation', () => {
  it('linear is the identity and emits no op', () => {
    const { input, y, entries } = run('linear', [[1, -2]]);
    expect(y).toBe(input);
    expect(entries).toHaveLength(0);
  });

  it('relu zeroes negatives', () => {
    expectClose(run('relu', [[-1, 0, 2]]).y, [0, 0, 2], [1, 3]);
  });

  it('sigmoid: σ(0) = 1/2, σ(ln 3) = 3/4', () => {
    expectClose(run('sigmoid', [[0, Math.log(3)]]).y, [0.5, 0.75], [1, 2]);
  });

  it('tanh: tanh(0) = 0, tanh(ln 2) = 3/5', () => {
    expectClose(run('tanh', [[0, Math.log(2)]]).y, [0, 0.6], [1, 2]);
  });

  it('softmax normalises over the last axis', () => {
    const x = [
      [0, Math.log(3)],
      [Math.log(2), Math.log(8)],
    ];
    expectClose(run('softmax', x).y, [0.25, 0.75, 0.2, 0.8], [2, 2]);
  });

  it('covers every name in the schema', () => {
    for (const name of ActivationSchema.options)
      expect(run(name, [[0.5, -0.5]]).y.shape).toEqual([1, 2]);
  });
});
