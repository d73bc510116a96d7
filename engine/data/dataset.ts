// The Dataset type every reader, built-in and generator produces, and the few helpers the readers
// share (file names, size limits, gzip). Invariant: every array's first axis is the sample axis.
import { gunzipSync } from 'fflate';
import { errorMessage, LoomError } from '../errors.ts';
import type { LoomErrorCode } from '../errors.ts';
import type { TensorData } from '../tensor.ts';

/** A set of named float32 arrays that share the sample (first) axis. */
export interface Dataset {
  /** Short display name, e.g. the file stem "train-images" or "study-hours". */
  name: string;
  /** Where it came from: the file path as given, "builtin:<id>" or "generator:<id>". */
  source: string;
  arrays: Record<string, TensorData>;
  /** CSV (and CSV-like built-ins): the column names in file order. */
  columns?: string[];
  /** The original element type of each array in NumPy spelling ('uint8', 'float64', …). */
  dtypes?: Record<string, string>;
}

/** One array read from a binary file, with its original dtype name. */
export interface TypedArrayData extends TensorData {
  /** NumPy spelling of the element type in the file, e.g. 'uint8', 'float64', 'bool'. */
  readonly dtype: string;
}

/** Largest decompressed size any reader accepts (npz total, gzip member). */
export const MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Most bytes `stored` compressed bytes can inflate to: deflate (zip method 8, gzip) expands at
 * most ~1032× (a 258-byte match per ~2 bits, rounded up); a stored entry (method 0) is its own
 * size. fflate allocates a declared size before inflating, so a bigger claim is refused first.
 */
export function mostInflated(stored: number, method = 8): number {
  return method === 0 ? stored : stored * 1032 + 1024;
}

/** The last path component of a file name ("a/b\\c.npy" → "c.npy"). */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1];
}

/** The file name without directories and extensions ("data/x_train.npy.gz" → "x_train"). */
export function fileStem(file: string): string {
  const base = baseName(file).replace(/\.gz$/i, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** True when the bytes start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses a gzip file after checking the size its trailer declares, so a hostile file cannot
 * make us allocate more than MAX_INFLATED_BYTES. Errors carry the caller's code.
 */
export function gunzipChecked(bytes: Uint8Array, file: string, code: LoomErrorCode): Uint8Array {
  if (bytes.length < 18)
    throw new LoomError(
      code,
      `the gzip data is truncated (${bytes.length} bytes)`,
      { file },
      'Download or copy the file again.',
    );
  const n = bytes.length;
  // ISIZE: the uncompressed length modulo 2^32, little-endian, in the last four bytes.
  const declared =
    (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  if (declared > MAX_INFLATED_BYTES)
    throw new LoomError(
      code,
      `the gzip data declares ${declared} uncompressed bytes, more than the ${MAX_INFLATED_BYTES}-byte limit`,
      { file },
      'Split the data into smaller files.',
    );
  // fflate allocates ISIZE bytes up front: a claim the data cannot hold is refused before that.
  if (declared > mostInflated(n))
    throw new LoomError(
      code,
      `the gzip data declares ${declared} uncompressed bytes, more than its ${n} compressed bytes can hold`,
      { file },
      'Download or copy the file again.',
    );
  let out: Uint8Array;
  try {
    out = gunzipSync(bytes);
  } catch (e) {
    throw new LoomError(
      code,
      `the gzip data is corrupt (${errorMessage(e)})`,
      { file },
      'Download or copy the file again.',
    );
  }
  if (out.length !== declared)
    throw new LoomError(
      code,
      `the gzip data inflates to ${out.length} bytes but its trailer declares ${declared}`,
      { file },
      'Download or copy the file again.',
    );
  return out;
}
