import { describe, expect, it } from 'vitest';
import { apply } from '../../../engine/document/commands.ts';
import { ProjectSchema } from '../../../engine/document/schema.ts';
import { DEFAULT_NODE_SIZE, layoutCommand } from './layout.ts';

const doc = ProjectSchema.parse({
  schemaVersion: 1,
  nodes: [
    { id: 'o', type: 'Dense', name: 'out', position: { x: 0, y: 0 } },
    { id: 'x', type: 'Input', name: 'x', position: { x: 500, y: 500 } },
    { id: 'a', type: 'Dense', name: 'a', position: { x: 0, y: 0 } },
    { id: 'b', type: 'Dense', name: 'b', position: { x: 0, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: { node: 'x', port: 'out' }, target: { node: 'a', port: 'in' } },
    { id: 'e2', source: { node: 'x', port: 'out' }, target: { node: 'b', port: 'in' } },
    { id: 'e3', source: { node: 'a', port: 'out' }, target: { node: 'o', port: 'in' } },
  ],
});

describe('layoutCommand', () => {
  it('lays layers out left to right without overlaps', () => {
    const cmd = layoutCommand(doc, new Map());
    expect(cmd?.type).toBe('moveNodes');
    const laid = apply(doc, cmd!);
    const p = Object.fromEntries(laid.nodes.map((n) => [n.id, n.position]));
    expect(p.a.x).toBeGreaterThanOrEqual(p.x.x + DEFAULT_NODE_SIZE.width);
    expect(p.o.x).toBeGreaterThanOrEqual(p.a.x + DEFAULT_NODE_SIZE.width);
    expect(p.a.x).toBe(p.b.x);
    expect(Math.abs(p.a.y - p.b.y)).toBeGreaterThanOrEqual(DEFAULT_NODE_SIZE.height);
    // Anchored at the old top-left corner.
    expect(Math.min(...laid.nodes.map((n) => n.position.x))).toBe(0);
    expect(Math.min(...laid.nodes.map((n) => n.position.y))).toBe(0);
  });

  it('uses measured sizes and is idempotent', () => {
    const sizes = new Map([['a', { width: 400, height: 100 }]]);
    const laid = apply(doc, layoutCommand(doc, sizes)!);
    const p = Object.fromEntries(laid.nodes.map((n) => [n.id, n.position]));
    expect(p.o.x - p.a.x).toBeGreaterThanOrEqual(400);
    expect(layoutCommand(laid, sizes)).toBeNull();
  });

  it('does nothing for an empty document', () => {
    expect(layoutCommand(ProjectSchema.parse({ schemaVersion: 1 }), new Map())).toBeNull();
  });
});
