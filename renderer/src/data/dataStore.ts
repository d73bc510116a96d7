// The data the open project trains on: files imported in this session (kept in memory only, never
// in the project), the state of the running import, and the named arrays of any data source.
// Invariant: a failed or cancelled import leaves `files` exactly as it was.
import { builtinDatasets, type BuiltinId } from '../../../engine/data/builtin.ts';
import type { Dataset } from '../../../engine/data/dataset.ts';
import { generate } from '../../../engine/data/generators.ts';
import type { DataSource } from '../../../engine/document/schema.ts';
import { LoomError } from '../../../engine/errors.ts';
import type { ArraySet } from '../../../engine/session/bind.ts';
import { loadSource, mergeDatasets } from '../../../engine/session/source.ts';
import { createStore, useStore } from '../state/createStore.ts';
import type { ParseProgress } from './parseClient.ts';
import type { ParsedFile } from './parseProtocol.ts';

/** A file imported in this session, as the parse worker read it. */
export type LoadedFile = ParsedFile;

/** The import in progress: the files asked for and the latest progress event. */
export interface ImportJob {
  id: number;
  names: readonly string[];
  progress: ParseProgress | null;
}

/** The last import that failed, with the error naming file, row and column. */
export interface ImportFailure {
  file: string;
  error: LoomError;
}

/** What the Data tab's preview shows. */
export type PreviewMode = 'rows' | 'stats' | 'images';

/** Everything the data store holds. */
export interface DataState {
  files: readonly LoadedFile[];
  job: ImportJob | null;
  failure: ImportFailure | null;
  /** A one-line outcome of the last import ("Loaded …", "Import cancelled."). */
  notice: string | null;
  /** The preview's mode, kept here so it survives switching dock tabs. */
  previewMode: PreviewMode;
}

const data = createStore<DataState>({
  files: [],
  job: null,
  failure: null,
  notice: null,
  previewMode: 'rows',
});

function set(patch: Partial<DataState>): void {
  data.set({ ...data.get(), ...patch });
}

/** The data store's current state. */
export function getDataState(): DataState {
  return data.get();
}

/** Reads a slice of the data store; re-renders when it changes (compared by identity). */
export function useDataState<T>(selector: (s: DataState) => T): T {
  return useStore(data, selector);
}

/** The files imported in this session, live. */
export function useLoadedFiles(): readonly LoadedFile[] {
  return useDataState((s) => s.files);
}

/** Adds parsed files, replacing any loaded file of the same name. */
export function addLoadedFiles(files: readonly LoadedFile[]): void {
  const names = new Set(files.map((f) => f.name));
  set({ files: [...data.get().files.filter((f) => !names.has(f.name)), ...files] });
}

/** Updates the import and view state (job, failure, notice, preview mode). */
export function setImportState(patch: Partial<Omit<DataState, 'files'>>): void {
  set(patch);
}

const MEMO_KEEP = 4;
const memo = new Map<string, Dataset>();

/** A built-in or generated dataset as a Dataset (names, arrays, dtypes, CSV-like columns). */
function build(source: Extract<DataSource, { kind: 'builtin' | 'generator' }>): Dataset {
  if (source.kind === 'generator') return generate(source.name, source.params);
  if (Object.hasOwn(builtinDatasets, source.name)) return builtinDatasets[source.name as BuiltinId];
  loadSource(source); // throws the engine's "there is no built-in dataset" error
  throw new Error('unreachable');
}

/** A built-in or generated dataset, memoised by the JSON of its source (the last few kept). */
export function memoisedDataset(
  source: Extract<DataSource, { kind: 'builtin' | 'generator' }>,
): Dataset {
  const key = JSON.stringify(source);
  const ds = memo.get(key) ?? build(source);
  memo.delete(key);
  memo.set(key, ds);
  while (memo.size > MEMO_KEEP) memo.delete(memo.keys().next().value!);
  return ds;
}

/** The loaded file of this name, or a LoomError telling the user to import it again. */
export function loadedFile(name: string): LoadedFile {
  const f = data.get().files.find((x) => x.name === name);
  if (!f)
    throw new LoomError(
      'data/binding',
      `the data file '${name}' is not loaded`,
      { file: name },
      'Import it again in the Data tab (files are not stored inside the project).',
    );
  return f;
}

/** Named arrays of a project data source: loaded files (for kind 'files'), else built-in/generated. */
export function arraysForSource(source: DataSource): ArraySet {
  switch (source.kind) {
    case 'files':
      return mergeDatasets(source.files.map((name) => loadedFile(name).dataset));
    case 'builtin':
    case 'generator':
      return memoisedDataset(source).arrays;
    case 'none':
      return loadSource(source);
  }
}

/** The Dataset of a data source for previews (files merged), or null when it cannot be loaded. */
export function datasetForSource(source: DataSource): Dataset | null {
  try {
    if (source.kind === 'builtin' || source.kind === 'generator') return memoisedDataset(source);
    if (source.kind === 'none') return null;
    const sets = source.files.map((name) => loadedFile(name).dataset);
    return {
      name: sets.map((d) => d.name).join(' + '),
      source: source.files.join(', '),
      arrays: mergeDatasets(sets),
      columns: sets.some((d) => d.columns) ? sets.flatMap((d) => d.columns ?? []) : undefined,
      dtypes: Object.assign({}, ...sets.map((d) => d.dtypes ?? {})) as Record<string, string>,
    };
  } catch {
    return null;
  }
}
