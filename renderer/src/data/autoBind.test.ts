import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProjectText } from '../../../engine/document/parse.ts';
import type { Project } from '../../../engine/document/schema.ts';
import { inferShapes } from '../../../engine/graph/infer.ts';
import { dataPatchFor, defaultBindings, suggestPair, type ArrayInfo } from './autoBind.ts';

const example = (name: string): Project =>
  parseProjectText(
    readFileSync(new URL(`../../../assets/examples/${name}.loom`, import.meta.url), 'utf8'),
  );
const a = (name: string, shape: number[], dtype = 'float32'): ArrayInfo => ({ name, shape, dtype });
const names = (p: ReturnType<typeof suggestPair>) =>
  p && [p.features.map((f) => f.name), p.target.name];

describe('suggestPair', () => {
  it('pairs MNIST images with labels, x with y, and CSV columns with the last one', () => {
    expect(names(suggestPair([a('labels', [5]), a('images', [5, 28, 28])]))).toEqual([
      ['images'],
      'labels',
    ]);
    expect(names(suggestPair([a('y', [5, 1]), a('x', [5, 2])]))).toEqual([['x'], 'y']);
    expect(names(suggestPair([a('x_train', [5, 2]), a('y_train', [5])]))).toEqual([
      ['x_train'],
      'y_train',
    ]);
    expect(names(suggestPair([a('a', [5]), a('b', [5]), a('c', [5, 1])]))).toEqual([
      ['a', 'b'],
      'c',
    ]);
  });

  it('suggests nothing when the data has no obvious pair', () => {
    expect(suggestPair([a('images', [5, 28, 28])])).toBeNull();
    expect(suggestPair([a('p', [5, 3]), a('q', [5, 3])])).toBeNull();
    expect(suggestPair([a('only', [5])])).toBeNull();
  });
});

describe('defaultBindings', () => {
  it('binds uint8 images divided by 255 for a one-Input one-output model', () => {
    const doc = example('mnist-mlp');
    const b = defaultBindings(inferShapes(doc), [
      a('images', [5, 28, 28], 'uint8'),
      a('labels', [5], 'uint8'),
    ]);
    expect(b).toEqual({
      inputs: { input_layer: { arrays: ['images'], scale: 'div255' } },
      targets: { dense_1: { arrays: ['labels'], scale: 'none' } },
    });
  });

  it('binds nothing for a model without exactly one Input and one output', () => {
    const blank = example('two-tower');
    const noModel = { ...blank, nodes: [], edges: [] };
    expect(defaultBindings(inferShapes(noModel), [a('x', [5, 2]), a('y', [5])])).toBeNull();
  });
});

describe('dataPatchFor', () => {
  it('keeps bindings that still fit the new source', () => {
    const doc = example('two-tower');
    const source = { kind: 'generator' as const, name: 'normal', params: {} };
    expect(
      dataPatchFor(doc, inferShapes(doc), source, [a('x', [100, 2]), a('y', [100, 1])]),
    ).toEqual({ source });
  });

  it('auto-binds CSV columns when the old bindings do not fit', () => {
    const doc = example('linear-regression');
    const source = { kind: 'files' as const, files: ['scores.csv'] };
    const patch = dataPatchFor(doc, inferShapes(doc), source, [a('h', [9]), a('s', [9])]);
    expect(patch).toEqual({
      source,
      inputs: { hours: { arrays: ['h'], scale: 'none' } },
      targets: { dense: { arrays: ['s'], scale: 'none' } },
    });
  });

  it('leaves the bindings alone when there is nothing sensible to bind', () => {
    const doc = example('two-tower');
    const source = { kind: 'files' as const, files: ['one.npy'] };
    expect(dataPatchFor(doc, inferShapes(doc), source, [a('one', [3, 3])])).toEqual({ source });
  });
});
