import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferShapes } from '../graph/infer.ts';
import { checkConnection, makeEdge } from '../graph/connect.ts';
import { apply, nameProblem, uniqueId, uniqueName, type Command } from './commands.ts';
import { createHistory, execute, redo, seal, undo } from './history.ts';
import { parseProjectText } from './parse.ts';

const twoTower = () =>
  parseProjectText(
    readFileSync(new URL('../../assets/examples/two-tower.loom', import.meta.url), 'utf8'),
  );

describe('apply', () => {
  it('removes a node with its edges, bindings and weights, and compacts variadic ports', () => {
    const doc = twoTower();
    const next = apply(doc, { type: 'removeNodes', ids: ['dense1'] });
    expect(next.nodes.map((n) => n.id)).toEqual(['input', 'dense2', 'concat', 'dense3']);
    expect(next.edges.some((e) => e.source.node === 'dense1' || e.target.node === 'dense1')).toBe(
      false,
    );
    expect(next.edges.find((e) => e.source.node === 'dense2')!.target.port).toBe('in0');
    const noOut = apply(doc, { type: 'removeNodes', ids: ['dense3'] });
    expect(noOut.data.targets).toEqual({});
    expect(doc.nodes).toHaveLength(5); // the original is untouched
  });

  it('refuses to double-feed a port and ignores unknown ids', () => {
    const doc = twoTower();
    const edge = {
      id: 'x',
      source: { node: 'dense1', port: 'out' },
      target: { node: 'dense3', port: 'in' },
    };
    expect(apply(doc, { type: 'connect', edge })).toBe(doc);
    expect(apply(doc, { type: 'setParams', id: 'ghost', params: { units: 3 } })).toBe(doc);
  });

  it('reorders Concatenate inputs', () => {
    const doc = twoTower();
    const ids = doc.edges.filter((e) => e.target.node === 'concat').map((e) => e.id);
    const next = apply(doc, { type: 'reorderInputs', node: 'concat', edgeIds: [...ids].reverse() });
    const inf = inferShapes(next);
    expect(inf.nodes.get('concat')!.inputs.map((e) => e.source.node)).toEqual(['dense2', 'dense1']);
  });

  it('generates Keras-style names and unique ids', () => {
    const doc = twoTower();
    expect(uniqueName(doc, 'dense')).toBe('dense');
    expect(uniqueName(doc, 'dense1')).toBe('dense1_1');
    expect(uniqueId(doc, 'input')).toBe('input-1');
    expect(nameProblem(doc, 'dense1', 'dense2')).toMatch(/already used/);
    expect(nameProblem(doc, 'dense1', '')).toMatch(/empty/);
    expect(nameProblem(doc, 'dense1', 'tower_a')).toBeNull();
  });
});

describe('history', () => {
  it('walks back and forth through mixed edits and ends where it started', () => {
    const start = twoTower();
    const edits: Command[] = [
      { type: 'setParams', id: 'dense1', params: { units: 4 } },
      { type: 'moveNodes', moves: [{ id: 'dense2', position: { x: 9, y: 9 } }] },
      { type: 'renameNode', id: 'dense3', name: 'head' },
      { type: 'removeEdges', ids: [start.edges[0].id] },
      { type: 'setTraining', patch: { batchSize: 4 } },
      { type: 'removeNodes', ids: ['dense2'] },
    ];
    let h = createHistory(start);
    const states = [start];
    for (const c of edits) {
      h = execute(h, c);
      states.push(h.present);
    }
    for (let i = edits.length - 1; i >= 0; i--) {
      h = undo(h);
      expect(h.present).toBe(states[i]);
    }
    expect(undo(h)).toBe(h);
    for (let i = 1; i <= edits.length; i++) {
      h = redo(h);
      expect(h.present).toBe(states[i]);
    }
  });

  it('coalesces a drag into one undo step until sealed', () => {
    let h = createHistory(twoTower());
    for (let x = 0; x < 10; x++)
      h = execute(
        h,
        { type: 'moveNodes', moves: [{ id: 'input', position: { x, y: 0 } }] },
        'drag:input',
      );
    h = seal(h);
    h = execute(
      h,
      { type: 'moveNodes', moves: [{ id: 'input', position: { x: 50, y: 0 } }] },
      'drag:input',
    );
    expect(h.past).toHaveLength(2);
    expect(undo(undo(h)).present.nodes[0].position).toEqual({ x: 0, y: 120 });
  });
});

describe('checkConnection', () => {
  it('refuses cycles, self-loops, occupied ports, Inputs as targets and incompatible shapes', () => {
    const doc = twoTower();
    const inf = inferShapes(doc);
    expect(checkConnection(doc, inf, 'dense3', 'dense1')).toEqual({
      ok: false,
      reason: expect.stringMatching(/already connected/),
    });
    const freed = apply(doc, { type: 'removeEdges', ids: [doc.edges[0].id] });
    const inf2 = inferShapes(freed);
    expect(checkConnection(freed, inf2, 'dense3', 'dense1')).toEqual({
      ok: false,
      reason: expect.stringMatching(/cycle/),
    });
    expect(checkConnection(doc, inf, 'dense1', 'dense1')).toEqual({
      ok: false,
      reason: expect.stringMatching(/itself/),
    });
    expect(checkConnection(doc, inf, 'dense1', 'input')).toEqual({
      ok: false,
      reason: expect.stringMatching(/Input/),
    });
    expect(checkConnection(doc, inf, 'dense1', 'concat')).toEqual({
      ok: false,
      reason: expect.stringMatching(/already feeds/),
    });
    expect(checkConnection(doc, inf, 'input', 'concat')).toEqual({ ok: true });
    expect(checkConnection(freed, inf2, 'input', 'dense1')).toEqual({ ok: true });
  });

  it('refuses a Concatenate input whose shape cannot join', () => {
    let doc = twoTower();
    doc = apply(doc, {
      type: 'addNodes',
      nodes: [
        {
          id: 'img',
          type: 'Input',
          name: 'img',
          params: { shape: [3, 4] },
          position: { x: 0, y: 0 },
        },
      ],
    });
    const check = checkConnection(doc, inferShapes(doc), 'img', 'concat');
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/Incompatible shape/) });
    const edge = makeEdge(doc, 'input', 'concat', 'in2');
    expect(edge.target.port).toBe('in2');
  });
});
