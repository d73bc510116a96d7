// TensorFlow.js layers models: model.json (topology + weightsManifest) and its binary weight shards.
// Shards of one manifest group are concatenated in `paths` order and sliced in `weights` order, as
// tfjs-core's io.decodeWeights does. Only float32, unquantised weights are read.
import { LoomError } from '../errors.ts';
import type { Project } from '../document/schema.ts';
import { baseName } from '../data/dataset.ts';
import { sizeOf } from '../tensor.ts';
import { decodeUtf8, field, isObject, parseJsonStrict, type JsonObject } from './json.ts';
import { buildProject, withWeights, type ImportReport, type NamedTensor } from './project.ts';
import { readKerasTopology } from './topology.ts';

/** Weight shard bytes by file name as model.json's `paths` give them (or their base names). */
export type ShardFiles = ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;

const FIX = 'Save the model again with model.save() or tensorflowjs_converter (layers format).';

/** Imports a TF.js layers model (model.json text or bytes + its shards) as a project with weights. */
export function importTfjsModel(
  modelJson: string | Uint8Array,
  shards: ShardFiles = new Map(),
  file = 'model.json',
): { project: Project; report: ImportReport } {
  const text =
    typeof modelJson === 'string'
      ? modelJson
      : decodeUtf8(modelJson, 'import/model', { file }, FIX);
  const root = parseJsonStrict(text, 'import/model', { file }, FIX);
  if (!isObject(root))
    throw new LoomError('import/model', 'model.json is not a JSON object', { file }, FIX);
  const format = field(root, 'format');
  if (format !== undefined && format !== 'layers-model')
    throw new LoomError(
      'import/unsupported',
      `the model format ${JSON.stringify(format)} is not supported (only 'layers-model')`,
      { file },
      'Convert the Keras model with tensorflowjs_converter --output_format=tfjs_layers_model.',
    );
  let topology = field(root, 'modelTopology');
  // Files converted from Keras .h5 wrap the model in { keras_version, backend, model_config }.
  if (isObject(topology) && isObject(field(topology, 'model_config')))
    topology = field(topology, 'model_config');
  const project = buildProject(readKerasTopology(topology, file), file);
  const manifest = field(root, 'weightsManifest');
  if (manifest === undefined) return { project, report: { file, loaded: [] } };
  return withWeights(project, readManifest(manifest, toMap(shards), file), file);
}

function toMap(shards: ShardFiles): ReadonlyMap<string, Uint8Array> {
  return shards instanceof Map
    ? shards
    : new Map(Object.entries(shards as Readonly<Record<string, Uint8Array>>));
}

/** 'dense_Dense1/kernel', 'model/dense/kernel_1:0' → 'dense_Dense1/kernel', 'dense/kernel'. */
function tensorKey(name: string): string {
  const parts = name.split('/');
  if (parts.length < 2) return name;
  // TF.js suffixes repeated variable names with _<n>; Keras 2 converters may keep TF's ':0'.
  const param = parts[parts.length - 1].replace(/:\d+$/, '').replace(/^(kernel|bias)_\d+$/, '$1');
  return `${parts[parts.length - 2]}/${param}`;
}

/** Every tensor of the manifest by '<layer>/<param>', sliced out of its group's shards. */
function readManifest(
  manifest: unknown,
  shards: ReadonlyMap<string, Uint8Array>,
  file: string,
): Map<string, NamedTensor> {
  const fail = (what: string, fix = FIX): never => {
    throw new LoomError('import/weights', what, { file }, fix);
  };
  if (!Array.isArray(manifest)) return fail("'weightsManifest' is not a list");
  const out = new Map<string, NamedTensor>();
  manifest.forEach((group: unknown, g) => {
    if (!isObject(group)) return fail(`weightsManifest[${g}] is not an object`);
    const bytes = groupBytes(group, g, shards, fail);
    const weights = field(group, 'weights');
    if (!Array.isArray(weights)) return fail(`weightsManifest[${g}] has no 'weights' list`);
    let offset = 0;
    for (const w of weights as unknown[]) {
      if (!isObject(w)) return fail(`weightsManifest[${g}] holds a weight that is not an object`);
      const { name, shape } = weightEntry(w, fail);
      const byteLength = sizeOf(shape) * 4;
      // Written as !(…<=…) so a NaN size (0 × an overflowed product) is refused too.
      if (!(offset + byteLength <= bytes.length))
        fail(
          `the weight '${name}' (shape [${shape.join(', ')}]) needs bytes ${offset}..${offset + byteLength} but the shards of group ${g} hold ${bytes.length}`,
          'Copy every .bin file that model.json lists.',
        );
      const key = tensorKey(name);
      if (out.has(key)) fail(`two weights are named '${key}'`);
      const data = new Float32Array(byteLength / 4);
      const view = new DataView(bytes.buffer, bytes.byteOffset + offset, byteLength);
      for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
      out.set(key, { shape, data });
      offset += byteLength;
    }
    if (offset !== bytes.length)
      fail(`the shards of group ${g} hold ${bytes.length} bytes but its weights use ${offset}`);
  });
  return out;
}

function weightEntry(w: JsonObject, fail: (what: string, fix?: string) => never) {
  const name = field(w, 'name');
  if (typeof name !== 'string' || name === '') return fail('a weight has no name');
  const dtype = field(w, 'dtype');
  if (dtype !== 'float32')
    fail(
      `the weight '${name}' has dtype ${JSON.stringify(dtype)}; only float32 is supported`,
      'Convert without quantisation and with float32 weights.',
    );
  if (field(w, 'quantization') !== undefined)
    fail(`the weight '${name}' is quantised`, 'Convert without --quantize_* options.');
  const shape = field(w, 'shape');
  if (
    !Array.isArray(shape) ||
    shape.length > 32 ||
    !shape.every((d) => Number.isInteger(d) && d >= 0 && d <= 2 ** 31)
  )
    return fail(`the weight '${name}' has an invalid shape ${JSON.stringify(shape)}`);
  return { name, shape: shape as number[] };
}

/** A group's shards joined in `paths` order; a missing shard is a LoomError naming it. */
function groupBytes(
  group: JsonObject,
  g: number,
  shards: ReadonlyMap<string, Uint8Array>,
  fail: (what: string, fix?: string) => never,
): Uint8Array {
  const paths = field(group, 'paths');
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string'))
    return fail(`weightsManifest[${g}] has no 'paths' list of file names`);
  const parts = (paths as string[]).map((p) => {
    const bytes = shards.get(p) ?? shards.get(baseName(p));
    if (!bytes)
      return fail(
        `the weight shard '${p}' is missing`,
        'Open model.json together with every .bin file it lists.',
      );
    return bytes;
  });
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
