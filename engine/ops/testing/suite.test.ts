import { describe, expect, it } from 'vitest';
import {
  caseSeed,
  checkForward,
  checkGradients,
  compare,
  cpuForward,
  cpuGrads,
  generateInputs,
  numericGradient,
} from './suite.ts';
import { fromArray, type TensorData } from '../../tensor.ts';
import type { OpCaseSet } from './types.ts';

const squareSet: OpCaseSet = {
  op: 'square',
  reference: ([x]) => ({ shape: x.shape, data: x.data.map((v) => v * v) }),
  cases: [{ shapes: [[2, 3]] }],
};

describe('generateInputs', () => {
  it('is reproducible per seed and differs across seeds', () => {
    const c = { shapes: [[3, 4], [2]] };
    const a = generateInputs(c, 7, 5);
    expect(generateInputs(c, 7, 5)).toEqual(a);
    expect(generateInputs(c, 8, 5).inputs[0].data).not.toEqual(a.inputs[0].data);
    expect(caseSeed('add', 0)).not.toBe(caseSeed('add', 1));
    expect(a.inputs.map((t) => t.shape)).toEqual([[3, 4], [2]]);
    expect(a.w.length).toBe(5);
    for (const v of a.w) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    for (const v of a.inputs[0].data) expect(Math.abs(v)).toBeLessThanOrEqual(2);
  });

  it('draws inclusive integers, values away from zero and cycled fixed values', () => {
    const { inputs } = generateInputs(
      {
        shapes: [[400], [400], [5]],
        inputs: [
          { kind: 'int', lo: -1, hi: 1 },
          { kind: 'awayFromZero', lo: -1, hi: 1, margin: 0.5 },
          { kind: 'fixed', values: [1, 2] },
        ],
      },
      1,
    );
    expect(new Set(inputs[0].data)).toEqual(new Set([-1, 0, 1]));
    for (const v of inputs[1].data) expect(Math.abs(v)).toBeGreaterThanOrEqual(0.5);
    expect(Array.from(inputs[2].data)).toEqual([1, 2, 1, 2, 1]);
  });
});

describe('compare', () => {
  it('accepts values within tolerance and reports the worst element otherwise', () => {
    expect(compare([1, 2.00001], [1, 2], [2], 1e-5)).toBeNull();
    const m = compare([1, 2, 3, 4, 5.5, 6], [1, 2, 3, 4, 5, 6], [2, 3], 1e-5);
    expect(m).toMatchObject({ flat: 4, index: [1, 1], actual: 5.5, expected: 5 });
    expect(m!.error).toBeCloseTo(0.1, 10);
  });

  it('uses an absolute floor for values near zero', () => {
    // floor = max(1e-3, 0.1 · 1) = 0.1 here: 5e-7 off is 5e-6 relative to the floor.
    expect(compare([1, 5e-7], [1, 0], [2], 1e-5)).toBeNull();
    expect(compare([1, 5e-6], [1, 0], [2], 1e-5)).not.toBeNull();
    // Alone, a tiny value is measured against the 1e-3 floor.
    expect(compare([1.5e-8], [1e-8], [1], 1e-5)).toBeNull();
    expect(compare([3e-8], [1e-8], [1], 1e-5)).not.toBeNull();
  });

  it('matches NaN with NaN and infinities exactly', () => {
    expect(compare([NaN, Infinity], [NaN, Infinity], [2], 1e-5)).toBeNull();
    expect(compare([0], [NaN], [1], 1e-5)).not.toBeNull();
    expect(compare([NaN], [0], [1], 1e-5)).not.toBeNull();
    expect(compare([-Infinity], [Infinity], [1], 1e-5)).not.toBeNull();
  });
});

describe('checks', () => {
  const x = fromArray([1, -2, 3, 0.5, -1.5, 2], [2, 3]);

  it('passes a correct op and fails a wrong forward runner, naming the element', () => {
    expect(() => checkForward(squareSet, {} as never, 'sq', [x])).not.toThrow();
    const wrong = (op: string, inputs: readonly TensorData[]) => {
      const y = cpuForward(op, inputs, {});
      y.data[3] += 0.01;
      return y;
    };
    expect(() => checkForward(squareSet, squareSet.cases[0], 'sq', [x], wrong)).toThrow(
      /sq forward: worst element \[1, 0\] \(flat 3\)/,
    );
  });

  it('computes central differences on the reference', () => {
    const w = Float32Array.from([1, 1, 1, 1, 1, 1]);
    const g = numericGradient(squareSet, [x], {}, w, 0);
    [2, -4, 6, 1, -3, 4].forEach((v, i) => expect(g[i]).toBeCloseTo(v, 8));
  });

  it('fails wrong gradient values and wrong gradient shapes', () => {
    const w = Float32Array.from([0.5, -1, 0.25, 1, -0.75, 0.1]);
    const c = squareSet.cases[0];
    expect(() => checkGradients(squareSet, c, 'sq', [x], w)).not.toThrow();
    const doubled: typeof cpuGrads = (...args) =>
      cpuGrads(...args).map((g) => g && { shape: g.shape, data: g.data.map((v) => 2 * v) });
    expect(() => checkGradients(squareSet, c, 'sq', [x], w, doubled)).toThrow(
      /gradient of input 0: worst element/,
    );
    const flat: typeof cpuGrads = (...args) =>
      cpuGrads(...args).map((g) => g && { shape: [6], data: g.data });
    expect(() => checkGradients(squareSet, c, 'sq', [x], w, flat)).toThrow(/has shape \[6\]/);
  });
});
