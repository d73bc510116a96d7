// Layerloom's own JSON weights format: { format: 'layerloom-weights', version: 1, tensors: [...] }.
// Plain numbers, so any tool can read it; float32 values survive the round trip exactly because a
// JavaScript number prints the shortest decimal that parses back to the same double.
import { LoomError } from '../errors.ts';
import { sizeOf } from '../tensor.ts';
import type { NamedTensor } from './model.ts';

/** The JSON weights document. */
export interface WeightsJson {
  format: 'layerloom-weights';
  version: 1;
  tensors: { name: string; shape: number[]; dtype: 'float32'; values: number[] }[];
}

/** Writes tensors as the JSON weights document (UTF-8, one tensor per line); finite values only. */
export function writeWeightsJson(tensors: readonly NamedTensor[]): Uint8Array {
  for (const t of tensors)
    if (!t.data.every(Number.isFinite))
      throw new LoomError(
        'weights/json',
        `weight '${t.name}' has a NaN or infinite value, which JSON cannot hold`,
        { param: t.name },
        'Export as safetensors or NumPy instead, or reset the diverged weights.',
      );
  const lines = tensors.map((t) =>
    JSON.stringify({ name: t.name, shape: t.shape, dtype: 'float32', values: Array.from(t.data) }),
  );
  const text =
    `{"format":"layerloom-weights","version":1,"tensors":[\n` + lines.join(',\n') + '\n]}\n';
  return new TextEncoder().encode(text);
}

function fail(what: string, path: string | undefined, file: string): never {
  throw new LoomError(
    'weights/json',
    what,
    { file, path },
    'Export the weights again from Layerloom.',
  );
}

/** Reads a JSON weights document strictly: known format and version, values matching shapes. */
export function readWeightsJson(bytes: Uint8Array, file = 'weights.json'): NamedTensor[] {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    fail(`the file is not valid JSON (${(e as Error).message})`, undefined, file);
  }
  const d = doc as Partial<WeightsJson> | null;
  if (typeof d !== 'object' || d === null || d.format !== 'layerloom-weights')
    fail(
      "the file is not a Layerloom weights file (format is not 'layerloom-weights')",
      'format',
      file,
    );
  if (d.version !== 1)
    fail(`unsupported version ${String(d.version)}; expected 1`, 'version', file);
  if (!Array.isArray(d.tensors)) fail('"tensors" must be an array', 'tensors', file);
  const seen = new Set<string>();
  return d.tensors.map((t, i) => {
    const at = `tensors[${i}]`;
    if (typeof t?.name !== 'string' || t.name === '')
      fail('a tensor needs a non-empty name', at, file);
    if (seen.has(t.name)) fail(`tensor '${t.name}' appears twice`, at, file);
    seen.add(t.name);
    if (t.dtype !== 'float32')
      fail(`dtype must be 'float32', got ${JSON.stringify(t.dtype)}`, at, file);
    if (!Array.isArray(t.shape) || !t.shape.every((n) => Number.isInteger(n) && n >= 0))
      fail('shape must be a list of non-negative integers', at, file);
    const size = sizeOf(t.shape);
    if (!Array.isArray(t.values) || t.values.length !== size)
      fail(`'${t.name}' needs ${size} values for shape [${t.shape.join(', ')}]`, at, file);
    if (!t.values.every((v) => typeof v === 'number'))
      fail(`'${t.name}' has a value that is not a number`, at, file);
    return { name: t.name, shape: [...t.shape], data: Float32Array.from(t.values) };
  });
}
