import { describe, expect, it } from 'vitest';
import { dragPositions, setDragPositions, subscribeDrag } from './dragStore.ts';

describe('drag store', () => {
  it('holds the live positions and tells subscribers only of real changes', () => {
    const seen: unknown[] = [];
    const off = subscribeDrag(() => seen.push(dragPositions()));
    const a = new Map([['d1', { x: 1, y: 2 }]]);
    setDragPositions(a);
    setDragPositions(a);
    setDragPositions(null);
    off();
    setDragPositions(new Map());
    expect(seen).toEqual([a, null]);
    setDragPositions(null);
  });
});
