// Where projects are read from and written to. One interface, two implementations: the browser
// (File System Access API, else upload/download) and the desktop bridge. Nothing here parses JSON.
import type { ExportFormat } from '../../../engine/export/index.ts';

/** A file the user picked to open. `handle` is opaque: pass it back to save in place. */
export interface OpenedFile {
  name: string;
  text: string;
  handle: unknown;
}

/** Where a save went; `handle` is null when the file cannot be written again in place. */
export interface SavedFile {
  name: string;
  handle: unknown;
}

/** Opening and saving project files; null results mean the user cancelled. */
export interface ProjectFiles {
  /** Asks for a .loom file and reads it. */
  open(): Promise<OpenedFile | null>;
  /** Writes `text` in place when `handle` allows it, else asks where (like saveAs). */
  save(text: string, name: string, handle: unknown): Promise<SavedFile | null>;
  /** Asks where to write `text`, suggesting `name`. */
  saveAs(text: string, name: string): Promise<SavedFile | null>;
  /** Writes an export's bytes where the user says (a download in a plain browser). */
  exportBytes(
    name: string,
    bytes: Uint8Array,
    format: ExportFormat,
  ): Promise<{ name: string } | null>;
  /** Asks for files to import (several at once where the platform allows); null when cancelled. */
  importFiles(accept: ImportAccept): Promise<PickedFile[] | null>;
}

/** What an import asks for: a model (TF.js files, a .zip of them, or .keras), a weights file, or either. */
export type ImportAccept = 'model' | 'weights' | 'any';

/** A file picked for import, read whole. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** The extensions each import offers in a file picker. */
export const IMPORT_EXTENSIONS: Record<ImportAccept, readonly string[]> = {
  model: ['.json', '.bin', '.zip', '.keras'],
  weights: ['.safetensors', '.npz', '.json'],
  any: ['.json', '.bin', '.zip', '.keras', '.safetensors', '.npz'],
};

/** The file name with a .loom extension (what a save suggests). */
export function loomFileName(name: string): string {
  const base = name.trim().replace(/[\\/:*?"<>|]+/g, '_') || 'untitled';
  return /\.loom$/i.test(base) ? base : `${base}.loom`;
}
