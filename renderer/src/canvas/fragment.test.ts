import { describe, expect, it } from 'vitest';
import { apply } from '../../../engine/document/commands.ts';
import { ProjectSchema } from '../../../engine/document/schema.ts';
import { inferShapes } from '../../../engine/graph/infer.ts';
import { parseFragment, pasteCommand, selectionFragment } from './fragment.ts';

const doc = ProjectSchema.parse({
  schemaVersion: 1,
  nodes: [
    { id: 'x', type: 'Input', name: 'input_layer', params: { shape: [2] } },
    { id: 'a', type: 'Dense', name: 'dense', params: { units: 3 }, position: { x: 10, y: 20 } },
    { id: 'b', type: 'Dense', name: 'dense_1', params: { units: 1 }, position: { x: 200, y: 20 } },
  ],
  edges: [
    { id: 'e1', source: { node: 'x', port: 'out' }, target: { node: 'a', port: 'in' } },
    { id: 'e2', source: { node: 'a', port: 'out' }, target: { node: 'b', port: 'in' } },
  ],
});

describe('selection fragments', () => {
  it('keeps only the edges inside the selection', () => {
    const frag = selectionFragment(doc, ['a', 'b']);
    expect(frag.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(frag.edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('round-trips through JSON text and rejects other text', () => {
    const frag = selectionFragment(doc, ['a', 'b']);
    expect(parseFragment(JSON.stringify(frag))).toEqual(frag);
    expect(parseFragment('hello')).toBeNull();
    expect(parseFragment('{"nodes": []}')).toBeNull();
    expect(parseFragment('{"nodes": [{"id": 1}]}')).toBeNull();
  });

  it('accepts a whole project document', () => {
    const frag = parseFragment(JSON.stringify(doc))!;
    expect(frag.nodes).toHaveLength(3);
    expect(frag.edges).toHaveLength(2);
  });

  it('pastes with fresh ids and Keras-style names, internal edges and an offset', () => {
    const { command, ids } = pasteCommand(doc, selectionFragment(doc, ['a', 'b']), {
      x: 40,
      y: 40,
    });
    const next = apply(doc, command);
    const pasted = next.nodes.filter((n) => ids.includes(n.id));
    expect(pasted.map((n) => n.name)).toEqual(['dense_2', 'dense_3']);
    expect(new Set([...doc.nodes.map((n) => n.id), ...ids]).size).toBe(5);
    expect(pasted.map((n) => n.position)).toEqual([
      { x: 50, y: 60 },
      { x: 240, y: 60 },
    ]);
    expect(pasted[1].params).toEqual({ units: 1 });
    const copyEdge = next.edges.filter((e) => ids.includes(e.target.node));
    expect(copyEdge).toHaveLength(1);
    expect(copyEdge[0].source.node).toBe(ids[0]);
    expect(copyEdge[0].target).toEqual({ node: ids[1], port: 'in' });
    // The pasted pair is valid once wired like the original: dense_3 carries (None, 1).
    const inf = inferShapes(next);
    expect(inf.nodes.get(ids[1])!.node.name).toBe('dense_3');
    expect(inf.diagnostics.some((d) => d.message.includes('used by'))).toBe(false);
  });

  it('pastes into another project without renaming what is free there', () => {
    const other = ProjectSchema.parse({ schemaVersion: 1 });
    const { command } = pasteCommand(other, selectionFragment(doc, ['x', 'a']), { x: 0, y: 0 });
    const next = apply(other, command);
    expect(next.nodes.map((n) => [n.id, n.name])).toEqual([
      ['x', 'input_layer'],
      ['a', 'dense'],
    ]);
    expect(next.edges).toHaveLength(1);
  });
});
