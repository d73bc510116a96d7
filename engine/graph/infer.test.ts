import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProject, parseProjectText } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';
import { inferShapes } from './infer.ts';

const example = (name: string) =>
  parseProjectText(
    readFileSync(new URL(`../../assets/examples/${name}.loom`, import.meta.url), 'utf8'),
  );

type N = [id: string, type: string, params?: Record<string, unknown>];
type E = [from: string, to: string, port?: string];

/** A project from a terse node/edge list. */
function project(nodes: N[], edges: E[]): Project {
  return parseProject({
    schemaVersion: 1,
    nodes: nodes.map(([id, type, params]) => ({ id, type, name: id, params: params ?? {} })),
    edges: edges.map(([from, to, port], i) => ({
      id: `e${i}`,
      source: { node: from, port: 'out' },
      target: { node: to, port: port ?? 'in' },
    })),
  });
}

const errors = (doc: Project) => inferShapes(doc).diagnostics.filter((d) => d.severity === 'error');

describe('inferShapes', () => {
  it('infers the two-tower shapes, edge labels and parameter counts', () => {
    const inf = inferShapes(example('two-tower'));
    expect(inf.valid).toBe(true);
    const shape = (id: string) => inf.nodes.get(id)!.shape;
    expect(shape('input')).toEqual([null, 2]);
    expect(shape('dense1')).toEqual([null, 1]);
    expect(shape('dense2')).toEqual([null, 2]);
    expect(shape('concat')).toEqual([null, 3]);
    expect(shape('dense3')).toEqual([null, 1]);
    expect([...inf.nodes.values()].map((n) => n.paramCount)).toEqual([0, 3, 6, 0, 4]);
    expect([...inf.edgeShapes.values()]).toEqual([
      [null, 2],
      [null, 2],
      [null, 1],
      [null, 2],
      [null, 3],
    ]);
    expect(inf.inputs).toEqual(['input']);
    expect(inf.outputs).toEqual(['dense3']);
    expect(inf.summary!.layers.find((l) => l.name === 'concat')!.inbound).toEqual([
      'dense1',
      'dense2',
    ]);
  });

  it('counts the MNIST MLP exactly as Keras', () => {
    const inf = inferShapes(example('mnist-mlp'));
    expect([...inf.nodes.values()].map((n) => n.paramCount)).toEqual([0, 401_920, 0, 5_130]);
  });

  it('pins a cycle to the nodes and edges on it, not to nodes after it', () => {
    const doc = project(
      [
        ['x', 'Input', { shape: [2] }],
        ['a', 'Add'],
        ['b', 'Dense', { units: 2 }],
        ['c', 'Dense', { units: 1 }],
      ],
      [
        ['x', 'a', 'in0'],
        ['b', 'a', 'in1'],
        ['a', 'b'],
        ['a', 'c'],
      ],
    );
    const errs = errors(doc).filter((d) => d.code === 'graph/cycle');
    expect(new Set(errs.flatMap((d) => (d.node ? [d.node] : [])))).toEqual(new Set(['a', 'b']));
    expect(new Set(errs.flatMap((d) => (d.edge ? [d.edge] : [])))).toEqual(new Set(['e1', 'e2']));
    expect(errs[0].message).toMatch(/cycle/);
  });

  it('reports a Concatenate of incompatible shapes on the node, naming the port', () => {
    const doc = project(
      [
        ['x', 'Input', { shape: [2] }],
        ['y', 'Input', { shape: [3, 4] }],
        ['cat', 'Concatenate'],
        ['d', 'Dense', { units: 1 }],
      ],
      [
        ['x', 'cat', 'in0'],
        ['y', 'cat', 'in1'],
        ['cat', 'd'],
      ],
    );
    const inf = inferShapes(doc);
    expect(inf.valid).toBe(false);
    expect(inf.summary).toBeNull();
    const d = inf.diagnostics.find((x) => x.node === 'cat')!;
    expect(d.code).toBe('graph/shape');
    expect(d.message).toMatch(/\(None, 2\)/);
    expect(d.message).toMatch(/\(None, 3, 4\)/);
    // Downstream nodes stay unknown without piling on more errors.
    expect(inf.nodes.get('d')!.shape).toBeNull();
    expect(inf.diagnostics.filter((x) => x.node === 'd')).toEqual([]);
  });

  it('reports unconnected inputs, missing Input, no output and a dangling Input', () => {
    expect(
      errors(project([['d', 'Dense']], []))
        .map((d) => d.message)
        .join('\n'),
    ).toMatch(/no Input layer/);
    const unconnected = errors(
      project(
        [
          ['x', 'Input', { shape: [2] }],
          ['d', 'Dense'],
          ['e', 'Dense'],
        ],
        [['x', 'd']],
      ),
    );
    expect(unconnected.find((d) => d.node === 'e')).toMatchObject({
      port: 'in',
      message: expect.stringMatching(/no input/),
    });
    const lonely = errors(project([['x', 'Input', { shape: [2] }]], []));
    expect(lonely.map((d) => d.message).join('\n')).toMatch(/not connected/);
    expect(lonely.map((d) => d.message).join('\n')).toMatch(/no output/);
    const few = errors(
      project(
        [
          ['x', 'Input', { shape: [2] }],
          ['a', 'Add'],
        ],
        [['x', 'a', 'in0']],
      ),
    );
    expect(few.find((d) => d.node === 'a')!.message).toMatch(/at least 2 inputs/);
    expect(
      errors(project([], []))
        .map((d) => d.message)
        .join(),
    ).toMatch(/empty/);
  });

  it('reports Add of unequal shapes and Dense on rank < 2', () => {
    const add = project(
      [
        ['x', 'Input', { shape: [2] }],
        ['y', 'Input', { shape: [3] }],
        ['a', 'Add'],
      ],
      [
        ['x', 'a', 'in0'],
        ['y', 'a', 'in1'],
      ],
    );
    expect(errors(add).find((d) => d.node === 'a')!.code).toBe('graph/shape');
    const flat = project(
      [
        ['x', 'Input', { shape: [] }],
        ['d', 'Dense'],
      ],
      [['x', 'd']],
    );
    expect(errors(flat).some((d) => d.node === 'd' || d.node === 'x')).toBe(true);
  });

  it('reports invalid params with the param name', () => {
    const doc = project(
      [
        ['x', 'Input', { shape: [2] }],
        ['d', 'Dense', { units: 0 }],
        ['p', 'Dropout', { rate: 1.5 }],
      ],
      [
        ['x', 'd'],
        ['d', 'p'],
      ],
    );
    const errs = errors(doc);
    expect(errs.find((d) => d.node === 'd')).toMatchObject({ code: 'graph/param', param: 'units' });
    expect(errs.find((d) => d.node === 'p')).toMatchObject({ code: 'graph/param', param: 'rate' });
  });

  it('reports duplicate names on every node that has the name', () => {
    const doc = project(
      [
        ['x', 'Input', { shape: [2] }],
        ['d', 'Dense'],
      ],
      [['x', 'd']],
    );
    doc.nodes[1].name = 'x';
    const dup = errors(doc).filter((d) => /unique/.test(d.message));
    expect(dup.map((d) => d.node).sort()).toEqual(['d', 'x']);
  });

  it('orders variadic inputs by port index, not edge order', () => {
    const doc = project(
      [
        ['x', 'Input', { shape: [2] }],
        ['a', 'Dense', { units: 1 }],
        ['b', 'Dense', { units: 3 }],
        ['cat', 'Concatenate'],
      ],
      [
        ['x', 'a'],
        ['x', 'b'],
        ['b', 'cat', 'in0'],
        ['a', 'cat', 'in1'],
      ],
    );
    const inf = inferShapes(doc);
    expect(inf.nodes.get('cat')!.inputs.map((e) => e.source.node)).toEqual(['b', 'a']);
    expect(inf.nodes.get('cat')!.shape).toEqual([null, 4]);
  });

  it('allows several inputs and several outputs', () => {
    const doc = project(
      [
        ['x', 'Input', { shape: [2] }],
        ['y', 'Input', { shape: [3] }],
        ['cat', 'Concatenate'],
        ['o1', 'Dense', { units: 1 }],
        ['o2', 'Dense', { units: 4 }],
      ],
      [
        ['x', 'cat', 'in0'],
        ['y', 'cat', 'in1'],
        ['cat', 'o1'],
        ['cat', 'o2'],
      ],
    );
    const inf = inferShapes(doc);
    expect(inf.valid).toBe(true);
    expect(inf.inputs).toEqual(['x', 'y']);
    expect(inf.outputs).toEqual(['o1', 'o2']);
  });

  it('handles a 1,000-node chain', () => {
    const nodes: N[] = [['n0', 'Input', { shape: [4] }]];
    const edges: E[] = [];
    for (let i = 1; i < 1000; i++) {
      nodes.push([`n${i}`, 'Dense', { units: 4 }]);
      edges.push([`n${i - 1}`, `n${i}`]);
    }
    const inf = inferShapes(project(nodes, edges));
    expect(inf.valid).toBe(true);
    expect(inf.nodes.get('n999')!.shape).toEqual([null, 4]);
  });
});
