// Importing data files: parse them in the data worker, then (only when every file parsed) add them
// to the loaded files and point the project's data source at them in one undoable command, with
// automatic bindings where the model and data make them obvious. A failure changes nothing.
import type { LoomError } from '../../../engine/errors.ts';
import { getState } from '../state/store.ts';
import { addLoadedFiles, getDataState, setImportState, type LoadedFile } from './dataStore.ts';
import { parseFiles, type ParseJob } from './parseClient.ts';
import { applySource, nextFiles } from './sourceActions.ts';

let running: ParseJob | null = null;
let nextId = 1;

function describe(files: readonly LoadedFile[]): string {
  return files
    .map((f) => {
      const arrays = f.summary.arrays;
      const samples = Math.max(0, ...arrays.map((a) => a.samples));
      return `${f.name} (${arrays.map((a) => a.name).join(', ')}; ${samples} samples)`;
    })
    .join(', ');
}

/** Imports data files (a file input or a drop); any import still running is cancelled first. */
export function importFiles(files: readonly File[]): void {
  if (!files.length) return;
  running?.cancel();
  const id = nextId++;
  const names = files.map((f) => f.name);
  setImportState({ job: { id, names, progress: null }, failure: null, notice: null });
  const job = parseFiles([...files], (progress) => {
    const cur = getDataState().job;
    if (cur?.id === id) setImportState({ job: { ...cur, progress } });
  });
  running = job;
  job.result.then(
    (parsed) => {
      if (getDataState().job?.id !== id) return;
      running = null;
      if (!parsed) {
        setImportState({ job: null, notice: 'Import cancelled; nothing changed.' });
        return;
      }
      const doc = getState().history.present;
      const list = nextFiles(doc.data.source, parsed, getDataState().files);
      addLoadedFiles(parsed);
      applySource({ kind: 'files', files: list });
      const images = parsed.some((f) => f.summary.thumbnails.length > 0);
      setImportState({
        job: null,
        notice: `Loaded ${describe(parsed)}.`,
        ...(images ? { previewMode: 'images' as const } : {}),
      });
    },
    (error: unknown) => {
      if (getDataState().job?.id !== id) return;
      running = null;
      const e = error as LoomError;
      setImportState({ job: null, failure: { file: e.where.file ?? names.join(', '), error: e } });
    },
  );
}

/** Cancels the running import (terminating its worker); loaded data and the project stay as they were. */
export function cancelImport(): void {
  running?.cancel();
}

/** Dismisses the import error or notice. */
export function dismissImportMessage(): void {
  setImportState({ failure: null, notice: null });
}
