// The messages between the Data tab and its parse worker (dataWorker.ts). Errors cross the worker
// boundary as plain fields and become LoomErrors again on this side, so the UI can show the file,
// row and column of a parse error. Nothing here touches the DOM.
import type { Dataset } from '../../../engine/data/dataset.ts';
import type { DatasetSummary } from '../../../engine/data/preview.ts';
import { LoomError, isLoomError, type LoomErrorCode, type Where } from '../../../engine/errors.ts';

/** Page → worker: read and parse these files (all or nothing). */
export interface ParseRequest {
  type: 'parse';
  files: File[];
}

/** What the worker is doing with one file. */
export type ParsePhase = 'reading' | 'parsing' | 'summarising';

/** One parsed file: its dataset (arrays transferred) and what the Data tab shows about it. */
export interface ParsedFile {
  name: string;
  size: number;
  dataset: Dataset;
  summary: DatasetSummary;
}

/** A LoomError as plain, structured-clonable data. */
export interface WireError {
  code: LoomErrorCode;
  what: string;
  where: Where;
  fix: string;
}

/** Worker → page. */
export type ParseEvent =
  | {
      type: 'progress';
      file: string;
      /** 0-based index of the file among `count`. */
      index: number;
      count: number;
      phase: ParsePhase;
      /** Bytes read so far of `total` (reading), else the file size twice. */
      loaded: number;
      total: number;
    }
  | { type: 'done'; files: ParsedFile[] }
  | { type: 'error'; file: string; error: WireError };

/** Any thrown value as a WireError; non-Loom errors keep their message and name the file. */
export function toWireError(e: unknown, file: string): WireError {
  if (isLoomError(e)) return { code: e.code, what: e.what, where: e.where, fix: e.fix };
  const message = e instanceof Error ? e.message : String(e);
  const memory = e instanceof RangeError;
  return {
    code: 'internal',
    what: memory ? `the file is too big to load (${message})` : `reading failed: ${message}`,
    where: { file },
    fix: memory ? 'Use a smaller file or a sample of the data.' : 'Check the file and try again.',
  };
}

/** The LoomError a WireError stands for. */
export function fromWireError(w: WireError): LoomError {
  return new LoomError(w.code, w.what, w.where, w.fix);
}

/** The buffers to transfer with a 'done' event (each once: arrays may share a buffer). */
export function transferList(files: readonly ParsedFile[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const f of files) {
    for (const a of Object.values(f.dataset.arrays))
      if (a.data.buffer instanceof ArrayBuffer) buffers.add(a.data.buffer);
    for (const t of f.summary.thumbnails)
      if (t.rgba.buffer instanceof ArrayBuffer) buffers.add(t.rgba.buffer);
  }
  return [...buffers];
}
