import { describe, expect, it } from 'vitest';
import { loomFileName } from './files.ts';

describe('loomFileName', () => {
  it('adds .loom once and replaces characters file systems refuse', () => {
    expect(loomFileName('two-tower.loom')).toBe('two-tower.loom');
    expect(loomFileName('model')).toBe('model.loom');
    expect(loomFileName('a/b:c')).toBe('a_b_c.loom');
    expect(loomFileName('   ')).toBe('untitled.loom');
    expect(loomFileName('X.LOOM')).toBe('X.LOOM');
  });
});
