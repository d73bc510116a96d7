import { describe, expect, it } from 'vitest';
import { clampSize, DEFAULT_SIZES, LAYOUT_KEY, loadSizes, saveSizes } from './layout.ts';

function memory() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
  };
}

describe('panel sizes', () => {
  it('round-trips through storage', () => {
    const store = memory();
    saveSizes(store, { palette: 250, inspector: 333, dock: 200 });
    expect(loadSizes(store)).toEqual({ palette: 250, inspector: 333, dock: 200 });
  });
  it('falls back to defaults for missing, malformed or out-of-range values', () => {
    const store = memory();
    expect(loadSizes(store)).toEqual(DEFAULT_SIZES);
    store.setItem(LAYOUT_KEY, '{not json');
    expect(loadSizes(store)).toEqual(DEFAULT_SIZES);
    store.setItem(LAYOUT_KEY, JSON.stringify({ palette: 5, inspector: 'x', dock: 1e9 }));
    expect(loadSizes(store)).toEqual({
      palette: clampSize('palette', 5),
      inspector: DEFAULT_SIZES.inspector,
      dock: clampSize('dock', 1e9),
    });
    expect(clampSize('palette', 5)).toBe(140);
  });
});
