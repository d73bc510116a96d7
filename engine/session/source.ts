// Resolves a project's data source (built-in, generator or files) to named arrays. File bytes come
// from an injected reader, so this stays pure: the CLI reads from disk, the UI from File objects.
import type { DataSource } from '../document/schema.ts';
import { LoomError } from '../errors.ts';
import { builtinDatasets } from '../data/builtin.ts';
import { generate } from '../data/generators.ts';
import { readDatasetFile } from '../data/index.ts';
import type { Dataset } from '../data/dataset.ts';
import type { ArraySet } from './bind.ts';

/** Reads a file named in the project; relative paths are the reader's business. */
export type FileReader = (path: string) => Uint8Array;

/** The named arrays of a data source; arrays of several files are merged (names must not clash). */
export function loadSource(source: DataSource, read?: FileReader): ArraySet {
  switch (source.kind) {
    case 'none':
      throw new LoomError(
        'data/binding',
        'the project has no data',
        {},
        'Choose a built-in dataset, a generator or import a file in the Data tab.',
      );
    case 'builtin': {
      const ds = builtinDatasets[source.name as keyof typeof builtinDatasets] as
        Dataset | undefined;
      if (!ds)
        throw new LoomError(
          'data/unknown',
          `there is no built-in dataset '${source.name}'`,
          {},
          `Choose one of: ${Object.keys(builtinDatasets).join(', ')}.`,
        );
      return ds.arrays;
    }
    case 'generator':
      return generate(source.name, source.params).arrays;
    case 'files': {
      if (!read)
        throw new LoomError(
          'data/binding',
          'this project reads data files, which are not available here',
          {},
          'Provide the files (e.g. --x/--y on the command line).',
        );
      return mergeDatasets(source.files.map((f) => readDatasetFile(f, read(f))));
    }
  }
}

/** Merges the arrays of several datasets; a name that appears twice is an error naming both files. */
export function mergeDatasets(sets: readonly Dataset[]): ArraySet {
  const out: ArraySet = {};
  const from: Record<string, string> = {};
  for (const ds of sets)
    for (const [name, arr] of Object.entries(ds.arrays)) {
      if (name in out)
        throw new LoomError(
          'data/binding',
          `two files provide an array named '${name}' (${from[name]} and ${ds.source})`,
          { array: name },
          'Rename one of the files or arrays.',
        );
      out[name] = arr;
      from[name] = ds.source;
    }
  return out;
}
