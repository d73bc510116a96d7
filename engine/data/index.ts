// The data package: readers, writers, built-in datasets and generators, and readDatasetFile,
// which picks the reader for a file from its name and, failing that, its first bytes.
import { LoomError } from '../errors.ts';
import { MAX_CSV_CHARS, csvToDataset } from './csv.ts';
import { baseName, fileStem, gunzipChecked, isGzip } from './dataset.ts';
import type { Dataset } from './dataset.ts';
import { looksLikeIdx, readIdxDataset } from './idx.ts';
import { readNpy } from './npy.ts';
import { readNpz } from './npz.ts';

export type { Dataset, TypedArrayData } from './dataset.ts';
export { MAX_INFLATED_BYTES, baseName, fileStem, gunzipChecked, isGzip } from './dataset.ts';
export { MAX_CSV_CHARS, csvToDataset, detectDelimiter, parseCsv } from './csv.ts';
export type { ParsedCsv } from './csv.ts';
export { MAX_NPY_HEADER, readNpy, writeNpy } from './npy.ts';
export { MAX_NPZ_ENTRIES, readNpz, writeNpz } from './npz.ts';
export type { NpzLimits } from './npz.ts';
export { idxArrayName, looksLikeIdx, readIdx, readIdxDataset, writeIdx } from './idx.ts';
export type { IdxDtype } from './idx.ts';
export { builtinDatasetList, builtinDatasets } from './builtin.ts';
export type { BuiltinDatasetInfo, BuiltinId } from './builtin.ts';
export { generate, generatorList, generators } from './generators.ts';
export type { GeneratorInfo } from './generators.ts';

/** The formats readDatasetFile understands. */
export type DatasetFormat = 'csv' | 'npy' | 'npz' | 'idx';

const SUPPORTED = '.csv, .tsv, .npy, .npz, IDX (*-ubyte, .idx) and their .gz versions';

/** The format a file name announces, or undefined ("x.csv.gz" → 'csv'). */
export function formatFromName(file: string): DatasetFormat | undefined {
  const base = baseName(file).toLowerCase().replace(/\.gz$/, '');
  if (/\.(csv|tsv)$/.test(base)) return 'csv';
  if (base.endsWith('.npy')) return 'npy';
  if (base.endsWith('.npz')) return 'npz';
  if (/-ubyte$/.test(base) || /\.idx\d*$/.test(base)) return 'idx';
  return undefined;
}

/** The format the first bytes reveal, or undefined. */
export function formatFromBytes(bytes: Uint8Array): DatasetFormat | undefined {
  if (bytes[0] === 0x93 && bytes[1] === 0x4e && bytes[2] === 0x55 && bytes[3] === 0x4d)
    return 'npy';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return 'npz';
  if (looksLikeIdx(bytes)) return 'idx';
  return undefined;
}

/** Reads a data file into a Dataset, choosing the reader by extension (or magic bytes). */
export function readDatasetFile(name: string, bytes: Uint8Array): Dataset {
  const byName = formatFromName(name);
  if (isGzip(bytes)) bytes = gunzipChecked(bytes, name, `data/${byName ?? 'unknown'}` as const);
  const format = byName ?? formatFromBytes(bytes);
  switch (format) {
    case 'csv':
      return csvToDataset(decodeText(bytes, name), name);
    case 'npy': {
      const a = readNpy(bytes, name);
      const array = fileStem(name);
      return {
        name: array,
        source: name,
        arrays: { [array]: { shape: a.shape, data: a.data } },
        dtypes: { [array]: a.dtype },
      };
    }
    case 'npz':
      return readNpz(bytes, name);
    case 'idx':
      return readIdxDataset(bytes, name);
    case undefined:
      throw new LoomError(
        'data/unknown',
        `the file type of '${baseName(name)}' is not recognised`,
        { file: name },
        `Choose a ${SUPPORTED} file.`,
      );
  }
}

/** UTF-8 text of a CSV file (a BOM is dropped by the decoder). */
function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length > MAX_CSV_CHARS)
    throw new LoomError(
      'data/csv',
      `the file has ${bytes.length} bytes, more than the ${MAX_CSV_CHARS}-byte limit for CSV`,
      { file },
      'Use a smaller sample of the data, or convert it to .npy.',
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LoomError(
      'data/csv',
      'the file is not UTF-8 text',
      { file },
      'Save the CSV as UTF-8 (most spreadsheet apps offer "CSV UTF-8").',
    );
  }
}
