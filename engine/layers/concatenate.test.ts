import { describe, it, expect } from 'vitest';
import { isLoomError, type LoomError } from '../errors.ts';
import { Concatenate } from './concatenate.ts';
import type { SymShape } from './types.ts';

const p = (axis?: number) => Concatenate.params.parse(axis === undefined ? {} : { axis });

function thrown(shapes: SymShape[], axis?: number): LoomError {
  try {
    Concatenate.outputShape(p(axis), shapes);
  } catch (e) {
    if (isLoomError(e)) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

describe('Concatenate', () => {
  it('defaults to axis -1 and is variadic with at least 2 inputs', () => {
    expect(p()).toEqual({ axis: -1 });
    expect(Concatenate.inputs).toEqual({ kind: 'variadic', min: 2 });
    expect(Concatenate.params.safeParse({ axis: 0.5 }).success).toBe(false);
  });

  it('sums the axis and has no weights (two-tower: (None,1) + (None,2) → (None,3))', () => {
    expect(
      Concatenate.outputShape(p(), [
        [null, 1],
        [null, 2],
      ]),
    ).toEqual([null, 3]);
    expect(
      Concatenate.outputShape(p(), [
        [null, 1],
        [null, 2],
        [null, 4],
      ]),
    ).toEqual([null, 7]);
    expect(
      Concatenate.weights(p(), [
        [null, 1],
        [null, 2],
      ]),
    ).toEqual([]);
  });

  it('joins along another axis', () => {
    expect(
      Concatenate.outputShape(p(1), [
        [null, 2, 5],
        [null, 3, 5],
      ]),
    ).toEqual([null, 5, 5]);
    expect(
      Concatenate.outputShape(p(-2), [
        [null, 2, 5],
        [null, 3, 5],
      ]),
    ).toEqual([null, 5, 5]);
  });

  it('keeps None on the concat axis', () => {
    expect(
      Concatenate.outputShape(p(1), [
        [null, null, 4],
        [null, 3, 4],
      ]),
    ).toEqual([null, null, 4]);
  });

  it('names the offending port and both shapes', () => {
    const e = thrown([
      [null, 2, 5],
      [null, 2, 5],
      [null, 3, 5],
    ]);
    expect(e.code).toBe('graph/shape');
    expect(e.where.port).toBe('in2');
    expect(e.message).toContain('(None, 2, 5)');
    expect(e.message).toContain('(None, 3, 5)');
    expect(e.message).toContain("port 'in2'");
  });

  it('rejects inputs of different rank', () => {
    const e = thrown([
      [null, 2],
      [null, 2, 3],
    ]);
    expect(e.code).toBe('graph/shape');
    expect(e.where.port).toBe('in1');
    expect(e.message).toContain('(None, 2)');
    expect(e.message).toContain('(None, 2, 3)');
  });

  it('rejects an axis out of range or on the batch axis', () => {
    expect(
      thrown(
        [
          [null, 1],
          [null, 2],
        ],
        2,
      ).code,
    ).toBe('graph/param');
    expect(
      thrown(
        [
          [null, 1],
          [null, 2],
        ],
        0,
      ).code,
    ).toBe('graph/param');
    expect(
      thrown(
        [
          [null, 1],
          [null, 2],
        ],
        -2,
      ).where.param,
    ).toBe('axis');
  });

  it('exports its axis and shows it inline', () => {
    expect(Concatenate.kerasConfig(p(), 'concatenate')).toEqual({
      name: 'concatenate',
      trainable: true,
      dtype: {
        module: 'keras',
        class_name: 'DTypePolicy',
        config: { name: 'float32' },
        registered_name: null,
      },
      axis: -1,
    });
    expect(Concatenate.inline(p())).toBe('axis −1');
    expect(Concatenate.inline(p(2))).toBe('axis 2');
  });
});
