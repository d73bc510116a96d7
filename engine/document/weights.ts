// Parameter values inside a project: base64 little-endian float32 for saved weights, inline
// `values` for hand-written ones (e.g. an example's initial kernel [[10]]).
import { LoomError } from '../errors.ts';
import { sizeOf } from '../tensor.ts';
import type { WeightValue } from './schema.ts';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Float32 values → base64 of their little-endian bytes. */
export function encodeFloat32(values: Float32Array): string {
  const bytes = toLittleEndianBytes(values);
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    s += String.fromCharCode(...bytes.subarray(i, Math.min(i + chunk, bytes.length)));
  return btoa(s);
}

/** base64 of little-endian float32 bytes → values. */
export function decodeFloat32(base64: string): Float32Array {
  const s = atob(base64);
  if (s.length % 4 !== 0)
    throw new RangeError(`${s.length} bytes is not a whole number of float32 values`);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(s.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function toLittleEndianBytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN)
    return new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

/** A stored weight's values, checked against its declared shape. `where` labels errors. */
export function weightValues(w: WeightValue, where: { node: string; param: string }): Float32Array {
  let values: Float32Array;
  try {
    values = w.values ? Float32Array.from(w.values) : decodeFloat32(w.base64 ?? '');
  } catch (e) {
    throw new LoomError(
      'weights/mismatch',
      `stored weight cannot be decoded: ${(e as Error).message}`,
      where,
      'Re-initialise the weights.',
    );
  }
  if (values.length !== sizeOf(w.shape))
    throw new LoomError(
      'weights/mismatch',
      `stored weight has ${values.length} values but its shape [${w.shape.join(', ')}] needs ${sizeOf(w.shape)}`,
      where,
      'Re-initialise the weights or fix the stored values.',
    );
  return values;
}

/** A weight value for saving. */
export function storeWeight(shape: readonly number[], values: Float32Array): WeightValue {
  return { shape: [...shape], base64: encodeFloat32(values) };
}
