// NumPy .npy files (numpy/lib/format.py): versions 1.0, 2.0 and 3.0, numeric and bool dtypes in
// either byte order, C or Fortran order. The header is a Python dict literal, read here by a
// tiny strict parser — never evaluated. Values become float32; the original dtype name is kept.
import { LoomError } from '../errors.ts';
import type { Where } from '../errors.ts';
import { sizeOf } from '../tensor.ts';
import type { Shape, TensorData } from '../tensor.ts';
import type { TypedArrayData } from './dataset.ts';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** numpy refuses longer headers by default (max_header_size) as a guard against hostile files. */
export const MAX_NPY_HEADER = 10_000;
const ARRAY_ALIGN = 64;
/** numpy pads the header so the first axis can grow in place to this many digits. */
const GROWTH_AXIS_MAX_DIGITS = 21;

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface DtypeInfo {
  name: string;
  size: number;
  read: (v: DataView, offset: number, little: boolean) => number;
}

const DTYPES: Record<string, DtypeInfo> = {
  f2: { name: 'float16', size: 2, read: (v, o, le) => halfToFloat(v.getUint16(o, le)) },
  f4: { name: 'float32', size: 4, read: (v, o, le) => v.getFloat32(o, le) },
  f8: { name: 'float64', size: 8, read: (v, o, le) => v.getFloat64(o, le) },
  i1: { name: 'int8', size: 1, read: (v, o) => v.getInt8(o) },
  i2: { name: 'int16', size: 2, read: (v, o, le) => v.getInt16(o, le) },
  i4: { name: 'int32', size: 4, read: (v, o, le) => v.getInt32(o, le) },
  i8: { name: 'int64', size: 8, read: (v, o, le) => Number(v.getBigInt64(o, le)) },
  u1: { name: 'uint8', size: 1, read: (v, o) => v.getUint8(o) },
  u2: { name: 'uint16', size: 2, read: (v, o, le) => v.getUint16(o, le) },
  u4: { name: 'uint32', size: 4, read: (v, o, le) => v.getUint32(o, le) },
  u8: { name: 'uint64', size: 8, read: (v, o, le) => Number(v.getBigUint64(o, le)) },
  b1: { name: 'bool', size: 1, read: (v, o) => (v.getUint8(o) !== 0 ? 1 : 0) },
};

/** IEEE 754 half precision bits → number. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

// ---- the header: a Python literal of dicts, tuples, lists, strings, ints and booleans ----------

type PyValue =
  | { kind: 'str'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'tuple' | 'list'; items: PyValue[] }
  | { kind: 'dict'; entries: [PyValue, PyValue][] };

/** Parses the Python literal subset numpy writes in headers; throws a plain Error on anything else. */
function parsePyLiteral(src: string): PyValue {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at character ${i}`);
  };
  const skip = (): void => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const eat = (c: string): boolean => {
    skip();
    if (src[i] !== c) return false;
    i++;
    return true;
  };
  // Items up to `close`, allowing a trailing comma; `pair` parses one item.
  const seq = <T>(close: string, item: () => T): { items: T[]; comma: boolean } => {
    const items: T[] = [];
    let comma = false;
    while (!eat(close)) {
      if (items.length > 0 && !comma) fail(`expected ',' or '${close}'`);
      items.push(item());
      comma = eat(',');
    }
    return { items, comma };
  };
  const value = (): PyValue => {
    skip();
    const c = src[i];
    if (c === '{') {
      i++;
      const entries = seq('}', (): [PyValue, PyValue] => {
        const k = value();
        if (!eat(':')) fail("expected ':'");
        return [k, value()];
      }).items;
      return { kind: 'dict', entries };
    }
    if (c === '(') {
      i++;
      const { items, comma } = seq(')', value);
      // "(x)" is just x in Python; a tuple needs a comma unless it is empty.
      return items.length === 1 && !comma ? items[0] : { kind: 'tuple', items };
    }
    if (c === '[') {
      i++;
      return { kind: 'list', items: seq(']', value).items };
    }
    if (c === "'" || c === '"') {
      i++;
      let s = '';
      while (src[i] !== c) {
        if (i >= src.length) fail('unterminated string');
        if (src[i] === '\\') {
          const e = src[i + 1];
          if (e !== '\\' && e !== "'" && e !== '"') fail('unsupported escape in string');
          s += e;
          i += 2;
        } else s += src[i++];
      }
      i++;
      return { kind: 'str', value: s };
    }
    const word = /^(-?\d+)[lL]?|^(True|False|None)\b/.exec(src.slice(i));
    if (!word) return fail('unexpected text');
    i += word[0].length;
    if (word[1] !== undefined) return { kind: 'int', value: Number(word[1]) };
    if (word[2] === 'None') return { kind: 'none' };
    return { kind: 'bool', value: word[2] === 'True' };
  };
  const v = value();
  skip();
  if (i < src.length) fail('unexpected text after the header dict');
  return v;
}

interface NpyHeader {
  dtype: DtypeInfo;
  little: boolean;
  fortran: boolean;
  shape: number[];
}

/** Validates the parsed header dict: exactly descr, fortran_order and shape, with sane values. */
function interpretHeader(h: PyValue, bad: (what: string, fix?: string) => never): NpyHeader {
  if (h.kind !== 'dict') return bad('the header is not a dict');
  const fields = new Map<string, PyValue>();
  for (const [k, v] of h.entries) {
    if (k.kind !== 'str') return bad('the header has a key that is not a string');
    if (fields.has(k.value)) return bad(`the header repeats the key '${k.value}'`);
    fields.set(k.value, v);
  }
  const keys = [...fields.keys()].sort().join(', ');
  if (keys !== 'descr, fortran_order, shape')
    return bad(`the header has the keys {${keys}}, expected {descr, fortran_order, shape}`);
  const descr = fields.get('descr')!;
  const fortran = fields.get('fortran_order')!;
  const shape = fields.get('shape')!;
  if (descr.kind === 'list')
    return bad(
      'structured arrays (records with named fields) are not supported',
      'Save each field as its own array, e.g. np.savez(f, **{n: a[n] for n in a.dtype.names}).',
    );
  if (descr.kind !== 'str') return bad("the header's 'descr' is not a string");
  if (fortran.kind !== 'bool') return bad("the header's 'fortran_order' is not True or False");
  // Safe integers only: a dimension too long for a double (Infinity) would make the size NaN.
  if (
    shape.kind !== 'tuple' ||
    shape.items.some((d) => d.kind !== 'int' || d.value < 0 || !Number.isSafeInteger(d.value))
  )
    return bad("the header's 'shape' is not a tuple of non-negative integers");
  const m = /^([<>|=]?)([a-zA-Z?])(\d*)$/.exec(descr.value);
  const kind = m?.[2];
  if (kind === 'O')
    return bad(
      "object arrays (dtype 'O') hold Python objects and cannot be read safely",
      "Save a numeric array instead, e.g. np.save(f, a.astype('float32')).",
    );
  const dtype = m
    ? DTYPES[(kind === '?' ? 'b' : kind) + (m[3] || (kind === '?' ? '1' : ''))]
    : undefined;
  if (!m || !dtype)
    return bad(
      `the dtype '${descr.value}' is not supported (only float, int, uint and bool)`,
      "Convert the array to numbers first, e.g. np.save(f, a.astype('float32')).",
    );
  return {
    dtype,
    little: m[1] !== '>',
    fortran: fortran.value,
    shape: shape.items.map((d) => (d as { value: number }).value),
  };
}

/** Row-major copy of data stored in Fortran (column-major) order. */
function fortranToC(src: Float32Array, shape: Shape): Float32Array<ArrayBuffer> {
  const nd = shape.length;
  const out = new Float32Array(src.length);
  if (nd < 2) {
    out.set(src);
    return out;
  }
  const fStride = new Array<number>(nd);
  let acc = 1;
  for (let d = 0; d < nd; d++) {
    fStride[d] = acc;
    acc *= shape[d];
  }
  const idx = new Array<number>(nd).fill(0);
  let f = 0;
  for (let c = 0; c < out.length; c++) {
    out[c] = src[f];
    // Increment the C-order multi-index (last axis fastest), tracking the Fortran offset.
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) {
        f += fStride[d];
        break;
      }
      f -= (shape[d] - 1) * fStride[d];
      idx[d] = 0;
    }
  }
  return out;
}

/** Reads a .npy file into float32; `file` (and `array` inside an .npz) locate errors. */
export function readNpy(bytes: Uint8Array, file = 'array.npy', array?: string): TypedArrayData {
  const at = (offset?: number): Where =>
    array === undefined ? { file, offset } : { file, array, offset };
  const bad = (
    what: string,
    offset?: number,
    fix = 'Save the file again with numpy.save.',
  ): never => {
    throw new LoomError('data/npy', what, at(offset), fix);
  };
  if (bytes.length < 10 || MAGIC.some((b, k) => bytes[k] !== b)) {
    const found = Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(
      ' ',
    );
    bad(
      `not a .npy file: it starts with ${found || 'nothing'}, expected 93 4e 55 4d 50 59 ("\\x93NUMPY")`,
      0,
    );
  }
  const major = bytes[6];
  const minor = bytes[7];
  if (major < 1 || major > 3 || minor !== 0)
    bad(`unsupported .npy format version ${major}.${minor} (1.0, 2.0 and 3.0 are supported)`, 6);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenSize) bad('the header length is truncated', 8);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLen > MAX_NPY_HEADER)
    bad(`the header is ${headerLen} bytes, more than the ${MAX_NPY_HEADER}-byte limit`, 8);
  const start = 8 + lenSize;
  const dataStart = start + headerLen;
  if (bytes.length < dataStart)
    bad(`the file is truncated inside the header (${bytes.length} of ${dataStart} bytes)`, start);
  const raw = bytes.subarray(start, dataStart);
  let text: string;
  try {
    text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1', { fatal: true }).decode(raw);
  } catch {
    return bad('the header is not valid UTF-8', start);
  }
  let literal: PyValue;
  try {
    literal = parsePyLiteral(text);
  } catch (e) {
    return bad(`the header is not a valid dict literal: ${(e as Error).message}`, start);
  }
  const header = interpretHeader(literal, (what, fix) => bad(what, start, fix));
  const count = sizeOf(header.shape);
  const expected = count * header.dtype.size;
  const actual = bytes.length - dataStart;
  if (actual < expected)
    bad(
      `the data is truncated: shape (${header.shape.join(', ')}) of ${header.dtype.name} needs ${expected} bytes, the file has ${actual}`,
      dataStart,
      'Download or copy the file again; it was cut off.',
    );
  if (actual > expected)
    bad(
      `${actual - expected} unexpected bytes after the data: shape (${header.shape.join(', ')}) of ${header.dtype.name} needs ${expected} bytes, the file has ${actual}`,
      dataStart + expected,
    );
  let data = new Float32Array(count);
  if (
    header.dtype.size === 4 &&
    header.dtype.name === 'float32' &&
    header.little &&
    LITTLE_ENDIAN_HOST
  )
    // A byte copy keeps every bit (NaN payloads included), so float32 files round-trip exactly.
    new Uint8Array(data.buffer).set(bytes.subarray(dataStart, dataStart + expected));
  else if (header.dtype.name === 'uint8') data.set(bytes.subarray(dataStart, dataStart + expected));
  else {
    const { read, size } = header.dtype;
    for (let k = 0, o = dataStart; k < count; k++, o += size)
      data[k] = read(view, o, header.little);
  }
  if (header.fortran) data = fortranToC(data, header.shape);
  return { shape: header.shape, data, dtype: header.dtype.name };
}

/** Python's repr of a shape tuple: "()", "(3,)", "(2, 3)". */
function shapeRepr(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Writes a float32 tensor as a version 1.0 '<f4' .npy file, byte for byte as numpy.save does. */
export function writeNpy(t: TensorData): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeRepr(t.shape)}, }`;
  if (t.shape.length > 0) header += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(t.shape[0]).length);
  const hlen = header.length + 1;
  // Like numpy: pad so magic + version + length + header is a multiple of 64 (padding is 1..64).
  const pad = ARRAY_ALIGN - ((10 + hlen) % ARRAY_ALIGN);
  const text = header + ' '.repeat(pad) + '\n';
  const dataStart = 10 + text.length;
  const out = new Uint8Array(dataStart + t.data.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, text.length, true);
  for (let k = 0; k < text.length; k++) out[10 + k] = text.charCodeAt(k);
  if (LITTLE_ENDIAN_HOST)
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), dataStart);
  else for (let k = 0; k < t.data.length; k++) view.setFloat32(dataStart + 4 * k, t.data[k], true);
  return out;
}
