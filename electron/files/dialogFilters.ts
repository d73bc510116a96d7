// What the native open/save dialogs offer for each file kind, and safe default file names. Pure.
import type { ExportFormat, ImportKind } from '../api.ts';

/** Electron's FileFilter shape. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The project file filter. */
export const PROJECT_FILTER: FileFilter = { name: 'Layerloom project', extensions: ['loom'] };

/** The extension and dialog filter of each export format. */
export const EXPORT_FILTERS: { readonly [F in ExportFormat]: FileFilter } = {
  json: { name: 'JSON', extensions: ['json'] },
  safetensors: { name: 'safetensors weights', extensions: ['safetensors'] },
  npz: { name: 'NumPy archive', extensions: ['npz'] },
  // A TF.js layers model is model.json plus weight shards, so it is exported as one zip.
  tfjs: { name: 'TensorFlow.js model (zip)', extensions: ['zip'] },
  keras: { name: 'Keras model', extensions: ['keras'] },
  python: { name: 'Python script', extensions: ['py'] },
};

/** The dialog filter of each import kind. */
export const IMPORT_FILTERS: { readonly [K in ImportKind]: FileFilter } = {
  project: { name: 'Layerloom project', extensions: ['loom', 'json'] },
  csv: { name: 'CSV', extensions: ['csv', 'tsv', 'txt'] },
  npy: { name: 'NumPy array', extensions: ['npy'] },
  npz: { name: 'NumPy archive', extensions: ['npz'] },
  idx: { name: 'MNIST IDX', extensions: ['idx', 'ubyte', 'idx1-ubyte', 'idx3-ubyte', 'gz'] },
  safetensors: { name: 'safetensors weights', extensions: ['safetensors'] },
  json: { name: 'JSON', extensions: ['json'] },
};

/** The import dialog's filters: one per kind (deduplicated, in order), then "All files". */
export function importFilters(kinds: readonly ImportKind[]): FileFilter[] {
  const unique = [...new Set(kinds)];
  return [...unique.map((k) => IMPORT_FILTERS[k]), { name: 'All files', extensions: ['*'] }];
}

/**
 * A file name safe to suggest in a save dialog: no folders, no characters Windows forbids, no
 * control characters, at most 200 characters, ending in `.ext`.
 */
export function suggestedFileName(raw: string, ext: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim();
  name = name.replace(/^\.+/, '').slice(0, 200).trim();
  if (name.toLowerCase().endsWith(`.${ext}`)) name = name.slice(0, -(ext.length + 1));
  return `${name === '' ? 'Untitled' : name}.${ext}`;
}

/** `file` with `.ext` appended unless it already ends with it (any case). */
export function ensureExtension(file: string, ext: string): string {
  return file.toLowerCase().endsWith(`.${ext}`) ? file : `${file}.${ext}`;
}
