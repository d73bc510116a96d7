// Weights only: safetensors, .npz or Layerloom JSON weights loaded into an existing project by
// tensor name '<layer name>/<param>' (the names every Layerloom exporter writes). All or nothing:
// a missing, extra, duplicated or mis-shaped tensor is a LoomError and the project is unchanged.
import { LoomError } from '../errors.ts';
import type { Project } from '../document/schema.ts';
import { readWeightsJson } from '../export/json.ts';
import { readWeightsNpz } from '../export/npz.ts';
import { readSafetensors } from '../export/safetensors.ts';
import { baseName } from '../data/dataset.ts';
import { withWeights, type ImportReport, type NamedTensor } from './project.ts';

/** The weight file formats Layerloom reads. */
export type WeightsFormat = 'safetensors' | 'npz' | 'json';

/** The format of a weights file from its name, else from its first bytes. */
export function weightsFormat(file: string, bytes: Uint8Array): WeightsFormat {
  const name = baseName(file).toLowerCase();
  if (name.endsWith('.safetensors')) return 'safetensors';
  if (name.endsWith('.npz')) return 'npz';
  if (name.endsWith('.json')) return 'json';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'npz';
  if (bytes[0] === 0x7b) return 'json';
  if (bytes.length >= 9 && bytes[8] === 0x7b) return 'safetensors';
  throw new LoomError(
    'import/weights',
    'the weights format is not recognised',
    { file },
    'Choose a .safetensors, .npz or Layerloom .json weights file.',
  );
}

/** Reads a weights file into named tensors (in file order). */
export function readWeightsFile(
  bytes: Uint8Array,
  file: string,
  format = weightsFormat(file, bytes),
): { name: string; shape: number[]; data: Float32Array }[] {
  switch (format) {
    case 'safetensors':
      return readSafetensors(bytes, file).tensors.map(copyTensor);
    case 'npz':
      return readWeightsNpz(bytes, file).map(copyTensor);
    case 'json':
      return readWeightsJson(bytes, file).map(copyTensor);
  }
}

function copyTensor(t: { name: string; shape: readonly number[]; data: ArrayLike<number> }) {
  return { name: t.name, shape: [...t.shape], data: Float32Array.from(t.data) };
}

/** Loads a weights file into `project`: a new project with exactly those weights, and a report. */
export function importWeights(
  project: Project,
  bytes: Uint8Array,
  file: string,
  format?: WeightsFormat,
): { project: Project; report: ImportReport } {
  const tensors = new Map<string, NamedTensor>();
  for (const t of readWeightsFile(bytes, file, format)) {
    if (tensors.has(t.name))
      throw new LoomError(
        'import/weights',
        `the tensor '${t.name}' appears twice`,
        { file },
        'Save each weight once.',
      );
    tensors.set(t.name, { shape: t.shape, data: t.data });
  }
  return withWeights(project, tensors, file);
}
