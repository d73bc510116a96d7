// The import banner of the Data tab: progress of the running import with Cancel, the error of a
// failed one (what, which file, row and column, and the fix), or the outcome of the last one.
import { formatWhere, type LoomError } from '../../../engine/errors.ts';
import { useDataState } from './dataStore.ts';
import { cancelImport, dismissImportMessage } from './importer.ts';
import type { ParseProgress } from './parseClient.ts';
import './import.css';

const PHASE = { reading: 'Reading', parsing: 'Parsing', summarising: 'Summarising' } as const;

function progressText(p: ParseProgress | null, names: readonly string[]): string {
  if (!p) return `Starting to read ${names.join(', ')}…`;
  const of = p.count > 1 ? ` (${p.index + 1} of ${p.count})` : '';
  const pct = p.phase === 'reading' && p.total ? ` ${Math.floor((100 * p.loaded) / p.total)}%` : '';
  return `${PHASE[p.phase]} ${p.file}${of}…${pct}`;
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const punctuate = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

/**
 * How to fix a failed import in the app: the CSV reader's "leave this column out of the binding"
 * suits the command line, where columns are chosen before reading; here the whole file is read.
 */
export function importFix(e: LoomError): string {
  const column = e.where.column;
  if (e.code === 'data/csv' && column !== undefined && /out of the binding/.test(e.fix))
    return `Fix the cell (or delete the column '${column}') in the file, then import it again.`;
  return e.fix;
}

/** The banner, or nothing when there is nothing to say. */
export function ImportStatus() {
  const job = useDataState((s) => s.job);
  const failure = useDataState((s) => s.failure);
  const notice = useDataState((s) => s.notice);
  if (job) {
    const p = job.progress;
    const reading = p?.phase === 'reading' && p.total > 0;
    return (
      <div className="import-banner" role="status">
        <span>{progressText(p, job.names)}</span>
        <progress
          aria-label="Import progress"
          max={1}
          value={reading ? p.loaded / p.total : undefined}
        />
        <button type="button" onClick={cancelImport}>
          Cancel
        </button>
      </div>
    );
  }
  if (failure) {
    const { error } = failure;
    const where = formatWhere(error.where);
    return (
      <div className="import-banner import-banner--error" role="alert" aria-label="Import error">
        <div className="import-banner__body">
          <strong>Could not import {failure.file}</strong>
          <p>{punctuate(`${sentence(error.what)}${where ? ` (${where})` : ''}`)}</p>
          {importFix(error) && <p className="import-banner__fix">{importFix(error)}</p>}
          <p className="import-banner__safe">
            Nothing changed: the project and the data loaded before are as they were.
          </p>
        </div>
        <button type="button" onClick={dismissImportMessage}>
          Dismiss
        </button>
      </div>
    );
  }
  if (notice)
    return (
      <div className="import-banner" role="status">
        <span>{notice}</span>
        <button type="button" onClick={dismissImportMessage}>
          OK
        </button>
      </div>
    );
  return null;
}
