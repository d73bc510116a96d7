import { describe, it, expect } from 'vitest';
import { isLoomError } from '../errors.ts';
import { dimsCompatible, formatShape, resolveAxis } from './shape.ts';

describe('formatShape', () => {
  it('prints shapes like Python tuples', () => {
    expect(formatShape([null, 2])).toBe('(None, 2)');
    expect(formatShape([null])).toBe('(None,)');
    expect(formatShape([null, 28, 28])).toBe('(None, 28, 28)');
    expect(formatShape([3])).toBe('(3,)');
    expect(formatShape([])).toBe('()');
  });
});

describe('resolveAxis', () => {
  it('resolves negative axes from the end', () => {
    expect(resolveAxis(-1, 3, 'X')).toBe(2);
    expect(resolveAxis(-3, 3, 'X')).toBe(0);
    expect(resolveAxis(1, 3, 'X')).toBe(1);
  });
  it('rejects axes out of range with a graph/param error', () => {
    for (const axis of [3, -4]) {
      try {
        resolveAxis(axis, 3, 'Concatenate');
        expect.unreachable();
      } catch (e) {
        expect(isLoomError(e) && e.code).toBe('graph/param');
        expect((e as Error).message).toContain(`axis ${axis}`);
        expect((e as Error).message).toContain('between -3 and 2');
      }
    }
  });
});

describe('dimsCompatible', () => {
  it('treats None as matching anything', () => {
    expect(dimsCompatible(null, 3)).toBe(true);
    expect(dimsCompatible(3, 3)).toBe(true);
    expect(dimsCompatible(2, 3)).toBe(false);
  });
});
