// NumPy .npz archives: a zip of .npy files, one array per entry ("x.npy" → array 'x'). The entry
// count and every declared size are checked against limits BEFORE anything is inflated, so a
// zip bomb is refused from its directory alone.
import { unzipSync, zipSync } from 'fflate';
import type { UnzipFileInfo, Zippable } from 'fflate';
import { errorMessage, LoomError, isLoomError } from '../errors.ts';
import type { TensorData } from '../tensor.ts';
import { MAX_INFLATED_BYTES, fileStem, mostInflated } from './dataset.ts';
import type { Dataset } from './dataset.ts';
import { readNpy, writeNpy } from './npy.ts';

/** Most entries an .npz may hold. */
export const MAX_NPZ_ENTRIES = 10_000;

// A fixed timestamp (DOS time starts in 1980) so the same arrays always give the same bytes.
const FIXED_MTIME = new Date(1980, 0, 1);

/** Limits for readNpz; tests lower them to exercise the checks without huge files. */
export interface NpzLimits {
  maxEntries: number;
  /** Largest declared uncompressed size of one entry and of all entries together. */
  maxBytes: number;
}

const DEFAULT_LIMITS: NpzLimits = { maxEntries: MAX_NPZ_ENTRIES, maxBytes: MAX_INFLATED_BYTES };

/** Entries that are not data: folders and the resource forks macOS adds when zipping. */
function ignored(name: string): boolean {
  return name.endsWith('/') || name.startsWith('__MACOSX/');
}

/** Runs fflate, turning its plain errors into a LoomError about the archive. */
function unzip(bytes: Uint8Array, file: string, filter: (f: UnzipFileInfo) => boolean) {
  try {
    return unzipSync(bytes, { filter });
  } catch (e) {
    if (isLoomError(e)) throw e;
    throw new LoomError(
      'data/npz',
      `not a valid .npz (zip) archive: ${errorMessage(e)}`,
      { file },
      'Save the arrays again with numpy.savez or numpy.savez_compressed.',
    );
  }
}

/** Reads an .npz archive into a Dataset with one float32 array per .npy entry. */
export function readNpz(
  bytes: Uint8Array,
  file = 'arrays.npz',
  limits: NpzLimits = DEFAULT_LIMITS,
): Dataset {
  // Pass 1 reads only the central directory: the filter sees every entry and keeps none.
  const entries: UnzipFileInfo[] = [];
  unzip(bytes, file, (info) => {
    if (entries.length >= limits.maxEntries)
      throw new LoomError(
        'data/npz',
        `the archive holds more than ${limits.maxEntries} entries`,
        { file, array: info.name },
        'Store fewer, larger arrays in the archive.',
      );
    entries.push(info);
    return false;
  });
  const wanted = new Map<string, UnzipFileInfo>();
  let total = 0;
  for (const info of entries) {
    if (ignored(info.name)) continue;
    const at = { file, array: info.name };
    if (!info.name.endsWith('.npy'))
      throw new LoomError(
        'data/npz',
        `the entry '${info.name}' is not an .npy array`,
        at,
        'Keep only arrays saved by numpy.savez in the archive.',
      );
    if (wanted.has(info.name))
      throw new LoomError('data/npz', `the entry '${info.name}' appears twice`, at, 'Rename one.');
    if (info.compression !== 0 && info.compression !== 8)
      throw new LoomError(
        'data/npz',
        `the entry '${info.name}' uses zip compression method ${info.compression}`,
        at,
        'Save the arrays with numpy.savez (stored) or numpy.savez_compressed (deflate).',
      );
    if (info.originalSize > limits.maxBytes)
      throw new LoomError(
        'data/npz',
        `the entry '${info.name}' declares ${info.originalSize} bytes, more than the ${limits.maxBytes}-byte limit`,
        at,
        'Split the array into smaller files.',
      );
    if (info.originalSize > mostInflated(info.size, info.compression))
      throw new LoomError(
        'data/npz',
        `the entry '${info.name}' declares ${info.originalSize} bytes, more than its ${info.size} stored bytes can hold`,
        at,
        'The archive is damaged; save it again.',
      );
    total += info.originalSize;
    if (total > limits.maxBytes)
      throw new LoomError(
        'data/npz',
        `the entries up to '${info.name}' declare ${total} bytes in total, more than the ${limits.maxBytes}-byte limit`,
        at,
        'Split the arrays into several smaller archives.',
      );
    wanted.set(info.name, info);
  }
  if (wanted.size === 0)
    throw new LoomError(
      'data/npz',
      'the archive holds no .npy arrays',
      { file },
      'Save at least one array with numpy.savez.',
    );
  const files = unzip(bytes, file, (info) => wanted.has(info.name));
  const arrays: Record<string, TensorData> = {};
  const dtypes: Record<string, string> = {};
  for (const [entry, info] of wanted) {
    const content = files[entry];
    if (content.length !== info.originalSize)
      throw new LoomError(
        'data/npz',
        `the entry '${entry}' holds ${content.length} bytes but declares ${info.originalSize}`,
        { file, array: entry },
        'The archive is damaged; save it again.',
      );
    const name = entry.slice(0, -'.npy'.length);
    const a = readNpy(content, file, entry);
    arrays[name] = { shape: a.shape, data: a.data };
    dtypes[name] = a.dtype;
  }
  return { name: fileStem(file), source: file, arrays, dtypes };
}

/** Writes arrays as an .npz numpy.load can read: entries "name.npy", stored or deflated. */
export function writeNpz(
  arrays: Record<string, TensorData>,
  options: { compress?: boolean } = {},
): Uint8Array {
  const entries: Zippable = {};
  for (const [name, t] of Object.entries(arrays)) {
    if (name === '' || name.endsWith('/'))
      throw new LoomError(
        'data/npz',
        `'${name}' is not a valid array name`,
        { array: name },
        'Give every array a non-empty name.',
      );
    entries[`${name}.npy`] = writeNpy(t);
  }
  return zipSync(entries, { level: options.compress ? 6 : 0, mtime: FIXED_MTIME });
}
