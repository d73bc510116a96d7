// What the Data tab shows about the project's data source: the summaries of its datasets, the shape
// of every array (for the binding checks), the files it names that are not loaded, and any error
// loading it. Summaries of built-in and generated data are computed here once per dataset.
import { useMemo } from 'react';
import type { Dataset } from '../../../engine/data/dataset.ts';
import {
  summarizeDataset,
  type ArraySummary,
  type DatasetSummary,
} from '../../../engine/data/preview.ts';
import type { DataSource } from '../../../engine/document/schema.ts';
import { isLoomError, LoomError } from '../../../engine/errors.ts';
import { mergeDatasets } from '../../../engine/session/source.ts';
import { useProject } from '../state/store.ts';
import { memoisedDataset, useLoadedFiles, type LoadedFile } from './dataStore.ts';

/** The Data tab's view of one data source. */
export interface SourceView {
  summaries: DatasetSummary[];
  /** Every array of every summary, in display order. */
  arrays: ArraySummary[];
  /** Array name → shape, for bindingProblems. */
  shapes: Record<string, number[]>;
  /** Files the source names that are not loaded in this session. */
  missing: string[];
  error: LoomError | null;
}

const summaries = new WeakMap<Dataset, DatasetSummary>();

function summaryOf(ds: Dataset): DatasetSummary {
  let s = summaries.get(ds);
  if (!s) {
    s = summarizeDataset(ds);
    summaries.set(ds, s);
  }
  return s;
}

function asLoomError(e: unknown): LoomError {
  if (isLoomError(e)) return e;
  return new LoomError(
    'internal',
    `the data could not be loaded (${e instanceof Error ? e.message : String(e)})`,
    {},
    'Choose other settings or another dataset.',
  );
}

function view(list: DatasetSummary[], missing: string[] = [], error: LoomError | null = null) {
  const arrays = list.flatMap((s) => s.arrays);
  const shapes = Object.fromEntries(arrays.map((a) => [a.name, a.shape]));
  return { summaries: list, arrays, shapes, missing, error };
}

/** The view of `source` given the files loaded in this session. */
export function sourceView(source: DataSource, files: readonly LoadedFile[]): SourceView {
  switch (source.kind) {
    case 'none':
      return view([]);
    case 'builtin':
    case 'generator':
      try {
        return view([summaryOf(memoisedDataset(source))]);
      } catch (e) {
        return view([], [], asLoomError(e));
      }
    case 'files': {
      const loaded = source.files
        .map((name) => files.find((f) => f.name === name))
        .filter((f): f is LoadedFile => f !== undefined);
      const missing = source.files.filter((name) => !loaded.some((f) => f.name === name));
      let error: LoomError | null = null;
      try {
        mergeDatasets(loaded.map((f) => f.dataset));
      } catch (e) {
        error = asLoomError(e);
      }
      return view(
        loaded.map((f) => f.summary),
        missing,
        error,
      );
    }
  }
}

/** The view of the open project's data source, live. */
export function useSourceView(): SourceView {
  const source = useProject().data.source;
  const files = useLoadedFiles();
  return useMemo(() => sourceView(source, files), [source, files]);
}
