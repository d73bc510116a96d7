// TensorFlow.js layers format: model.json ({ format: 'layers-model', modelTopology,
// weightsManifest }) plus binary shards of little-endian float32 weights, at most 4 MB each, as
// tensorflowjs_converter writes them. tfjs-layers deserialises Keras-2-style topologies: dtype is
// the string 'float32', InputLayer has batch_input_shape, initializers are {class_name, config},
// and inbound_nodes are [[[layer, node, tensor, kwargs], …]]. Weight names are '<layer>/<weight>'.
// No training_config: tfjs's optimizer registry spells classes differently (RMSProp), and the
// Keras export carries the training setup instead.
import { sizeOf } from '../tensor.ts';
import type { ExportLayer, ExportModel } from './model.ts';

/** Largest shard the converter writes (4 MiB). */
export const TFJS_SHARD_BYTES = 4 * 1024 * 1024;

/** One entry of weightsManifest[].weights. */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** model.json plus shard files by name. */
export interface TfjsArtifacts {
  modelJson: Record<string, unknown>;
  /** Shard file name → bytes, in manifest order. */
  shards: Map<string, Uint8Array>;
  weightSpecs: TfjsWeightSpec[];
}

type Json = Record<string, unknown>;

/** Keras-2 form of a Keras 3 value: dtype policies → 'float32', serialised objects → {class_name, config}. */
function keras2(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => keras2(v));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Json;
  if (o.class_name === 'DTypePolicy') return (o.config as Json).name;
  if ('class_name' in o && 'config' in o && key !== 'config')
    return { class_name: o.class_name, config: keras2(o.config, 'config') };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, keras2(v, k)]));
}

/** A layer's config as tfjs-layers reads it. */
function tfjsLayerConfig(layer: ExportLayer): Json {
  const config = keras2(layer.def.kerasConfig(layer.params, layer.name)) as Json;
  if (layer.def.inputs.kind !== 'none') return config;
  const { batch_shape: batchShape, ...rest } = config;
  return { batch_input_shape: batchShape, ...rest };
}

/** The Keras-2-style model topology tfjs.loadLayersModel deserialises. */
export function tfjsTopology(model: ExportModel): Json {
  return {
    class_name: 'Model',
    config: {
      name: model.name,
      layers: model.layers.map((l) => ({
        class_name: l.def.kerasClass,
        config: tfjsLayerConfig(l),
        name: l.name,
        inbound_nodes: l.inbound.length ? [l.inbound.map((src) => [src, 0, 0, {}])] : [],
      })),
      input_layers: model.inputs.map((n) => [n, 0, 0]),
      output_layers: model.outputs.map((n) => [n, 0, 0]),
    },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
}

/** Builds model.json and its weight shards. */
export function writeTfjs(model: ExportModel, generatedBy = 'Layerloom'): TfjsArtifacts {
  const weightSpecs: TfjsWeightSpec[] = model.tensors.map((t) => ({
    name: t.name,
    shape: [...t.shape],
    dtype: 'float32',
  }));
  const total = model.tensors.reduce((n, t) => n + t.data.length * 4, 0);
  const all = new Uint8Array(total);
  const view = new DataView(all.buffer);
  let at = 0;
  for (const t of model.tensors)
    for (let i = 0; i < t.data.length; i++, at += 4) view.setFloat32(at, t.data[i], true);
  // A model without weights still gets one (empty) shard, as the converter writes.
  const count = Math.max(1, Math.ceil(total / TFJS_SHARD_BYTES));
  const shards = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++)
    shards.set(
      `group1-shard${i + 1}of${count}.bin`,
      all.slice(i * TFJS_SHARD_BYTES, Math.min(total, (i + 1) * TFJS_SHARD_BYTES)),
    );
  const modelJson = {
    format: 'layers-model',
    generatedBy,
    convertedBy: 'Layerloom',
    modelTopology: tfjsTopology(model),
    weightsManifest: [{ paths: [...shards.keys()], weights: weightSpecs }],
  };
  return { modelJson, shards, weightSpecs };
}

/** Concatenates shards back into one weight buffer (what tfjs's loaders do). */
export function joinShards(shards: Iterable<Uint8Array>): ArrayBuffer {
  const parts = [...shards];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.buffer;
}

/** Reads float32 tensors back from a weights manifest and the joined shard bytes. */
export function readTfjsWeights(
  specs: readonly TfjsWeightSpec[],
  data: ArrayBuffer,
): { name: string; shape: number[]; data: Float32Array }[] {
  const view = new DataView(data);
  let at = 0;
  return specs.map((s) => {
    const n = sizeOf(s.shape);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++, at += 4) values[i] = view.getFloat32(at, true);
    return { name: s.name, shape: [...s.shape], data: values };
  });
}
