import { describe, expect, it } from 'vitest';
import { apply } from '../../../engine/document/commands.ts';
import { ProjectSchema, type Project } from '../../../engine/document/schema.ts';
import { inferShapes } from '../../../engine/graph/infer.ts';
import { createCache, deriveEdges, deriveNodes } from './derive.ts';

function twoTower(rank3 = false): Project {
  return ProjectSchema.parse({
    schemaVersion: 1,
    nodes: [
      { id: 'x', type: 'Input', name: 'input_layer', params: { shape: [2] } },
      { id: 'a', type: 'Dense', name: 'dense', params: { units: 1 } },
      { id: 'b', type: 'Dense', name: 'dense_1', params: { units: 2 } },
      { id: 'c', type: 'Concatenate', name: 'concatenate' },
      { id: 'o', type: 'Dense', name: 'dense_2', params: { units: 1, activation: 'relu' } },
      ...(rank3 ? [{ id: 'r', type: 'Input', name: 'r', params: { shape: [3, 4] } }] : []),
    ],
    edges: [
      { id: 'e1', source: { node: 'x', port: 'out' }, target: { node: 'a', port: 'in' } },
      { id: 'e2', source: { node: 'x', port: 'out' }, target: { node: 'b', port: 'in' } },
      { id: 'e3', source: { node: 'a', port: 'out' }, target: { node: 'c', port: 'in0' } },
      {
        id: 'e4',
        source: { node: rank3 ? 'r' : 'b', port: 'out' },
        target: { node: 'c', port: 'in1' },
      },
      { id: 'e5', source: { node: 'c', port: 'out' }, target: { node: 'o', port: 'in' } },
    ],
  });
}

const none = new Set<string>();
const sizes = new Map();

describe('deriveNodes', () => {
  it('shows each layer with its inline params, output shape and parameter count', () => {
    const doc = twoTower();
    const nodes = deriveNodes(doc, inferShapes(doc), none, sizes, createCache());
    const face = Object.fromEntries(nodes.map((n) => [n.id, n.data]));
    expect(face.x).toMatchObject({ shape: '(None, 2)', params: 0, ports: [], error: null });
    expect(face.a).toMatchObject({ shape: '(None, 1)', params: 3, inline: '1', ports: ['in'] });
    expect(face.b).toMatchObject({ shape: '(None, 2)', params: 6 });
    expect(face.c).toMatchObject({ shape: '(None, 3)', params: 0, ports: ['in0', 'in1', 'in2'] });
    expect(face.o).toMatchObject({ shape: '(None, 1)', params: 4, inline: '1 · relu' });
  });

  it('pins the inference error to the Concatenate fed a rank-3 tensor', () => {
    const doc = twoTower(true);
    const nodes = deriveNodes(doc, inferShapes(doc), none, sizes, createCache());
    const c = nodes.find((n) => n.id === 'c')!;
    expect(c.data.error).toMatch(/concatenate/i);
    expect(c.data.shape).toBeNull();
    expect(c.data.params).toBeNull();
    expect(nodes.find((n) => n.id === 'a')!.data.error).toBeNull();
  });

  it('keeps the object of every node that did not change', () => {
    const cache = createCache();
    const doc = twoTower();
    const before = deriveNodes(doc, inferShapes(doc), none, sizes, cache);
    const moved = apply(doc, { type: 'moveNodes', moves: [{ id: 'b', position: { x: 5, y: 9 } }] });
    const after = deriveNodes(moved, inferShapes(moved), none, sizes, cache);
    const changed = after.filter((n, i) => n !== before[i]).map((n) => n.id);
    expect(changed).toEqual(['b']);
    expect(after[2].position).toEqual({ x: 5, y: 9 });
    const sel = deriveNodes(moved, inferShapes(moved), new Set(['o']), sizes, cache);
    expect(sel.filter((n, i) => n !== after[i]).map((n) => [n.id, n.selected])).toEqual([
      ['o', true],
    ]);
  });

  it('re-creates a node whose face changed (units edit changes it and its successors)', () => {
    const cache = createCache();
    const doc = twoTower();
    const before = deriveNodes(doc, inferShapes(doc), none, sizes, cache);
    const edited = apply(doc, { type: 'setParams', id: 'a', params: { units: 4 } });
    const after = deriveNodes(edited, inferShapes(edited), none, sizes, cache);
    expect(after.filter((n, i) => n !== before[i]).map((n) => n.id)).toEqual(['a', 'c', 'o']);
    expect(after[3].data.shape).toBe('(None, 6)');
  });
});

describe('deriveEdges', () => {
  it('labels each edge with the shape it carries', () => {
    const doc = twoTower();
    const edges = deriveEdges(doc, inferShapes(doc), none, createCache());
    expect(edges.map((e) => e.data!.shape)).toEqual([
      '(None, 2)',
      '(None, 2)',
      '(None, 1)',
      '(None, 2)',
      '(None, 3)',
    ]);
    expect(edges.every((e) => e.data!.error === null)).toBe(true);
    expect(edges[3]).toMatchObject({ source: 'b', target: 'c', targetHandle: 'in1' });
  });

  it('marks edges on a cycle as errors', () => {
    const doc = apply(twoTower(), {
      type: 'connect',
      edge: { id: 'back', source: { node: 'o', port: 'out' }, target: { node: 'c', port: 'in2' } },
    });
    const edges = deriveEdges(doc, inferShapes(doc), none, createCache());
    const bad = edges.filter((e) => e.data!.error).map((e) => e.id);
    expect(bad).toEqual(['e5', 'back']);
  });
});
