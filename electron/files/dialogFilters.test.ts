import { describe, expect, it } from 'vitest';
import {
  ensureExtension,
  EXPORT_FILTERS,
  importFilters,
  suggestedFileName,
} from './dialogFilters.ts';

describe('suggestedFileName', () => {
  it.each([
    ['two-tower', 'loom', 'two-tower.loom'],
    ['two-tower.loom', 'loom', 'two-tower.loom'],
    ['Model.LOOM', 'loom', 'Model.loom'],
    ['../../etc/passwd', 'loom', 'passwd.loom'],
    ['C:\\Windows\\system32\\x', 'py', 'x.py'],
    ['a<b>c:d"e|f?g*h', 'json', 'abcdefgh.json'],
    ['bad\u0000name\n', 'npz', 'badname.npz'],
    ['...hidden', 'keras', 'hidden.keras'],
    ['', 'loom', 'Untitled.loom'],
    ['   ', 'zip', 'Untitled.zip'],
  ])('%j → %s', (raw, ext, expected) => {
    expect(suggestedFileName(raw, ext)).toBe(expected);
  });

  it('caps the length', () => {
    expect(suggestedFileName('x'.repeat(1000), 'loom').length).toBe(205);
  });
});

describe('filters', () => {
  it('gives each export format its own extension', () => {
    const exts = Object.values(EXPORT_FILTERS).map((f) => f.extensions[0]);
    expect(exts).toEqual(['json', 'safetensors', 'npz', 'zip', 'keras', 'py']);
  });

  it('offers the requested import kinds once each, then All files', () => {
    expect(importFilters(['csv', 'npy', 'csv']).map((f) => f.name)).toEqual([
      'CSV',
      'NumPy array',
      'All files',
    ]);
  });

  it('adds a missing extension only', () => {
    expect(ensureExtension('/p/a', 'loom')).toBe('/p/a.loom');
    expect(ensureExtension('/p/a.LOOM', 'loom')).toBe('/p/a.LOOM');
  });
});
