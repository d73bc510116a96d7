import { describe, expect, it } from 'vitest';
import { isLoomError } from '../../engine/errors.ts';
import { HANDLE_PATTERN, HandleTable } from './handles.ts';

describe('HandleTable', () => {
  it('hands out opaque ids that reveal nothing of the path', () => {
    const t = new HandleTable();
    const id = t.register('/home/me/secret-project.loom');
    expect(id).toMatch(HANDLE_PATTERN);
    expect(id).not.toContain('secret');
    expect(t.resolve(id)).toBe('/home/me/secret-project.loom');
  });

  it('reuses the id of a path it already handed out and keeps distinct paths apart', () => {
    const t = new HandleTable();
    const a = t.register('/a.loom');
    expect(t.register('/a.loom')).toBe(a);
    expect(t.register('/b.loom')).not.toBe(a);
    expect(t.size).toBe(2);
  });

  it("refuses another window's or a guessed handle with io/handle", () => {
    const mine = new HandleTable();
    const theirs = new HandleTable();
    const id = theirs.register('/their.loom');
    for (const guess of [id, '0'.repeat(32), '../../etc/passwd']) {
      let caught: unknown;
      try {
        mine.resolve(guess);
      } catch (e) {
        caught = e;
      }
      expect(isLoomError(caught) && caught.code).toBe('io/handle');
    }
  });

  it('only registers absolute paths', () => {
    expect(() => new HandleTable().register('rel.loom')).toThrow();
  });
});
