// IDX files (the MNIST format): 00 00 <dtype code> <ndim>, then ndim big-endian uint32 dims, then
// the values in big-endian row-major order. Gzipped files (1f 8b) are inflated first.
import { LoomError } from '../errors.ts';
import { sizeOf, showShape } from '../tensor.ts';
import type { TensorData } from '../tensor.ts';
import { fileStem, gunzipChecked, isGzip } from './dataset.ts';
import type { Dataset, TypedArrayData } from './dataset.ts';

/** The element types IDX defines. */
export type IdxDtype = 'ubyte' | 'byte' | 'short' | 'int' | 'float' | 'double';

interface IdxType {
  dtype: IdxDtype;
  code: number;
  /** NumPy spelling, shown in the UI. */
  numpy: string;
  size: number;
  read: (v: DataView, o: number) => number;
  write: (v: DataView, o: number, x: number) => void;
  /** Integer types: the representable range. */
  range?: [number, number];
}

const TYPES: IdxType[] = [
  {
    dtype: 'ubyte',
    code: 0x08,
    numpy: 'uint8',
    size: 1,
    read: (v, o) => v.getUint8(o),
    write: (v, o, x) => v.setUint8(o, x),
    range: [0, 255],
  },
  {
    dtype: 'byte',
    code: 0x09,
    numpy: 'int8',
    size: 1,
    read: (v, o) => v.getInt8(o),
    write: (v, o, x) => v.setInt8(o, x),
    range: [-128, 127],
  },
  {
    dtype: 'short',
    code: 0x0b,
    numpy: 'int16',
    size: 2,
    read: (v, o) => v.getInt16(o),
    write: (v, o, x) => v.setInt16(o, x),
    range: [-32768, 32767],
  },
  {
    dtype: 'int',
    code: 0x0c,
    numpy: 'int32',
    size: 4,
    read: (v, o) => v.getInt32(o),
    write: (v, o, x) => v.setInt32(o, x),
    range: [-2147483648, 2147483647],
  },
  {
    dtype: 'float',
    code: 0x0d,
    numpy: 'float32',
    size: 4,
    read: (v, o) => v.getFloat32(o),
    write: (v, o, x) => v.setFloat32(o, x),
  },
  {
    dtype: 'double',
    code: 0x0e,
    numpy: 'float64',
    size: 8,
    read: (v, o) => v.getFloat64(o),
    write: (v, o, x) => v.setFloat64(o, x),
  },
];

const EXPECTED_FORM = '00 00 <type: 08, 09, 0b, 0c, 0d or 0e> <number of dimensions>';
const hex = (bs: Uint8Array): string =>
  Array.from(bs, (b) => b.toString(16).padStart(2, '0')).join(' ');

/** True when the bytes look like an (uncompressed) IDX header. */
export function looksLikeIdx(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0 &&
    bytes[1] === 0 &&
    TYPES.some((t) => t.code === bytes[2]) &&
    bytes[3] > 0
  );
}

/** Reads an IDX file (gzipped or not) into float32, keeping the original dtype name. */
export function readIdx(bytes: Uint8Array, file = 'data.idx'): TypedArrayData {
  if (isGzip(bytes)) bytes = gunzipChecked(bytes, file, 'data/idx');
  const type = TYPES.find((t) => t.code === bytes[2]);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0 || !type || bytes[3] === 0)
    throw new LoomError(
      'data/idx',
      `not an IDX file: it starts with ${hex(bytes.subarray(0, 4)) || 'nothing'}, expected ${EXPECTED_FORM}`,
      { file, offset: 0 },
      'Choose an IDX file such as train-images-idx3-ubyte(.gz), or a .csv/.npy/.npz file.',
    );
  const ndim = bytes[3];
  const dataStart = 4 + 4 * ndim;
  if (bytes.length < dataStart)
    throw new LoomError(
      'data/idx',
      `the header is truncated: ${ndim} dimensions need ${dataStart} header bytes, the file has ${bytes.length}`,
      { file, offset: 4 },
      'Download or copy the file again.',
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let d = 0; d < ndim; d++) shape.push(view.getUint32(4 + 4 * d));
  const count = sizeOf(shape);
  const expected = count * type.size;
  const actual = bytes.length - dataStart;
  if (actual !== expected)
    throw new LoomError(
      'data/idx',
      `the header's dimensions ${showShape(shape)} of ${type.dtype} need ${expected} bytes of data, the file has ${actual}`,
      { file, offset: dataStart },
      actual < expected
        ? 'The file is cut off; download or copy it again.'
        : 'The file has extra bytes after the data; download or copy it again.',
    );
  const data = new Float32Array(count);
  if (type.size === 1 && type.range?.[0] === 0) data.set(bytes.subarray(dataStart));
  else for (let k = 0, o = dataStart; k < count; k++, o += type.size) data[k] = type.read(view, o);
  return { shape, data, dtype: type.numpy };
}

/** Writes a tensor as an IDX file of the given element type (for fixtures and exports). */
export function writeIdx(t: TensorData, dtype: IdxDtype = 'ubyte'): Uint8Array {
  const type = TYPES.find((x) => x.dtype === dtype)!;
  if (t.shape.length === 0 || t.shape.length > 255)
    throw new LoomError(
      'data/idx',
      `IDX stores 1 to 255 dimensions, the array has shape ${showShape(t.shape)}`,
      {},
      'Reshape the array to at least one dimension.',
    );
  const dataStart = 4 + 4 * t.shape.length;
  const out = new Uint8Array(dataStart + t.data.length * type.size);
  const view = new DataView(out.buffer);
  out[2] = type.code;
  out[3] = t.shape.length;
  t.shape.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  for (let k = 0; k < t.data.length; k++) {
    const x = t.data[k];
    if (type.range && !(Number.isInteger(x) && x >= type.range[0] && x <= type.range[1]))
      throw new LoomError(
        'data/idx',
        `value ${x} at flat index ${k} does not fit the IDX type ${dtype} (integers ${type.range[0]}..${type.range[1]})`,
        {},
        "Round or rescale the values, or write the file with dtype 'float'.",
      );
    type.write(view, dataStart + k * type.size, x);
  }
  return out;
}

/** The array name an IDX file gets in a Dataset: 'labels' for 1-D files, 'images' otherwise. */
export function idxArrayName(shape: readonly number[]): string {
  return shape.length === 1 ? 'labels' : 'images';
}

/** Reads an IDX file as a one-array Dataset ('images' [N, …] or 'labels' [N]). */
export function readIdxDataset(bytes: Uint8Array, file: string): Dataset {
  const a = readIdx(bytes, file);
  const name = idxArrayName(a.shape);
  return {
    name: fileStem(file),
    source: file,
    arrays: { [name]: { shape: a.shape, data: a.data } },
    dtypes: { [name]: a.dtype },
  };
}
