import { describe, it, expect } from 'vitest';
import { isLoomError } from '../errors.ts';
import { Flatten } from './flatten.ts';

describe('Flatten', () => {
  it('multiplies the non-batch dims', () => {
    expect(Flatten.outputShape({}, [[null, 28, 28]])).toEqual([null, 784]);
    expect(Flatten.outputShape({}, [[null, 2, 3, 4]])).toEqual([null, 24]);
    expect(Flatten.weights({}, [[null, 28, 28]])).toEqual([]);
  });

  it('passes rank-2 inputs unchanged and gives a batch-only input one feature, as Keras', () => {
    expect(Flatten.outputShape({}, [[null, 7]])).toEqual([null, 7]);
    expect(Flatten.outputShape({}, [[null]])).toEqual([null, 1]);
  });

  it('rejects unknown non-batch dims', () => {
    try {
      Flatten.outputShape({}, [[null, null, 3]]);
      expect.unreachable();
    } catch (e) {
      expect(isLoomError(e) && e.code).toBe('graph/shape');
      expect((e as Error).message).toContain('(None, None, 3)');
    }
  });

  it('exports a channels_last Flatten', () => {
    expect(Flatten.kerasConfig({}, 'flatten')).toMatchObject({
      name: 'flatten',
      trainable: true,
      data_format: 'channels_last',
    });
    expect(Flatten.inline({})).toBe('');
  });
});
