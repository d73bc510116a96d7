// The Data tab's edits of the project's data config, each one undoable command: switching the
// source (keeping bindings that still fit, else auto-binding), editing one binding, the split.
import type { Binding, DataSource } from '../../../engine/document/schema.ts';
import { actions, getState, inferenceOf } from '../state/store.ts';
import { dataPatchFor } from './autoBind.ts';
import { getDataState, type LoadedFile } from './dataStore.ts';
import { sourceView } from './sourceView.ts';

/** Points the open project at `source`; `coalesceKey` merges typing (generator params). */
export function applySource(source: DataSource, coalesceKey: string | null = null): void {
  const doc = getState().history.present;
  const view = sourceView(source, getDataState().files);
  const patch = dataPatchFor(doc, inferenceOf(doc), source, view.arrays);
  actions.execute({ type: 'setData', patch }, coalesceKey);
}

/** A file name without a trailing .gz, lower-cased: "x.csv.gz" and "X.csv" are the same data. */
const sameData = (name: string) => name.replace(/\.gz$/i, '').toLowerCase();

/**
 * The files list after importing `added`: a file of the same name (ignoring a .gz suffix) is
 * replaced, and so is a file with arrays of the same names (a second images file replaces the first).
 */
export function nextFiles(
  source: DataSource,
  added: readonly LoadedFile[],
  loaded: readonly LoadedFile[],
): string[] {
  const names = new Set(added.map((f) => sameData(f.name)));
  const arrays = new Set(added.flatMap((f) => Object.keys(f.dataset.arrays)));
  const current = source.kind === 'files' ? source.files : [];
  const kept = current.filter((name) => {
    if (names.has(sameData(name))) return false;
    const f = loaded.find((x) => x.name === name);
    return !f || !Object.keys(f.dataset.arrays).some((a) => arrays.has(a));
  });
  return [...kept, ...added.map((f) => f.name)];
}

/** Every loaded file whose arrays are not shadowed by a later import with the same array names. */
export function loadedFileNames(loaded: readonly LoadedFile[]): string[] {
  let source: DataSource = { kind: 'none' };
  for (const f of loaded) source = { kind: 'files', files: nextFiles(source, [f], loaded) };
  return source.kind === 'files' ? source.files : [];
}

/** Switches the open project to the files loaded in this session (see loadedFileNames). */
export function selectLoadedFiles(): void {
  const names = loadedFileNames(getDataState().files);
  if (names.length) applySource({ kind: 'files', files: names });
}

/** Removes one file from the project's data source (it stays loaded for later). */
export function removeSourceFile(name: string): void {
  const doc = getState().history.present;
  const source = doc.data.source;
  if (source.kind !== 'files') return;
  const files = source.files.filter((f) => f !== name);
  actions.execute({
    type: 'setData',
    patch: { source: files.length ? { kind: 'files', files } : { kind: 'none' } },
  });
}

/** Sets (or, with null, removes) the binding of one Input or one output's target. */
export function setBinding(role: 'input' | 'target', node: string, binding: Binding | null): void {
  const data = getState().history.present.data;
  const key = role === 'input' ? 'inputs' : 'targets';
  const next = { ...data[key] };
  if (binding && binding.arrays.length) next[node] = binding;
  else delete next[node];
  actions.execute({ type: 'setData', patch: { [key]: next } });
}

/** Sets the validation split (typing merges into one undo step). */
export function setValidationSplit(validationSplit: number): void {
  actions.execute({ type: 'setTraining', patch: { validationSplit } }, 'data:validationSplit');
}
