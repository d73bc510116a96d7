import { describe, expect, it } from 'vitest';
import { getBezierPath, Position } from '@xyflow/react';
import {
  anchorOf,
  edgeGeometry,
  findHandle,
  labelWidth,
  type NodeHandles,
} from './edgeGeometry.ts';

const box = (id: string | null, position: Position, x: number, y: number) => ({
  id,
  position,
  x,
  y,
  width: 10,
  height: 10,
});

describe('edge geometry', () => {
  it('attaches to the middle of the side a handle faces', () => {
    const at = { x: 100, y: 50 };
    expect(anchorOf(at, box('in', Position.Left, -5, 20))).toEqual({ x: 95, y: 75 });
    expect(anchorOf(at, box('out', Position.Right, 163, 20))).toEqual({ x: 273, y: 75 });
    expect(anchorOf(at, box('t', Position.Top, 40, -5))).toEqual({ x: 145, y: 45 });
    expect(anchorOf(at, box('b', Position.Bottom, 40, 60))).toEqual({ x: 145, y: 120 });
  });

  it('finds a handle by id, or the first when the edge names none', () => {
    const hs = [box('in0', Position.Left, 0, 0), box('in1', Position.Left, 0, 20)];
    expect(findHandle(hs, 'in1')).toBe(hs[1]);
    expect(findHandle(hs, undefined)).toBe(hs[0]);
    expect(findHandle(hs, 'in7')).toBeNull();
    expect(findHandle(null, 'in0')).toBeNull();
    expect(findHandle([], null)).toBeNull();
  });

  it("draws React Flow's bezier between the two anchors, from any node positions", () => {
    const src: NodeHandles = { source: [box('out', Position.Right, 163, 20)], target: null };
    const dst: NodeHandles = { source: null, target: [box('in', Position.Left, -5, 30)] };
    const g = edgeGeometry({ x: 0, y: 0 }, src, 'out', { x: 300, y: 100 }, dst, 'in')!;
    const [path, labelX, labelY] = getBezierPath({
      sourceX: 173,
      sourceY: 25,
      sourcePosition: Position.Right,
      targetX: 295,
      targetY: 135,
      targetPosition: Position.Left,
    });
    expect(g).toEqual({ path, labelX, labelY });
    // A live drag position moves the edge with the node.
    const moved = edgeGeometry({ x: 40, y: 10 }, src, 'out', { x: 300, y: 100 }, dst, 'in')!;
    expect(moved.path).not.toBe(g.path);
    expect(moved.path.startsWith('M213,35')).toBe(true);
  });

  it('draws nothing while a node or handle is unmeasured', () => {
    const src: NodeHandles = { source: [box('out', Position.Right, 163, 20)], target: null };
    const dst: NodeHandles = { source: null, target: [box('in', Position.Left, -5, 30)] };
    expect(edgeGeometry(undefined, src, 'out', { x: 0, y: 0 }, dst, 'in')).toBeNull();
    expect(edgeGeometry({ x: 0, y: 0 }, undefined, 'out', { x: 0, y: 0 }, dst, 'in')).toBeNull();
    expect(edgeGeometry({ x: 0, y: 0 }, src, 'out', { x: 0, y: 0 }, dst, 'in9')).toBeNull();
  });

  it('sizes a label box to its monospace text', () => {
    expect(labelWidth('(None, 2)')).toBe(Math.ceil(9 * 6.02) + 8);
    expect(labelWidth('?')).toBeLessThan(labelWidth('(None, 28, 28, 1)'));
  });
});
