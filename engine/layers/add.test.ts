import { describe, it, expect } from 'vitest';
import { isLoomError } from '../errors.ts';
import { Add } from './add.ts';

describe('Add', () => {
  it('keeps the common shape and has no weights', () => {
    expect(Add.params.parse({})).toEqual({});
    expect(Add.inputs).toEqual({ kind: 'variadic', min: 2 });
    expect(
      Add.outputShape({}, [
        [null, 3],
        [null, 3],
        [null, 3],
      ]),
    ).toEqual([null, 3]);
    expect(
      Add.weights({}, [
        [null, 3],
        [null, 3],
      ]),
    ).toEqual([]);
  });

  it('names the offending port and both shapes', () => {
    try {
      Add.outputShape({}, [
        [null, 3],
        [null, 4],
      ]);
      expect.unreachable();
    } catch (e) {
      expect(isLoomError(e) && e.code).toBe('graph/shape');
      expect(isLoomError(e) && e.where.port).toBe('in1');
      expect((e as Error).message).toContain('(None, 3)');
      expect((e as Error).message).toContain('(None, 4)');
    }
    expect(() =>
      Add.outputShape({}, [
        [null, 3],
        [null, 3, 1],
      ]),
    ).toThrow(/\(None, 3, 1\)/);
  });

  it('exports a bare Keras config', () => {
    expect(Add.kerasClass).toBe('Add');
    expect(Add.kerasConfig({}, 'add')).toEqual({
      name: 'add',
      trainable: true,
      dtype: {
        module: 'keras',
        class_name: 'DTypePolicy',
        config: { name: 'float32' },
        registered_name: null,
      },
    });
  });
});
