import { describe, it, expect } from 'vitest';
import { LoomError } from '../errors.ts';
import { readNpy, writeNpy } from './npy.ts';

function loomError(fn: () => unknown): LoomError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoomError) return e;
    throw e;
  }
  throw new Error('expected a LoomError');
}

const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g)!, (b) => parseInt(b, 16));
const toHex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

// Files written by numpy 2.4 (np.save / numpy.lib.format.write_array), as hex.
const NP = {
  // np.asfortranarray(np.array([[1,2,3],[4,5,6]], dtype='>f8'))
  f8BigFortran:
    '934e554d5059010076007b276465736372273a20273e6638272c2027666f727472616e5f6f72646572273a20547275652c20277368617065273a2028322c2033292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a3ff000000000000040100000000000004000000000000000401400000000000040080000000000004018000000000000',
  // np.array([-1, 0, 5, 2**40], dtype='<i8')
  i8: '934e554d5059010076007b276465736372273a20273c6938272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028342c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200affffffffffffffff000000000000000005000000000000000000000000010000',
  // np.array([[0, 255], [7, 128]], dtype='u1')
  u1: '934e554d5059010076007b276465736372273a20277c7531272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2032292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a00ff0780',
  // np.array([True, False, True])
  b1: '934e554d5059010076007b276465736372273a20277c6231272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a010001',
  // np.array([1.5, -0.25, 65504], dtype='<f2')
  f2: '934e554d5059010076007b276465736372273a20273c6632272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a003e00b4ff7b',
  // np.array([-300, 2], dtype='>i2')
  i2Big:
    '934e554d5059010076007b276465736372273a20273e6932272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200afed40002',
  // np.array([4000000000], dtype='<u4')
  u4: '934e554d5059010076007b276465736372273a20273c7534272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028312c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a00286bee',
  // version 2.0: np.array([[1.25], [2.5]], dtype='<f4')
  v2: '934e554d50590200740000007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2031292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a0000a03f00002040',
  // version 3.0 (UTF-8 header): np.array([3, 4], dtype='<i4')
  v3: '934e554d50590300740000007b276465736372273a20273c6934272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a0300000004000000',
  // np.arange(6, dtype='<f4').reshape(2, 3) / 4
  f4x23:
    '934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000803e0000003f0000403f0000803f0000a03f',
  // np.asfortranarray(np.arange(24, dtype='<f4').reshape(2, 3, 4))
  f4Fortran3d:
    '934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a20547275652c20277368617065273a2028322c20332c2034292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a00000000000040410000804000008041000000410000a0410000803f000050410000a04000008841000010410000a84100000040000060410000c04000009041000020410000b04100004040000070410000e04000009841000030410000b841',
};

/** A version-1.0 .npy with an arbitrary header text (padded like numpy) and raw data bytes. */
function npyWith(header: string, data: ArrayLike<number> = [], version = 1): Uint8Array {
  const lenSize = version === 1 ? 2 : 4;
  let text = header;
  while ((8 + lenSize + text.length + 1) % 64 !== 0) text += ' ';
  text += '\n';
  const out = new Uint8Array(8 + lenSize + text.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  new DataView(out.buffer).setUint32(8, text.length, true);
  if (lenSize === 2) new DataView(out.buffer).setUint16(8, text.length, true);
  out.set(new TextEncoder().encode(text), 8 + lenSize);
  out.set(data, 8 + lenSize + text.length);
  return out;
}

describe('readNpy', () => {
  it('reads numpy files of every supported dtype', () => {
    const cases: [keyof typeof NP, number[], number[], string][] = [
      ['i8', [4], [-1, 0, 5, 2 ** 40], 'int64'],
      ['u1', [2, 2], [0, 255, 7, 128], 'uint8'],
      ['b1', [3], [1, 0, 1], 'bool'],
      ['f2', [3], [1.5, -0.25, 65504], 'float16'],
      ['i2Big', [2], [-300, 2], 'int16'],
      ['u4', [1], [4000000000], 'uint32'],
      ['v2', [2, 1], [1.25, 2.5], 'float32'],
      ['v3', [2], [3, 4], 'int32'],
      ['f4x23', [2, 3], [0, 0.25, 0.5, 0.75, 1, 1.25], 'float32'],
    ];
    for (const [key, shape, values, dtype] of cases) {
      const a = readNpy(hex(NP[key]), `${key}.npy`);
      expect(a.shape, key).toEqual(shape);
      expect(Array.from(a.data), key).toEqual(values);
      expect(a.dtype, key).toBe(dtype);
    }
  });

  it('reorders Fortran-order data to C order', () => {
    const a = readNpy(hex(NP.f8BigFortran));
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.dtype).toBe('float64');
    const b = readNpy(hex(NP.f4Fortran3d));
    expect(b.shape).toEqual([2, 3, 4]);
    expect(Array.from(b.data)).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it('reads a Python 2 header with long integers and a scalar shape', () => {
    const a = readNpy(
      npyWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }", [
        ...new Uint8Array(new Float64Array([0.5, -2]).buffer),
      ]),
    );
    expect(Array.from(a.data)).toEqual([0.5, -2]);
    const s = readNpy(npyWith("{'shape': (), 'descr': '|u1', 'fortran_order': False}", [9]));
    expect(s.shape).toEqual([]);
    expect(Array.from(s.data)).toEqual([9]);
  });

  it('reports truncated data with the expected and actual byte counts', () => {
    const full = hex(NP.f4x23);
    const e = loomError(() => readNpy(full.subarray(0, full.length - 3), 'cut.npy'));
    expect(e.code).toBe('data/npy');
    expect(e.what).toContain('needs 24 bytes, the file has 21');
    expect(e.where).toEqual({ file: 'cut.npy', offset: 128 });
  });

  it('reports trailing bytes after the data', () => {
    const full = hex(NP.u1);
    const longer = new Uint8Array(full.length + 2);
    longer.set(full);
    const e = loomError(() => readNpy(longer, 'long.npy'));
    expect(e.code).toBe('data/npy');
    expect(e.what).toContain('2 unexpected bytes');
    expect(e.where.offset).toBe(132);
  });

  it('rejects a file without the magic string', () => {
    const e = loomError(() => readNpy(new TextEncoder().encode('a,b\n1,2\n'), 'x.npy'));
    expect(e.code).toBe('data/npy');
    expect(e.what).toContain('61 2c 62 0a 31 2c');
    expect(e.where).toEqual({ file: 'x.npy', offset: 0 });
  });

  it('rejects unknown versions and oversized headers', () => {
    const v9 = hex(NP.u1);
    v9[6] = 9;
    expect(loomError(() => readNpy(v9)).what).toContain('version 9.0');
    const huge = hex(NP.v2);
    new DataView(huge.buffer).setUint32(8, 10_001, true);
    const e = loomError(() => readNpy(huge));
    expect(e.code).toBe('data/npy');
    expect(e.what).toContain('10001 bytes');
  });

  it('never evaluates the header and rejects anything but the three keys', () => {
    const bad: [string, string][] = [
      [
        "{'descr': __import__('os').system('x'), 'fortran_order': False, 'shape': ()}",
        'valid dict',
      ],
      ["{'descr': '<f4', 'shape': (1,)}", 'keys {descr, shape}'],
      ["{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", 'keys'],
      ["{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}", 'fortran_order'],
      ["{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}", 'non-negative'],
      ["{'descr': '<f4', 'fortran_order': False, 'shape': [1]}", 'tuple'],
      ["{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} x", 'after the header'],
      ["{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", 'repeats'],
    ];
    for (const [header, msg] of bad) {
      const e = loomError(() => readNpy(npyWith(header, [0, 0, 0, 0]), 'h.npy'));
      expect(e.code, header).toBe('data/npy');
      expect(e.what, header).toContain(msg);
      expect(e.where, header).toEqual({ file: 'h.npy', offset: 10 });
    }
  });

  it('refuses object, structured and non-numeric dtypes', () => {
    const obj = loomError(() =>
      readNpy(npyWith("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0])),
    );
    expect(obj.what).toContain("dtype 'O'");
    const rec = loomError(() =>
      readNpy(
        npyWith("{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }"),
      ),
    );
    expect(rec.what).toContain('structured');
    const str = loomError(() =>
      readNpy(npyWith("{'descr': '<U5', 'fortran_order': False, 'shape': (1,), }")),
    );
    expect(str.what).toContain("'<U5' is not supported");
  });
});

describe('writeNpy', () => {
  it('writes the same bytes as numpy.save', () => {
    const t = { shape: [2, 3], data: Float32Array.from([0, 0.25, 0.5, 0.75, 1, 1.25]) };
    expect(toHex(writeNpy(t))).toBe(NP.f4x23);
  });

  it('pads the header to 64 bytes and ends it with a newline', () => {
    for (const shape of [
      [],
      [5],
      [100000, 2],
      [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3],
    ]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const bytes = writeNpy({ shape, data: new Float32Array(n) });
      const hlen = bytes[8] | (bytes[9] << 8);
      expect((10 + hlen) % 64).toBe(0);
      expect(bytes[10 + hlen - 1]).toBe(0x0a);
      expect(bytes.length).toBe(10 + hlen + 4 * n);
    }
    const scalar = new TextDecoder().decode(writeNpy({ shape: [], data: new Float32Array(1) }));
    expect(scalar).toContain("'shape': (), }");
    const one = new TextDecoder().decode(writeNpy({ shape: [7], data: new Float32Array(7) }));
    expect(one).toContain("'shape': (7,), }");
  });

  it('round-trips bit-identically', () => {
    const bits = Uint32Array.from([
      0x00000000, 0x80000000, 0x3f800000, 0x00000001, 0x7f7fffff, 0xff800000, 0x7fc00000,
      0x7fa12345, 0xbeaaaaab, 0x4b800001, 0x12345678, 0xc0490fdb,
    ]);
    const t = { shape: [3, 2, 2], data: new Float32Array(bits.buffer) };
    const back = readNpy(writeNpy(t));
    expect(back.shape).toEqual([3, 2, 2]);
    expect(back.dtype).toBe('float32');
    expect(Array.from(new Uint32Array(back.data.buffer))).toEqual(Array.from(bits));
  });
});
