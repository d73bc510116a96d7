// Dataset readers (engine/data) on arbitrary bytes, mutated valid files and structured garbage:
// only success or a LoomError, quickly, and no allocation from a declared size alone.
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { csvToDataset, parseCsv } from '../data/csv.ts';
import { readDatasetFile } from '../data/index.ts';
import { readIdx, writeIdx } from '../data/idx.ts';
import { readNpy, writeNpy } from '../data/npy.ts';
import { readNpz, writeNpz } from '../data/npz.ts';
import { isLoomError } from '../errors.ts';
import {
  consistent,
  expectSomeErrors,
  mutated,
  newOutcomes,
  onlyLoomErrors,
  settings,
} from './harness.ts';

const tensor = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
  .chain((shape) =>
    fc
      .float32Array({
        minLength: shape.reduce((a, b) => a * b, 1),
        maxLength: shape.reduce((a, b) => a * b, 1),
      })
      .map((data) => ({ shape, data })),
  );

const ascii = (s: string) => new TextEncoder().encode(s);

/** A .npy file with `header` as its dict (padded like numpy) and `data` after it. */
function npyWith(header: string, data = new Uint8Array(0)): Uint8Array {
  const h = ascii(header + '\n');
  const out = new Uint8Array(10 + h.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, h.length, true);
  out.set(h, 10);
  out.set(data, 10 + h.length);
  return out;
}

describe('fuzz: .npy', () => {
  it('arbitrary bytes, with and without the magic', () => {
    const out = newOutcomes();
    const magic = fc
      .uint8Array({ maxLength: 120 })
      .map((b) => new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, ...b]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), magic), (b) =>
        onlyLoomErrors(() => consistent(readNpy(b)), out),
      ),
      settings(400),
    );
    expectSomeErrors(out);
  });

  it('mutated valid files', () => {
    const out = newOutcomes();
    const files = tensor.chain((t) => mutated(writeNpy(t)));
    fc.assert(
      fc.property(files, (b) => onlyLoomErrors(() => consistent(readNpy(b)), out)),
      settings(400),
    );
    expectSomeErrors(out);
  });

  it('structured headers: any descr, order and shape', () => {
    const out = newOutcomes();
    const dim = fc.oneof(
      fc.nat(5),
      fc.constant('9'.repeat(400)),
      fc.constantFrom(2 ** 31, 2 ** 53, 1e12, 10 ** 30),
      fc.integer({ min: -3, max: -1 }),
    );
    const header = fc
      .record({
        descr: fc.constantFrom(
          "'<f4'",
          "'>f8'",
          "'|u1'",
          "'<i8'",
          "'|b1'",
          "'O'",
          "'<c16'",
          "'<U3'",
          "[('a', '<f4')]",
          '1',
          "'<f4",
        ),
        fortran: fc.constantFrom('False', 'True', '0', "'x'"),
        shape: fc
          .array(dim, { maxLength: 3 })
          .map((s) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`),
        extra: fc.constantFrom('', ", 'x': 1", ", 'shape': ()", ' }}', '\\'),
      })
      .map(
        (h) =>
          `{'descr': ${h.descr}, 'fortran_order': ${h.fortran}, 'shape': ${h.shape}${h.extra}, }`,
      );
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 64 }), (h, data) =>
        onlyLoomErrors(() => consistent(readNpy(npyWith(h, data))), out),
      ),
      settings(400),
    );
    expectSomeErrors(out);
  });

  it('refuses a header declaring shape (1e12,) before allocating', () => {
    const t0 = performance.now();
    expect(() =>
      readNpy(npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000000,), }")),
    ).toThrow(/truncated/);
    expect(() =>
      readNpy(
        npyWith("{'descr': '<f8', 'fortran_order': True, 'shape': (4294967296, 4294967296), }"),
      ),
    ).toThrow(/truncated/);
    // A dimension too long for a double once read as shape [0, Infinity] with 0 values.
    const endless = `{'descr': '<f4', 'fortran_order': False, 'shape': (0, ${'9'.repeat(400)}), }`;
    expect(() => readNpy(npyWith(endless))).toThrow(/not a tuple of non-negative integers/);
    expect(performance.now() - t0).toBeLessThan(100);
  });
});

/** A copy of a one-entry zip whose central directory declares `size` uncompressed bytes. */
function withDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++)
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  return out;
}

describe('fuzz: .npz', () => {
  it('mutated valid archives (stored and deflated)', () => {
    const out = newOutcomes();
    const files = fc
      .tuple(tensor, tensor, fc.boolean())
      .chain(([a, b, compress]) => mutated(writeNpz({ a, 'w/b': b }, { compress }), 3));
    fc.assert(
      fc.property(files, (b) =>
        onlyLoomErrors(() => Object.values(readNpz(b).arrays).forEach(consistent), out),
      ),
      settings(300),
    );
    expectSomeErrors(out);
  });

  it('refuses an entry declaring far more bytes than its data can inflate to, before inflating', () => {
    for (const compress of [true, false]) {
      const zip = withDeclaredSize(
        writeNpz({ a: { shape: [2], data: new Float32Array(2) } }, { compress }),
        2 ** 31 - 1,
      );
      const t0 = performance.now();
      expect(() => readNpz(zip)).toThrow(/declares 2147483647 bytes/);
      expect(performance.now() - t0).toBeLessThan(200);
    }
  });

  it('arbitrary bytes behind a zip signature', () => {
    const out = newOutcomes();
    const files = fc
      .uint8Array({ maxLength: 200 })
      .map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b]));
    fc.assert(
      fc.property(files, (b) =>
        onlyLoomErrors(() => Object.values(readNpz(b).arrays).forEach(consistent), out),
      ),
      settings(300),
    );
    expectSomeErrors(out);
  });
});

describe('fuzz: IDX', () => {
  it('arbitrary headers and data, raw and gzipped', () => {
    const out = newOutcomes();
    const header = fc
      .tuple(
        fc.constantFrom(0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x07),
        fc.array(fc.oneof(fc.nat(4), fc.constant(0xffffffff)), { maxLength: 4 }),
        fc.uint8Array({ maxLength: 40 }),
      )
      .map(([code, dims, data]) => {
        const b = new Uint8Array(4 + dims.length * 4 + data.length);
        b[2] = code;
        b[3] = dims.length;
        dims.forEach((d, i) => new DataView(b.buffer).setUint32(4 + 4 * i, d));
        b.set(data, 4 + dims.length * 4);
        return b;
      });
    const files = fc.oneof(
      header,
      header.map((b) => gzipSync(b)),
      fc.uint8Array({ maxLength: 60 }),
    );
    fc.assert(
      fc.property(files, (b) => onlyLoomErrors(() => consistent(readIdx(b)), out)),
      settings(400),
    );
    expectSomeErrors(out);
  });

  it('mutated valid files, raw and gzipped', () => {
    const out = newOutcomes();
    const ubyte = fc
      .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
      .map((shape) => {
        const n = shape.reduce((a, b) => a * b, 1);
        return writeIdx({ shape, data: Float32Array.from({ length: n }, (_, i) => i % 256) });
      });
    const files = fc.oneof(
      ubyte.chain((b) => mutated(b)),
      ubyte.chain((b) => mutated(gzipSync(b))),
    );
    fc.assert(
      fc.property(files, (b) => onlyLoomErrors(() => consistent(readIdx(b)), out)),
      settings(300),
    );
    expectSomeErrors(out);
  });

  it('refuses a gzip trailer declaring more than its data can inflate to, before inflating', () => {
    const gz = gzipSync(new Uint8Array(10));
    new DataView(gz.buffer).setUint32(gz.length - 4, 2 ** 31 - 1, true);
    expect(() => readIdx(gz)).toThrow(/declares 2147483647 uncompressed bytes, more than its/);
  });

  it('refuses a gzip trailer declaring 4 GiB before inflating', () => {
    const gz = gzipSync(new Uint8Array(10));
    new DataView(gz.buffer).setUint32(gz.length - 4, 0xffffffff, true);
    expect(() => readIdx(gz)).toThrow(/declares 4294967295/);
  });
});

describe('fuzz: CSV', () => {
  const csvChar = fc.constantFrom(
    ',',
    ';',
    '\t',
    '"',
    '\n',
    '\r',
    ' ',
    '1',
    '2.5',
    '-',
    'e',
    'x',
    'NaN',
    '\uFEFF',
    'é',
  );
  const csvText = fc.array(csvChar, { maxLength: 80 }).map((cs) => cs.join(''));

  it('structured garbage text', () => {
    const out = newOutcomes();
    fc.assert(
      fc.property(fc.oneof(csvText, fc.string({ maxLength: 80 })), (t) => {
        onlyLoomErrors(() => parseCsv(t, 'x.csv'), out);
        onlyLoomErrors(() => csvToDataset(t, 'x.csv'), out);
      }),
      settings(500),
    );
    expectSomeErrors(out);
  });

  it('mutated valid files through readDatasetFile', () => {
    const out = newOutcomes();
    const valid = ascii('Hours,Scores\n1.5,20\n2,"30"\n3.25,41\n');
    fc.assert(
      fc.property(mutated(valid), (b) => onlyLoomErrors(() => readDatasetFile('s.csv', b), out)),
      settings(400),
    );
    expectSomeErrors(out);
  });
});

describe('fuzz: readDatasetFile picks a reader by name or bytes', () => {
  it('any name, any bytes', () => {
    const out = newOutcomes();
    const name = fc.constantFrom(
      'a.csv',
      'a.npy',
      'a.npz',
      'a.idx',
      'a.gz',
      'a.npy.gz',
      'a',
      'a.bin',
    );
    fc.assert(
      fc.property(name, fc.uint8Array({ maxLength: 80 }), (n, b) =>
        onlyLoomErrors(() => readDatasetFile(n, b), out),
      ),
      settings(400),
    );
    expectSomeErrors(out);
    expect(isLoomError(new Error('x'))).toBe(false);
  });
});
