import { gzipSync } from 'fflate';
import { describe, it, expect } from 'vitest';
import { LoomError } from '../errors.ts';
import {
  formatFromBytes,
  formatFromName,
  readDatasetFile,
  writeIdx,
  writeNpy,
  writeNpz,
} from './index.ts';

function loomError(fn: () => unknown): LoomError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoomError) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

const text = (s: string) => new TextEncoder().encode(s);
const t = (shape: number[], values: number[]) => ({ shape, data: Float32Array.from(values) });

describe('formatFromName', () => {
  it('recognises extensions, IDX names and .gz variants', () => {
    expect(formatFromName('a/b/Data.CSV')).toBe('csv');
    expect(formatFromName('x.tsv.gz')).toBe('csv');
    expect(formatFromName('C:\\data\\x_train.npy')).toBe('npy');
    expect(formatFromName('arrays.npz')).toBe('npz');
    expect(formatFromName('train-images-idx3-ubyte.gz')).toBe('idx');
    expect(formatFromName('t10k-labels.idx1-ubyte')).toBe('idx');
    expect(formatFromName('features.idx')).toBe('idx');
    expect(formatFromName('notes.txt')).toBeUndefined();
  });

  it('recognises magic bytes', () => {
    expect(formatFromBytes(writeNpy(t([1], [1])))).toBe('npy');
    expect(formatFromBytes(writeNpz({ a: t([1], [1]) }))).toBe('npz');
    expect(formatFromBytes(writeIdx(t([1], [1])))).toBe('idx');
    expect(formatFromBytes(text('a,b\n'))).toBeUndefined();
  });
});

describe('readDatasetFile', () => {
  it('reads a CSV file (BOM and all) into one array per column', () => {
    const ds = readDatasetFile('scores.csv', text('\uFEFFHours,Scores\r\n2.5,21\r\n'));
    expect(ds.columns).toEqual(['Hours', 'Scores']);
    expect(ds.arrays.Scores).toEqual(t([1], [21]));
  });

  it('reads gzipped CSV and TSV', () => {
    const ds = readDatasetFile('d.tsv.gz', gzipSync(text('a\tb\n1\t2\n3\t4\n')));
    expect(ds.arrays.b).toEqual(t([2], [2, 4]));
  });

  it('names a .npy array after the file stem, also when gzipped', () => {
    const npy = writeNpy(t([2, 2], [1, 2, 3, 4]));
    const ds = readDatasetFile('data/x_train.npy', npy);
    expect(ds.name).toBe('x_train');
    expect(ds.source).toBe('data/x_train.npy');
    expect(ds.arrays).toEqual({ x_train: t([2, 2], [1, 2, 3, 4]) });
    expect(ds.dtypes).toEqual({ x_train: 'float32' });
    expect(readDatasetFile('y.npy.gz', gzipSync(npy)).arrays.y).toEqual(ds.arrays.x_train);
  });

  it('reads .npz archives', () => {
    const ds = readDatasetFile('set.npz', writeNpz({ x: t([2], [1, 2]), y: t([2], [0, 1]) }));
    expect(Object.keys(ds.arrays)).toEqual(['x', 'y']);
  });

  it('reads MNIST-style IDX files as images and labels', () => {
    const images = readDatasetFile(
      'train-images-idx3-ubyte.gz',
      gzipSync(writeIdx(t([2, 1, 2], [0, 255, 3, 4]), 'ubyte')),
    );
    expect(images.arrays).toEqual({ images: t([2, 1, 2], [0, 255, 3, 4]) });
    expect(images.dtypes).toEqual({ images: 'uint8' });
    const labels = readDatasetFile('train-labels-idx1-ubyte', writeIdx(t([2], [5, 9])));
    expect(labels.arrays).toEqual({ labels: t([2], [5, 9]) });
  });

  it('falls back to the magic bytes when the name says nothing', () => {
    expect(readDatasetFile('download', writeNpy(t([1], [7]))).arrays).toEqual({
      download: t([1], [7]),
    });
    expect(Object.keys(readDatasetFile('blob.bin', writeIdx(t([3], [1, 2, 3]))).arrays)).toEqual([
      'labels',
    ]);
  });

  it('refuses unknown file types and reports errors with the reader code', () => {
    const e = loomError(() => readDatasetFile('notes.txt', text('hello')));
    expect(e.code).toBe('data/unknown');
    expect(e.where).toEqual({ file: 'notes.txt' });
    expect(e.fix).toContain('.csv');
    const csv = loomError(() => readDatasetFile('bad.csv', text('a\nx\n')));
    expect(csv.code).toBe('data/csv');
    expect(csv.where).toEqual({ file: 'bad.csv', row: 2, column: 'a' });
    const latin1 = loomError(() => readDatasetFile('l.csv', Uint8Array.from([0x61, 0x0a, 0xe9])));
    expect(latin1.what).toContain('not UTF-8');
    const gz = gzipSync(text('a\n1\n'));
    gz[gz.length - 4] ^= 1; // the trailer's size no longer matches
    expect(loomError(() => readDatasetFile('c.csv.gz', gz)).code).toBe('data/csv');
    expect(
      loomError(() => readDatasetFile('i-ubyte.gz', Uint8Array.from([0x1f, 0x8b, 1]))).code,
    ).toBe('data/idx');
  });
});
