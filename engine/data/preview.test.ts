import { describe, expect, it } from 'vitest';
import { builtinDatasets } from './builtin.ts';
import { csvToDataset } from './csv.ts';
import {
  columnStats,
  formatValue,
  imageLayout,
  previewTable,
  summarizeArray,
  summarizeDataset,
  thumbnailPixels,
} from './preview.ts';

const t = (shape: number[], values: number[]) => ({ shape, data: Float32Array.from(values) });

describe('columnStats', () => {
  it('computes min, max, mean and population std like numpy', () => {
    const s = columnStats(Float32Array.from([1, 2, 3, 4]));
    expect(s).toMatchObject({ count: 4, nan: 0, min: 1, max: 4, mean: 2.5 });
    expect(s.std).toBeCloseTo(Math.sqrt(1.25), 12);
  });

  it('reads a strided column and counts NaN apart', () => {
    const data = Float32Array.from([1, 10, NaN, 20, 5, 30]);
    expect(columnStats(data, 0, 2, 3)).toMatchObject({ count: 3, nan: 1, min: 1, max: 5, mean: 3 });
    expect(columnStats(data, 1, 2, 3)).toMatchObject({ min: 10, max: 30, mean: 20 });
  });

  it('reports NaN statistics when every value is NaN or there are none', () => {
    expect(columnStats(Float32Array.from([NaN]))).toMatchObject({ count: 1, nan: 1 });
    expect(columnStats(Float32Array.from([NaN])).mean).toBeNaN();
    expect(columnStats(new Float32Array(0)).count).toBe(0);
  });
});

describe('imageLayout', () => {
  it('detects image-like shapes', () => {
    expect(imageLayout([60000, 28, 28])).toEqual({ height: 28, width: 28, channels: 1 });
    expect(imageLayout([5, 32, 32, 3])).toEqual({ height: 32, width: 32, channels: 3 });
    expect(imageLayout([5, 8, 8, 1])).toEqual({ height: 8, width: 8, channels: 1 });
    expect(imageLayout([5, 784])).toEqual({ height: 28, width: 28, channels: 1 });
  });

  it('rejects tables, vectors and odd channel counts', () => {
    expect(imageLayout([10, 2])).toBeNull();
    expect(imageLayout([10])).toBeNull();
    expect(imageLayout([10, 2, 2])).toBeNull();
    expect(imageLayout([5, 32, 32, 4])).toBeNull();
    expect(imageLayout([784])).toBeNull();
  });
});

describe('formatValue', () => {
  it('keeps integers and rounds the rest to 4 significant digits', () => {
    expect(formatValue(21)).toBe('21');
    expect(formatValue(-0.8464397)).toBe('-0.8464');
    expect(formatValue(2.5)).toBe('2.5');
    expect(formatValue(1.5e-7)).toBe('1.5e-7');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('−∞');
  });
});

describe('summarizeArray', () => {
  it('splits a narrow array into per-feature columns', () => {
    const s = summarizeArray('x', t([3, 2], [1, 2, 3, 4, 5, 6]), 'float32');
    expect(s).toMatchObject({ samples: 3, width: 2, image: null });
    expect(s.columns.map((c) => c.label)).toEqual(['x[0]', 'x[1]']);
    expect(s.columns[1].cells).toEqual(['2', '4', '6']);
    expect(s.columns[1].stats).toMatchObject({ min: 2, max: 6, mean: 4 });
  });

  it('names a one-value column after its array', () => {
    const s = summarizeArray('y', t([2, 1], [7, 8]), 'float32');
    expect(s.columns.map((c) => c.label)).toEqual(['y']);
  });

  it('keeps a wide array as one column with whole-array statistics', () => {
    const values = Array.from({ length: 2 * 16 }, (_, i) => i);
    const s = summarizeArray('images', t([2, 4, 4], values), 'uint8');
    expect(s.columns).toHaveLength(1);
    expect(s.columns[0]).toMatchObject({ label: 'images', feature: null });
    expect(s.columns[0].cells).toEqual(['4×4 · mean 7.5', '4×4 · mean 23.5']);
    expect(s.columns[0].stats).toMatchObject({ count: 32, min: 0, max: 31 });
    expect(s.image).toEqual({ height: 4, width: 4, channels: 1 });
  });

  it('limits the preview rows', () => {
    const s = summarizeArray(
      'v',
      t(
        [50],
        Array.from({ length: 50 }, (_, i) => i),
      ),
      'int64',
      {
        rows: 5,
        features: 8,
        thumbnails: 0,
      },
    );
    expect(s.columns[0].cells).toEqual(['0', '1', '2', '3', '4']);
    expect(s.columns[0].stats.count).toBe(50);
  });
});

describe('thumbnailPixels', () => {
  it('maps grey values to RGBA and colour channels in place', () => {
    const grey = thumbnailPixels(
      t([1, 4, 4], new Array(16).fill(51)),
      imageLayout([1, 4, 4])!,
      8,
      0,
      255,
    );
    expect(grey.length).toBe(16 * 4);
    expect([...grey.slice(0, 4)]).toEqual([51, 51, 51, 255]);
    const rgb = Array.from({ length: 16 * 3 }, (_, i) => (i % 3) * 0.5);
    const colour = thumbnailPixels(t([1, 4, 4, 3], rgb), imageLayout([1, 4, 4, 3])!, 1, 0, 1);
    expect([...colour.slice(0, 4)]).toEqual([0, 128, 255, 255]);
  });
});

describe('summarizeDataset and previewTable', () => {
  it('follows CSV column order', () => {
    const ds = csvToDataset('b,a\n1,2\n3,4\n', 'f.csv');
    const s = summarizeDataset(ds);
    expect(s.arrays.map((a) => a.name)).toEqual(['b', 'a']);
    expect(previewTable([s])).toEqual({
      header: ['b', 'a'],
      rows: [
        ['1', '2'],
        ['3', '4'],
      ],
      samples: 2,
    });
  });

  it('summarises the two-tower sample', () => {
    const s = summarizeDataset(builtinDatasets['two-tower-sample']);
    const table = previewTable([s]);
    expect(table.header).toEqual(['x[0]', 'x[1]', 'y']);
    expect(table.rows).toHaveLength(10);
    expect(table.rows[0]).toEqual(['-0.8464', '-0.3152', '-0.9018']);
    expect(s.thumbnails).toEqual([]);
  });

  it('draws thumbnails of uint8 images on the 0…255 scale and of others min-to-max', () => {
    const images = t(
      [40, 4, 4],
      Array.from({ length: 640 }, (_, i) => (i % 16) * 10),
    );
    const s = summarizeDataset({
      name: 'i',
      source: 'i.idx',
      arrays: {
        images,
        f: t(
          [40, 4, 4],
          Array.from({ length: 640 }, (_, i) => (i % 16) / 15),
        ),
      },
      dtypes: { images: 'uint8', f: 'float32' },
    });
    expect(s.thumbnails.map((th) => [th.array, th.count])).toEqual([
      ['images', 32],
      ['f', 32],
    ]);
    expect(s.thumbnails[0].rgba[4 * 15]).toBe(150);
    expect(s.thumbnails[1].rgba[4 * 15]).toBe(255);
  });

  it('puts several summaries side by side, padding shorter ones', () => {
    const a = summarizeDataset({ name: 'a', source: 'a', arrays: { p: t([3], [1, 2, 3]) } });
    const b = summarizeDataset({ name: 'b', source: 'b', arrays: { q: t([1], [9]) } });
    expect(previewTable([a, b], 2)).toEqual({
      header: ['p', 'q'],
      rows: [
        ['1', '9'],
        ['2', ''],
      ],
      samples: 3,
    });
  });
});
