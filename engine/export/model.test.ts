import { describe, expect, it } from 'vitest';
import { isLoomError } from '../errors.ts';
import { exportModel } from './model.ts';
import { projectOf, residualProject } from './testing.ts';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isLoomError(e) ? e.code : String(e);
  }
  return 'ok';
};

describe('exportModel', () => {
  it('lists layers in Keras order with inbound layers, shapes and named tensors', () => {
    const m = exportModel(residualProject());
    expect(m.layers.map((l) => [l.name, l.inbound])).toEqual([
      ['image', []],
      ['flat', ['image']],
      ['left', ['flat']],
      ['right', ['flat']],
      ['sum', ['left', 'right']],
      ['act', ['sum']],
      ['head', ['act']],
    ]);
    expect(m.layers[1].inputShapes).toEqual([[null, 2, 3]]);
    expect(m.layers[1].outputShape).toEqual([null, 6]);
    expect(m.tensors.map((t) => [t.name, t.shape])).toEqual([
      ['left/kernel', [6, 4]],
      ['left/bias', [4]],
      ['right/kernel', [6, 4]],
      ['head/kernel', [4, 3]],
      ['head/bias', [3]],
    ]);
    expect(m.inputs).toEqual(['image']);
    expect(m.outputs).toEqual(['head']);
  });

  it('uses the weights it is given, by param key', () => {
    const doc = projectOf(
      [
        ['x', 'Input', { shape: [2] }],
        ['d', 'Dense', { units: 1 }],
      ],
      ['x->d:in'],
    );
    const kernel = new Float32Array([7, -8]);
    const bias = new Float32Array([0.5]);
    const m = exportModel(
      doc,
      new Map([
        ['d/kernel', kernel],
        ['d/bias', bias],
      ]),
    );
    expect(m.tensors.map((t) => [t.name, Array.from(t.data)])).toEqual([
      ['d/kernel', [7, -8]],
      ['d/bias', [0.5]],
    ]);
    expect(codeOf(() => exportModel(doc, new Map([['d/kernel', kernel]])))).toBe(
      'weights/mismatch',
    );
    expect(
      codeOf(() =>
        exportModel(
          doc,
          new Map([
            ['d/kernel', bias],
            ['d/bias', bias],
          ]),
        ),
      ),
    ).toBe('weights/mismatch');
  });

  it('initialises missing weights from the seed, the same way every time', () => {
    const a = exportModel(residualProject()).tensors;
    const b = exportModel(residualProject()).tensors;
    expect(a.map((t) => Array.from(t.data))).toEqual(b.map((t) => Array.from(t.data)));
    expect(a[0].data.some((v) => v !== 0)).toBe(true);
  });

  it('refuses an invalid model with a LoomError', () => {
    const doc = projectOf([['d', 'Dense', { units: 1 }]], []);
    expect(codeOf(() => exportModel(doc))).toBe('graph/structure');
  });
});
