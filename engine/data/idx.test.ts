import { gzipSync } from 'fflate';
import { describe, it, expect } from 'vitest';
import { LoomError } from '../errors.ts';
import { readIdx, readIdxDataset, writeIdx } from './idx.ts';

function loomError(fn: () => unknown): LoomError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoomError) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

const bytes = (...b: number[]) => Uint8Array.from(b);

// A 2×2×3 MNIST-style ubyte image file: magic 00 00 08 03, dims 2, 2, 3 (big-endian), 12 pixels.
// prettier-ignore
const IMAGES = bytes(
  0, 0, 8, 3,
  0, 0, 0, 2,
  0, 0, 0, 2,
  0, 0, 0, 3,
  0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255,
);
// A labels file: 00 00 08 01, 3 labels.
const LABELS = bytes(0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1);

describe('readIdx', () => {
  it('reads an image file in row-major order', () => {
    const a = readIdx(IMAGES, 'train-images-idx3-ubyte');
    expect(a.shape).toEqual([2, 2, 3]);
    expect(Array.from(a.data)).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
    expect(a.dtype).toBe('uint8');
  });

  it('reads every IDX type big-endian', () => {
    // 0x09 byte: ff = -1, 7f = 127
    expect(Array.from(readIdx(bytes(0, 0, 9, 1, 0, 0, 0, 2, 0xff, 0x7f)).data)).toEqual([-1, 127]);
    // 0x0B short: fe d4 = -300
    const short = readIdx(bytes(0, 0, 0x0b, 1, 0, 0, 0, 1, 0xfe, 0xd4));
    expect([...short.data, short.dtype]).toEqual([-300, 'int16']);
    // 0x0C int: ff ff ff ff = -1, 00 01 00 00 = 65536
    const int = readIdx(bytes(0, 0, 0x0c, 1, 0, 0, 0, 2, 255, 255, 255, 255, 0, 1, 0, 0));
    expect(Array.from(int.data)).toEqual([-1, 65536]);
    // 0x0D float: 3f c0 00 00 = 1.5
    const float = readIdx(bytes(0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0));
    expect([...float.data, float.dtype]).toEqual([1.5, 'float32']);
    // 0x0E double: c0 04 00 … = -2.5
    const double = readIdx(bytes(0, 0, 0x0e, 1, 0, 0, 0, 1, 0xc0, 0x04, 0, 0, 0, 0, 0, 0));
    expect([...double.data, double.dtype]).toEqual([-2.5, 'float64']);
  });

  it('inflates gzipped files', () => {
    const a = readIdx(gzipSync(LABELS), 'train-labels-idx1-ubyte.gz');
    expect(a.shape).toEqual([3]);
    expect(Array.from(a.data)).toEqual([7, 2, 1]);
  });

  it('shows the bytes found when the magic is wrong', () => {
    const zip = bytes(0x50, 0x4b, 3, 4, 0, 0, 0, 0);
    const e = loomError(() => readIdx(zip, 'x.idx'));
    expect(e.code).toBe('data/idx');
    expect(e.what).toContain('starts with 50 4b 03 04');
    expect(e.what).toContain('00 00 <type: 08, 09, 0b, 0c, 0d or 0e> <number of dimensions>');
    expect(e.where).toEqual({ file: 'x.idx', offset: 0 });
    expect(loomError(() => readIdx(bytes(0, 0, 0x07, 1, 0, 0, 0, 0))).what).toContain(
      'starts with 00 00 07 01',
    );
    expect(loomError(() => readIdx(bytes(0, 0))).what).toContain('starts with 00 00,');
  });

  it('reports a data size that does not match the dimensions, with both numbers', () => {
    const short = loomError(() => readIdx(IMAGES.subarray(0, IMAGES.length - 2), 'cut-ubyte'));
    expect(short.code).toBe('data/idx');
    expect(short.what).toContain('[2, 2, 3] of ubyte need 12 bytes of data, the file has 10');
    expect(short.where).toEqual({ file: 'cut-ubyte', offset: 16 });
    const long = loomError(() => readIdx(bytes(...LABELS, 9, 9), 'l-ubyte'));
    expect(long.what).toContain('need 3 bytes of data, the file has 5');
    const floats = loomError(() => readIdx(bytes(0, 0, 0x0d, 1, 0, 0, 0, 2, 0, 0, 0, 0)));
    expect(floats.what).toContain('need 8 bytes of data, the file has 4');
  });

  it('reports a truncated header', () => {
    const e = loomError(() => readIdx(bytes(0, 0, 8, 3, 0, 0, 0, 2), 'h-ubyte'));
    expect(e.what).toContain('3 dimensions need 16 header bytes, the file has 8');
  });
});

describe('writeIdx', () => {
  it('writes the IDX layout byte for byte', () => {
    const t = {
      shape: [2, 2, 3],
      data: Float32Array.from([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]),
    };
    expect(writeIdx(t, 'ubyte')).toEqual(IMAGES);
    expect(writeIdx({ shape: [1], data: Float32Array.from([1.5]) }, 'float')).toEqual(
      bytes(0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0),
    );
  });

  it('round-trips float and ubyte data bit-identically, plain and gzipped', () => {
    const bits = Uint32Array.from([
      0x80000000, 0x00000001, 0x7f7fffff, 0xbeaaaaab, 0x3f800000, 0xff800000,
    ]);
    const t = { shape: [3, 2], data: new Float32Array(bits.buffer) };
    for (const file of [writeIdx(t, 'float'), gzipSync(writeIdx(t, 'float'))]) {
      const back = readIdx(file);
      expect(back.shape).toEqual([3, 2]);
      expect(Array.from(new Uint32Array(back.data.buffer))).toEqual(Array.from(bits));
    }
    const u = { shape: [4], data: Float32Array.from([0, 9, 128, 255]) };
    expect(readIdx(gzipSync(writeIdx(u, 'ubyte'))).data).toEqual(u.data);
  });

  it('refuses values a ubyte cannot hold', () => {
    const e = loomError(() => writeIdx({ shape: [3], data: Float32Array.from([1, 0.5, 2]) }));
    expect(e.code).toBe('data/idx');
    expect(e.what).toContain('value 0.5 at flat index 1');
    expect(
      loomError(() => writeIdx({ shape: [1], data: Float32Array.from([256]) })).what,
    ).toContain('0..255');
  });
});

describe('readIdxDataset', () => {
  it("names 1-D files 'labels' and others 'images'", () => {
    const images = readIdxDataset(IMAGES, 'mnist/train-images-idx3-ubyte');
    expect(images.name).toBe('train-images-idx3-ubyte');
    expect(Object.keys(images.arrays)).toEqual(['images']);
    expect(images.dtypes).toEqual({ images: 'uint8' });
    const labels = readIdxDataset(LABELS, 't10k-labels.idx1-ubyte');
    expect(labels.name).toBe('t10k-labels');
    expect(labels.arrays.labels.shape).toEqual([3]);
  });
});
