import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, it, expect } from 'vitest';
import { LoomError } from '../errors.ts';
import { MAX_NPZ_ENTRIES, readNpz, writeNpz } from './npz.ts';
import { writeNpy } from './npy.ts';

function loomError(fn: () => unknown): LoomError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoomError) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

const b64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

// np.savez(f, a=np.array([1, 2], dtype='<f4'), b=np.array([[1, 2, 3]], dtype='<i8')) from numpy
// 2.4: stored entries whose local headers carry zip64 size fields.
const NUMPY_SAVEZ =
  'UEsDBC0AAAAAAAAAIQCayqvn//////////8FABQAYS5ucHkBABAAiAAAAAAAAACIAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxmNCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAACAPwAAAEBQSwMELQAAAAAAAAAhAJXuRtz//////////wUAFABiLm5weQEAEACYAAAAAAAAAJgAAAAAAAAAk05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAAAAAAAAAIAAAAAAAAAAwAAAAAAAABQSwECLQMtAAAAAAAAACEAmsqr54gAAACIAAAABQAAAAAAAAAAAAAAgAEAAAAAYS5ucHlQSwECLQMtAAAAAAAAACEAle5G3JgAAACYAAAABQAAAAAAAAAAAAAAgAG/AAAAYi5ucHlQSwUGAAAAAAIAAgBmAAAAjgEAAAAA';
// np.savez_compressed(f, images=np.zeros((4, 3), dtype='u1'), labels=np.array([1, 0, 3, 2]))
const NUMPY_SAVEZ_COMPRESSED =
  'UEsDBC0AAAAIAAAAIQD8I06G//////////8KABQAaW1hZ2VzLm5weQEAEACMAAAAAAAAAEkAAAAAAAAAm+wX6hsQychQxlCtnpJanFykbqWgXlNqqK6joJ6WX1RSlJgXn1+UkgoSd0vMKU4FihdnJBakAvkaJjoKxpo6CrUKZAMuBiQAAFBLAwQtAAAACAAAACEAQTLnw///////////CgAUAGxhYmVscy5ucHkBABAAoAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GiY6mjoKtQoUAC5GBlTADKWZoDQAUEsBAi0DLQAAAAgAAAAhAPwjToZJAAAAjAAAAAoAAAAAAAAAAAAAAIABAAAAAGltYWdlcy5ucHlQSwECLQMtAAAACAAAACEAQTLnw00AAACgAAAACgAAAAAAAAAAAAAAgAGFAAAAbGFiZWxzLm5weVBLBQYAAAAAAgACAHAAAAAOAQAAAAA=';

const t = (shape: number[], values: number[]) => ({ shape, data: Float32Array.from(values) });

/** Offsets of every central-directory record (signature PK\x01\x02) in a zip. */
function centralRecords(zip: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++)
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2) out.push(i);
  return out;
}

describe('readNpz', () => {
  it('reads numpy.savez output (stored, zip64 local headers)', () => {
    const ds = readNpz(b64(NUMPY_SAVEZ), 'dir/pair.npz');
    expect(ds.name).toBe('pair');
    expect(ds.source).toBe('dir/pair.npz');
    expect(Object.keys(ds.arrays)).toEqual(['a', 'b']);
    expect(ds.arrays.a).toEqual(t([2], [1, 2]));
    expect(ds.arrays.b).toEqual(t([1, 3], [1, 2, 3]));
    expect(ds.dtypes).toEqual({ a: 'float32', b: 'int64' });
  });

  it('reads numpy.savez_compressed output (deflate)', () => {
    const ds = readNpz(b64(NUMPY_SAVEZ_COMPRESSED), 'mnist.npz');
    expect(ds.arrays.images).toEqual(t([4, 3], new Array(12).fill(0)));
    expect(ds.arrays.labels).toEqual(t([4], [1, 0, 3, 2]));
    expect(ds.dtypes).toEqual({ images: 'uint8', labels: 'int64' });
  });

  it('refuses an entry whose declared size is over the limit before inflating it', () => {
    const zip = writeNpz({ small: t([2], [1, 2]), big: t([3], [1, 2, 3]) }, { compress: true });
    // Claim 3.75 GiB uncompressed for 'big.npy' in the central directory (offset 24 of a record).
    const view = new DataView(zip.buffer);
    view.setUint32(centralRecords(zip)[1] + 24, 0xf0000000, true);
    const e = loomError(() => readNpz(zip, 'bomb.npz'));
    expect(e.code).toBe('data/npz');
    expect(e.where).toEqual({ file: 'bomb.npz', array: 'big.npy' });
    expect(e.what).toContain('4026531840 bytes');
  });

  it('refuses archives whose entries together exceed the size limit', () => {
    const zip = writeNpz({ a: t([10], new Array(10).fill(1)), b: t([10], new Array(10).fill(2)) });
    // Each entry is 128 + 40 = 168 bytes; together 336.
    const e = loomError(() => readNpz(zip, 'two.npz', { maxEntries: 10, maxBytes: 300 }));
    expect(e.where).toEqual({ file: 'two.npz', array: 'b.npy' });
    expect(e.what).toContain('336 bytes in total');
    const one = loomError(() => readNpz(zip, 'two.npz', { maxEntries: 10, maxBytes: 100 }));
    expect(one.where.array).toBe('a.npy');
    expect(one.what).toContain("'a.npy' declares 168 bytes");
  });

  it('refuses more than 10,000 entries', () => {
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_NPZ_ENTRIES; i++) entries[`e${i}.npy`] = new Uint8Array(0);
    const e = loomError(() => readNpz(zipSync(entries, { level: 0 }), 'many.npz'));
    expect(e.code).toBe('data/npz');
    expect(e.what).toContain('more than 10000 entries');
    expect(e.where).toEqual({ file: 'many.npz', array: 'e10000.npy' });
  });

  it('names a non-array entry, a damaged array and a non-zip file', () => {
    const withText = zipSync({ 'x.npy': writeNpy(t([1], [1])), 'notes.txt': new Uint8Array(3) });
    const e = loomError(() => readNpz(withText, 'n.npz'));
    expect(e.where).toEqual({ file: 'n.npz', array: 'notes.txt' });
    const broken = writeNpy(t([4], [1, 2, 3, 4])).subarray(0, 140);
    const npy = loomError(() => readNpz(zipSync({ 'w.npy': broken }), 'd.npz'));
    expect(npy.code).toBe('data/npy');
    expect(npy.where).toMatchObject({ file: 'd.npz', array: 'w.npy' });
    expect(npy.what).toContain('needs 16 bytes, the file has 12');
    const notZip = loomError(() => readNpz(new Uint8Array(100), 'z.npz'));
    expect(notZip.code).toBe('data/npz');
    expect(notZip.what).toContain('not a valid .npz');
    expect(loomError(() => readNpz(zipSync({}), 'empty.npz')).what).toContain('no .npy arrays');
  });

  it('skips folder entries and macOS resource forks', () => {
    const zip = zipSync({
      'x.npy': writeNpy(t([1], [5])),
      '__MACOSX/._x.npy': new Uint8Array(4),
      'sub/': new Uint8Array(0),
    });
    expect(Object.keys(readNpz(zip).arrays)).toEqual(['x']);
  });
});

describe('writeNpz', () => {
  const arrays = {
    x: t([2, 3], [0.1, -2, 3.5, 1e-30, -0, 7]),
    y: t([2, 1], [1, 0]),
  };

  it('round-trips bit-identically, stored and deflated', () => {
    for (const compress of [false, true]) {
      const ds = readNpz(writeNpz(arrays, { compress }));
      expect(Object.keys(ds.arrays)).toEqual(['x', 'y']);
      for (const k of ['x', 'y'] as const) {
        expect(ds.arrays[k].shape).toEqual(arrays[k].shape);
        expect(new Uint8Array(ds.arrays[k].data.buffer)).toEqual(
          new Uint8Array(arrays[k].data.buffer),
        );
      }
    }
  });

  it('stores one name.npy entry per array, each a numpy.save file, deterministically', () => {
    const zip = writeNpz(arrays);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['x.npy', 'y.npy']);
    expect(files['x.npy']).toEqual(writeNpy(arrays.x));
    // Method 0 (stored) in the first local header, as numpy.savez writes.
    expect(zip[8] | (zip[9] << 8)).toBe(0);
    expect(writeNpz(arrays)).toEqual(zip);
    const deflated = writeNpz(arrays, { compress: true });
    expect(deflated[8] | (deflated[9] << 8)).toBe(8);
  });

  const python = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  it.skipIf(python.status !== 0)('is loadable by numpy.load (when Python and numpy exist)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npz-'));
    try {
      for (const compress of [false, true]) {
        const path = join(dir, `a${compress ? 'c' : ''}.npz`);
        writeFileSync(path, writeNpz(arrays, { compress }));
        const r = spawnSync(
          'python3',
          [
            '-c',
            'import sys, numpy as np; d = np.load(sys.argv[1]); ' +
              'print(sorted(d.files), d["x"].dtype, d["x"].shape, d["x"].tolist()[0][:3], d["y"].ravel().tolist())',
            path,
          ],
          { encoding: 'utf8' },
        );
        expect(r.stderr).toBe('');
        expect(r.stdout.trim()).toBe(
          "['x', 'y'] float32 (2, 3) [0.10000000149011612, -2.0, 3.5] [1.0, 0.0]",
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
