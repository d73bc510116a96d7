// One entry point for every export format: a project (and optionally live weights) in, bytes out.
// The desktop shell and the CLI only choose where to write them.
import type { Project } from '../document/schema.ts';
import { LoomError } from '../errors.ts';
import { writeWeightsJson } from './json.ts';
import { writeKerasArchive } from './keras.ts';
import { exportModel } from './model.ts';
import { writeWeightsNpz } from './npz.ts';
import { writePythonScript } from './python.ts';
import { writeSafetensors } from './safetensors.ts';
import { writeTfjs } from './tfjs.ts';

/** The export formats, as the CLI and the UI name them. */
export const EXPORT_FORMATS = ['json', 'safetensors', 'npz', 'tfjs', 'keras', 'python'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Usual file extension of each format ('' for tfjs, which is a folder). */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  json: '.weights.json',
  safetensors: '.safetensors',
  npz: '.npz',
  tfjs: '',
  keras: '.keras',
  python: '.py',
};

/** One file, or a folder of files (tfjs: model.json and its shards). */
export type ExportOutput =
  { kind: 'file'; bytes: Uint8Array } | { kind: 'folder'; files: Map<string, Uint8Array> };

export interface ExportOptions {
  /** Weights by param key ('<nodeId>/<weight>'); default: the project's, initialised where missing. */
  weights?: ReadonlyMap<string, Float32Array>;
  /** Name stem the Python script uses for the files next to it. */
  stem?: string;
  /** Time stamp written into .keras metadata. */
  date?: Date;
}

/** Checks a user-given format name. */
export function parseExportFormat(name: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(name)) return name as ExportFormat;
  throw new LoomError(
    'export/format',
    `unknown export format '${name}'`,
    {},
    `Choose one of: ${EXPORT_FORMATS.join(', ')}.`,
  );
}

/** Exports a valid project in one format. */
export async function exportProject(
  doc: Project,
  format: ExportFormat,
  opts: ExportOptions = {},
): Promise<ExportOutput> {
  const model = exportModel(doc, opts.weights);
  const file = (bytes: Uint8Array): ExportOutput => ({ kind: 'file', bytes });
  switch (format) {
    case 'json':
      return file(writeWeightsJson(model.tensors));
    case 'safetensors':
      return file(
        writeSafetensors(model.tensors, {
          format: 'layerloom',
          producer: 'Layerloom',
          model: model.name,
        }),
      );
    case 'npz':
      return file(writeWeightsNpz(model.tensors));
    case 'keras':
      return file(await writeKerasArchive(model, opts.date));
    case 'python':
      return file(new TextEncoder().encode(writePythonScript(model, opts.stem)));
    case 'tfjs': {
      const art = writeTfjs(model);
      const files = new Map<string, Uint8Array>([
        ['model.json', new TextEncoder().encode(JSON.stringify(art.modelJson))],
      ]);
      for (const [name, bytes] of art.shards) files.set(name, bytes);
      return { kind: 'folder', files };
    }
  }
}
