import { describe, expect, it } from 'vitest';
import { summarizeDataset } from '../../../engine/data/preview.ts';
import type { Dataset } from '../../../engine/data/dataset.ts';
import { LoomError } from '../../../engine/errors.ts';
import {
  addLoadedFiles,
  arraysForSource,
  datasetForSource,
  getDataState,
  type LoadedFile,
} from './dataStore.ts';
import { loadedFileNames, nextFiles } from './sourceActions.ts';
import { sourceView } from './sourceView.ts';

const loaded = (name: string, arrays: Record<string, number[]>): LoadedFile => {
  const dataset: Dataset = {
    name,
    source: name,
    arrays: Object.fromEntries(
      Object.entries(arrays).map(([k, v]) => [
        k,
        { shape: [v.length], data: Float32Array.from(v) },
      ]),
    ),
  };
  return { name, size: 1, dataset, summary: summarizeDataset(dataset) };
};

describe('arraysForSource', () => {
  it('gives built-in and generated arrays, memoised by source', () => {
    expect(arraysForSource({ kind: 'builtin', name: 'study-hours' }).Hours.shape).toEqual([25]);
    const source = { kind: 'generator' as const, name: 'xor', params: { n: 8, seed: 1 } };
    const first = arraysForSource(source);
    expect(first.x.shape).toEqual([8, 2]);
    expect(arraysForSource({ ...source, params: { n: 8, seed: 1 } })).toBe(first);
    expect(arraysForSource({ ...source, params: { n: 8, seed: 2 } })).not.toBe(first);
  });

  it('refuses a file that is not loaded, telling the user to import it again', () => {
    let error: unknown;
    try {
      arraysForSource({ kind: 'files', files: ['gone.csv'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoomError);
    expect((error as LoomError).code).toBe('data/binding');
    expect((error as LoomError).message).toBe(
      "the data file 'gone.csv' is not loaded (file gone.csv). Import it again in the Data tab (files are not stored inside the project).",
    );
  });

  it('merges loaded files, and a re-import replaces the file of the same name', () => {
    addLoadedFiles([loaded('a.csv', { p: [1, 2] }), loaded('b.csv', { q: [3, 4] })]);
    addLoadedFiles([loaded('a.csv', { p: [5, 6] })]);
    expect(getDataState().files.map((f) => f.name)).toEqual(['b.csv', 'a.csv']);
    const arrays = arraysForSource({ kind: 'files', files: ['a.csv', 'b.csv'] });
    expect([...arrays.p.data, ...arrays.q.data]).toEqual([5, 6, 3, 4]);
    const ds = datasetForSource({ kind: 'files', files: ['a.csv', 'b.csv'] });
    expect(ds && Object.keys(ds.arrays)).toEqual(['p', 'q']);
    expect(datasetForSource({ kind: 'files', files: ['a.csv', 'nope'] })).toBeNull();
  });
});

describe('nextFiles and sourceView', () => {
  const images1 = loaded('train-images.gz', { images: [1] });
  const labels = loaded('train-labels.gz', { labels: [1] });
  const images2 = loaded('test-images', { images: [2] });
  const all = [images1, labels, images2];

  it('adds files, replacing same names (also without .gz) and same array names', () => {
    const source = { kind: 'files' as const, files: ['train-images.gz', 'train-labels.gz'] };
    expect(nextFiles(source, [images2], all)).toEqual(['train-labels.gz', 'test-images']);
    expect(nextFiles(source, [loaded('TRAIN-LABELS', { l: [1] })], all)).toEqual([
      'train-images.gz',
      'TRAIN-LABELS',
    ]);
    expect(nextFiles({ kind: 'builtin', name: 'study-hours' }, [labels], all)).toEqual([
      'train-labels.gz',
    ]);
    expect(loadedFileNames(all)).toEqual(['train-labels.gz', 'test-images']);
  });

  it('shows loaded summaries, names missing files and reports array name clashes', () => {
    const v = sourceView({ kind: 'files', files: ['train-images.gz', 'missing.csv'] }, all);
    expect(v.arrays.map((a) => a.name)).toEqual(['images']);
    expect(v.shapes).toEqual({ images: [1] });
    expect(v.missing).toEqual(['missing.csv']);
    expect(v.error).toBeNull();
    const clash = sourceView({ kind: 'files', files: ['train-images.gz', 'test-images'] }, all);
    expect(clash.error?.message).toMatch(/two files provide an array named 'images'/);
    const bad = sourceView({ kind: 'generator', name: 'xor', params: { n: -1 } }, all);
    expect(bad.error?.code).toBe('data/binding');
    expect(sourceView({ kind: 'none' }, all).arrays).toEqual([]);
  });
});
