import { describe, expect, it } from 'vitest';
import { isLoomError } from '../errors.ts';
import { isSequentialLike, kerasOrder, mapGraph } from './kerasOrder.ts';
import type { SummaryLayer, SummaryModel } from './types.ts';

/** A layer with only what ordering needs. */
function layer(name: string, inbound: string[] = [], className = 'Dense'): SummaryLayer {
  return {
    name,
    className: inbound.length === 0 ? 'InputLayer' : className,
    outputShape: [null, 1],
    params: 0,
    trainableParams: 0,
    inbound,
  };
}

function model(layers: SummaryLayer[], inputs: string[], outputs: string[]): SummaryModel {
  return { name: 'functional', layers, inputs, outputs };
}

const names = (m: SummaryModel) => kerasOrder(m).map((l) => l.name);

const twoTower = [
  layer('dense3', ['concat']),
  layer('concat', ['dense1', 'dense2'], 'Concatenate'),
  layer('dense2', ['input']),
  layer('input'),
  layer('dense1', ['input']),
];

describe('kerasOrder', () => {
  it('lists the two-tower model deepest first, ties by depth-first visit order', () => {
    // Depths: input 3, dense1 2, dense2 2, concat 1, dense3 0. dense1 is visited before dense2
    // because it is concat's first input.
    expect(names(model(twoTower, ['input'], ['dense3']))).toEqual([
      'input',
      'dense1',
      'dense2',
      'concat',
      'dense3',
    ]);
  });

  it('breaks depth ties by the inbound order, not by names or document order', () => {
    const swapped = twoTower.map((l) =>
      l.name === 'concat' ? { ...l, inbound: ['dense2', 'dense1'] } : l,
    );
    expect(names(model(swapped, ['input'], ['dense3']))).toEqual([
      'input',
      'dense2',
      'dense1',
      'concat',
      'dense3',
    ]);
  });

  it('uses the longest path to an output as the depth', () => {
    // a → b → c → out and a → out: a is 3 deep, not 1.
    const layers = [
      layer('out', ['a', 'c'], 'Add'),
      layer('c', ['b']),
      layer('b', ['a']),
      layer('a', ['x']),
      layer('x'),
    ];
    expect(names(model(layers, ['x'], ['out']))).toEqual(['x', 'a', 'b', 'c', 'out']);
  });

  it('reproduces a printed Keras 3 summary with 3 inputs, 2 outputs and unused layers', () => {
    // Keras 3 printed this order for Model(inputs=[input1, input21, input31],
    // outputs=[last_output1, last_output2]); input31's tower and dense_2 feed no output.
    const layers = [
      layer('input_layer'),
      layer('han1', ['input_layer']),
      layer('han2', ['han1']),
      layer('han3', ['han2']),
      layer('han4', ['han3']),
      layer('input_layer_1'),
      layer('han21', ['input_layer_1']),
      layer('han22', ['han21']),
      layer('han23', ['han22']),
      layer('han24', ['han23']),
      layer('han25', ['han24']),
      layer('han26', ['han25']),
      layer('input_layer_2'),
      layer('han31', ['input_layer_2']),
      layer('han32', ['han31']),
      layer('han33', ['han32']),
      layer('han36', ['han33']),
      layer('mg1', ['han4', 'han26'], 'Concatenate'),
      layer('mg2', ['mg1']),
      layer('mg3', ['mg2']),
      layer('dense', ['mg3']),
      layer('dense_1', ['dense']),
      layer('dense_2', ['dense_1']),
      layer('dense_3', ['dense_1']),
      layer('dense_4', ['mg3']),
      layer('dense_5', ['dense_4']),
    ];
    const m = model(
      layers,
      ['input_layer', 'input_layer_1', 'input_layer_2'],
      ['dense_3', 'dense_5'],
    );
    expect(names(m)).toEqual([
      'input_layer_1',
      'han21',
      'input_layer',
      'han22',
      'han1',
      'han23',
      'han2',
      'han24',
      'han3',
      'han25',
      'han4',
      'han26',
      'mg1',
      'mg2',
      'mg3',
      'dense',
      'dense_1',
      'dense_4',
      'input_layer_2',
      'dense_3',
      'dense_5',
    ]);
    expect(isSequentialLike(m)).toBe(false);
  });

  it('puts several unused inputs first among depth 0, in model input order', () => {
    const layers = [layer('b'), layer('out', ['x']), layer('a'), layer('x')];
    expect(names(model(layers, ['x', 'b', 'a'], ['out']))).toEqual(['x', 'b', 'a', 'out']);
  });

  it('walks outputs in model output order', () => {
    const layers = [layer('x'), layer('p', ['x']), layer('q', ['x'])];
    expect(names(model(layers, ['x'], ['q', 'p']))).toEqual(['x', 'q', 'p']);
    expect(names(model(layers, ['x'], ['p', 'q']))).toEqual(['x', 'p', 'q']);
  });

  it('gives an output that also feeds another output the larger depth', () => {
    const layers = [layer('x'), layer('h', ['x']), layer('y', ['h'])];
    const graph = mapGraph(model(layers, ['x'], ['h', 'y']));
    expect(graph.layers.map((l) => l.name)).toEqual(['x', 'h', 'y']);
    expect(Object.fromEntries(graph.depth)).toEqual({ x: 2, h: 1, y: 0 });
  });

  it('handles a long chain without recursion limits', () => {
    const layers = [layer('l0')];
    for (let i = 1; i < 20000; i++) layers.push(layer(`l${i}`, [`l${i - 1}`]));
    const order = names(model(layers.slice().reverse(), ['l0'], ['l19999']));
    expect(order[0]).toBe('l0');
    expect(order[19999]).toBe('l19999');
  });
});

describe('isSequentialLike', () => {
  const mlp = [
    layer('dense_1', ['dropout']),
    layer('input'),
    layer('dropout', ['dense'], 'Dropout'),
    layer('dense', ['input']),
  ];

  it('is true for a plain stack such as the MNIST MLP', () => {
    expect(isSequentialLike(model(mlp, ['input'], ['dense_1']))).toBe(true);
  });

  it('is false when a depth holds two layers (two towers)', () => {
    expect(isSequentialLike(model(twoTower, ['input'], ['dense3']))).toBe(false);
  });

  it('is false when one layer takes two tensors, even the same one twice', () => {
    const layers = [layer('x'), layer('c', ['x', 'x'], 'Concatenate')];
    expect(isSequentialLike(model(layers, ['x'], ['c']))).toBe(false);
  });

  it('is false when an unused input shares depth 0 with the output', () => {
    expect(isSequentialLike(model([...mlp, layer('extra')], ['input', 'extra'], ['dense_1']))).toBe(
      false,
    );
  });

  it('is true for a model whose only layer is its input', () => {
    expect(isSequentialLike(model([layer('x')], ['x'], ['x']))).toBe(true);
  });
});

describe('kerasOrder errors', () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (isLoomError(e)) return { code: e.code, where: e.where, message: e.message };
      throw e;
    }
    throw new Error('expected a LoomError');
  };

  it('rejects duplicate names like Keras', () => {
    const e = codeOf(() => kerasOrder(model([layer('x'), layer('x')], ['x'], ['x'])));
    expect(e.code).toBe('graph/structure');
    expect(e.message).toContain("the name 'x' is used 2 times");
    expect(e.where).toEqual({ node: 'x' });
  });

  it('rejects cycles', () => {
    const layers = [layer('x'), layer('a', ['x', 'b'], 'Add'), layer('b', ['a'])];
    const e = codeOf(() => kerasOrder(model(layers, ['x'], ['b'])));
    expect(e.code).toBe('graph/cycle');
  });

  it('rejects unknown inbound, input and output names', () => {
    expect(
      codeOf(() => kerasOrder(model([layer('x'), layer('y', ['z'])], ['x'], ['y']))).where,
    ).toEqual({
      node: 'y',
    });
    expect(codeOf(() => kerasOrder(model([layer('x')], ['nope'], ['x']))).code).toBe(
      'graph/structure',
    );
    expect(codeOf(() => kerasOrder(model([layer('x')], ['x'], ['nope']))).code).toBe(
      'graph/structure',
    );
  });

  it('rejects models without inputs or outputs', () => {
    expect(codeOf(() => kerasOrder(model([layer('x')], [], ['x']))).message).toContain('no inputs');
    expect(codeOf(() => kerasOrder(model([layer('x')], ['x'], []))).message).toContain(
      'no outputs',
    );
  });

  it('rejects a source layer an output needs that is not a model input', () => {
    const layers = [layer('x'), layer('stray'), layer('a', ['x', 'stray'], 'Add')];
    const e = codeOf(() => kerasOrder(model(layers, ['x'], ['a'])));
    expect(e.code).toBe('graph/structure');
    expect(e.where).toEqual({ node: 'stray' });
  });
});
