import { describe, expect, it } from 'vitest';
import { dragPositions, setDragPositions, subscribeDrag, subscribeDragOf } from './dragStore.ts';

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

  it("tells a node's subscribers only when that node starts, moves or stops being dragged", () => {
    const told: string[] = [];
    const off1 = subscribeDragOf('d1', () => told.push('d1'));
    const off2 = subscribeDragOf('d2', () => told.push('d2'));
    setDragPositions(new Map([['d1', { x: 1, y: 2 }]]));
    setDragPositions(new Map([['d1', { x: 3, y: 2 }]]));
    expect(told).toEqual(['d1', 'd1']);
    setDragPositions(new Map([['d2', { x: 0, y: 0 }]]));
    expect(told).toEqual(['d1', 'd1', 'd1', 'd2']);
    setDragPositions(null);
    expect(told).toEqual(['d1', 'd1', 'd1', 'd2', 'd2']);
    off1();
    off2();
    setDragPositions(new Map([['d1', { x: 0, y: 0 }]]));
    expect(told).toHaveLength(5);
    setDragPositions(null);
  });
});
