// Reads a Keras model topology — Sequential or Functional ("Model" in TF.js), as tf.keras 2, Keras 3
// and TensorFlow.js write it — into a flat list of layers with their input layers in call order.
// Only the graph is read here; layer configs are mapped by kerasLayers.ts. Invariant: every layer is
// called exactly once (Layerloom has no shared layers), so a layer name identifies its one output.
import { LoomError } from '../errors.ts';
import { field, isObject, type JsonObject } from './json.ts';
import { checkSupportedClass } from './kerasLayers.ts';

/** One layer of an imported model. */
export interface ImportedLayer {
  name: string;
  className: string;
  config: JsonObject;
  /** Names of the layers feeding it, in input order (port in, or in0, in1, …). */
  inputs: string[];
}

/** A model topology reduced to what a Layerloom project needs. */
export interface ImportedModel {
  name: string;
  kind: 'Sequential' | 'Functional';
  /** Layers in the file's order. */
  layers: ImportedLayer[];
  /** Output layer names in model order. */
  outputs: string[];
}

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);
/** Most layers a model may have; a hostile file cannot make the graph code run for long. */
export const MAX_IMPORT_LAYERS = 10_000;

type Fail = (what: string, fix?: string) => never;

/** Reads `{ class_name, config }` of a Keras model; `file` labels errors. */
export function readKerasTopology(topology: unknown, file: string): ImportedModel {
  const fail: Fail = (what, fix = 'Export the model again from Keras or TensorFlow.js.') => {
    throw new LoomError('import/model', what, { file }, fix);
  };
  if (!isObject(topology)) return fail('the model topology is not a JSON object');
  const className = field(topology, 'class_name');
  if (typeof className !== 'string' || !MODEL_CLASSES.has(className))
    return fail(
      `the model class ${JSON.stringify(className)} is not supported; expected Sequential, Functional or Model`,
      'Save a Sequential or functional Keras model (subclassed models have no readable topology).',
    );
  const config = field(topology, 'config');
  if (className === 'Sequential') return readSequential(config, fail);
  if (!isObject(config)) return fail("the model's config is not a JSON object");
  return readFunctional(config, fail);
}

function layerList(raw: unknown, fail: Fail): JsonObject[] {
  if (!Array.isArray(raw)) return fail("the model's config has no 'layers' list");
  if (raw.length > MAX_IMPORT_LAYERS)
    return fail(`the model has ${raw.length} layers, more than the ${MAX_IMPORT_LAYERS} supported`);
  return raw.map((l, i) => (isObject(l) ? l : fail(`layer ${i} is not a JSON object`)));
}

/** The class name, name and config of one serialised layer; unsupported classes fail here. */
function layerHeader(l: JsonObject, i: number, fail: Fail): Omit<ImportedLayer, 'inputs'> {
  const className = field(l, 'class_name');
  const config = field(l, 'config');
  if (typeof className !== 'string') return fail(`layer ${i} has no 'class_name'`);
  if (!isObject(config)) return fail(`layer ${i} (${className}) has no 'config' object`);
  const name = field(l, 'name') ?? field(config, 'name');
  if (typeof name !== 'string' || name.length === 0 || name.length > 200)
    return fail(`layer ${i} (${className}) has no valid 'name' (1 to 200 characters)`);
  // Layer names become node ids and JSON keys; this one would vanish when the project is saved.
  if (name === '__proto__')
    return fail(`layer ${i} (${className}) has the reserved name '__proto__'`);
  checkSupportedClass(className, name);
  return { name, className, config };
}

function modelName(config: JsonObject): string {
  const n = field(config, 'name');
  return typeof n === 'string' && n.length > 0 ? n.slice(0, 200) : 'imported';
}

/** A chain: each layer feeds the next. Without an InputLayer, the first layer's input shape makes one. */
function readSequential(config: unknown, fail: Fail): ImportedModel {
  // tf.keras before 2.2 and some TF.js files store the layer list directly as the config.
  const raw = Array.isArray(config) ? config : isObject(config) ? field(config, 'layers') : null;
  const headers = layerList(raw, fail).map((l, i) => layerHeader(l, i, fail));
  if (headers.length === 0) return fail('the Sequential model has no layers');
  const name = isObject(config) ? modelName(config) : 'sequential';
  const layers: ImportedLayer[] = [];
  if (headers[0].className !== 'InputLayer') {
    const first = headers[0].config;
    const shape =
      field(first, 'batch_input_shape') ??
      field(first, 'batch_shape') ??
      (isObject(config) ? field(config, 'build_input_shape') : undefined);
    if (shape === undefined || shape === null)
      return fail(
        `the Sequential model does not say its input shape (layer '${headers[0].name}' has no batch_input_shape)`,
        'Build the model with an Input (keras.Input(shape=…)) before saving it.',
      );
    let inputName = `${headers[0].name}_input`;
    const taken = new Set(headers.map((h) => h.name));
    while (taken.has(inputName)) inputName += '_';
    layers.push({
      name: inputName,
      className: 'InputLayer',
      config: { batch_shape: shape, name: inputName },
      inputs: [],
    });
  }
  for (const h of headers) {
    if (h.className === 'InputLayer' && layers.length > 0)
      return fail(`the Sequential model has a second InputLayer '${h.name}'`);
    layers.push({ ...h, inputs: layers.length ? [layers[layers.length - 1].name] : [] });
  }
  checkUniqueNames(layers, fail);
  return { name, kind: 'Sequential', layers, outputs: [layers[layers.length - 1].name] };
}

function readFunctional(config: JsonObject, fail: Fail): ImportedModel {
  const raw = layerList(field(config, 'layers'), fail);
  const layers = raw.map((l, i) => ({
    ...layerHeader(l, i, fail),
    inputs: inboundLayers(field(l, 'inbound_nodes'), i, fail),
  }));
  checkUniqueNames(layers, fail);
  const names = new Set(layers.map((l) => l.name));
  for (const l of layers) {
    for (const src of l.inputs)
      if (!names.has(src))
        fail(`layer '${l.name}' is fed by '${src}', which is not a layer of the model`);
    if (l.inputs.length === 0 && l.className !== 'InputLayer')
      fail(`layer '${l.name}' (${l.className}) has no inputs`);
    if (l.inputs.length > 0 && l.className === 'InputLayer')
      fail(`the InputLayer '${l.name}' has inbound layers`);
  }
  const inputs = layerRefs(field(config, 'input_layers'), 'input_layers', fail);
  const outputs = layerRefs(field(config, 'output_layers'), 'output_layers', fail);
  for (const n of [...inputs, ...outputs])
    if (!names.has(n)) fail(`the model lists '${n}' as an input or output, but has no such layer`);
  const classOf = new Map(layers.map((l) => [l.name, l.className]));
  for (const n of inputs)
    if (classOf.get(n) !== 'InputLayer') fail(`the model input '${n}' is not an InputLayer`);
  // Layerloom's outputs are the layers nothing consumes, so they must be exactly the model's outputs.
  const consumed = new Set(layers.flatMap((l) => l.inputs));
  for (const n of outputs)
    if (consumed.has(n))
      fail(
        `the output '${n}' also feeds other layers, which Layerloom cannot express`,
        'Add an Activation("linear") layer after it and make that the output.',
      );
  const isOutput = new Set(outputs);
  for (const l of layers)
    if (!consumed.has(l.name) && !isOutput.has(l.name))
      fail(`layer '${l.name}' feeds nothing and is not a model output`);
  return { name: modelName(config), kind: 'Functional', layers, outputs };
}

function checkUniqueNames(layers: readonly ImportedLayer[], fail: Fail): void {
  const seen = new Set<string>();
  for (const l of layers) {
    if (seen.has(l.name)) fail(`two layers are named '${l.name}'`);
    seen.add(l.name);
  }
}

/** input_layers/output_layers: [[name, 0, 0], …], or Keras 3's bare [name, 0, 0] for one tensor. */
function layerRefs(raw: unknown, key: string, fail: Fail): string[] {
  if (!Array.isArray(raw) || raw.length === 0) return fail(`the model's '${key}' is missing`);
  const refs = typeof raw[0] === 'string' ? [raw] : raw;
  return refs.map((r) => historyName(r, `'${key}'`, fail));
}

/** [name, nodeIndex, tensorIndex(, kwargs)] → name; only a layer's first call and output exist here. */
function historyName(ref: unknown, what: string, fail: Fail): string {
  if (!Array.isArray(ref) || ref.length < 3 || typeof ref[0] !== 'string')
    return fail(`${what} holds a reference that is not [layer name, node index, tensor index]`);
  if (ref[1] !== 0 || ref[2] !== 0)
    return fail(
      `${what} uses call ${JSON.stringify(ref[1])}, output ${JSON.stringify(ref[2])} of layer '${ref[0]}'; ` +
        'Layerloom supports layers called once with one output',
      'Use a separate layer for each call (no shared layers).',
    );
  return ref[0];
}

/** The input layer names of one layer from its inbound_nodes (Keras 2 arrays or Keras 3 dicts). */
function inboundLayers(raw: unknown, i: number, fail: Fail): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return fail(`layer ${i}'s 'inbound_nodes' is not a list`);
  if (raw.length === 0) return [];
  if (raw.length > 1)
    return fail(
      `layer ${i} is called ${raw.length} times (a shared layer), which Layerloom does not support`,
      'Use a separate layer for each call.',
    );
  const node: unknown = raw[0];
  const what = `layer ${i}'s inbound node`;
  if (Array.isArray(node)) return node.map((ref) => historyName(ref, what, fail));
  if (!isObject(node)) return fail(`${what} is neither a list nor an {args, kwargs} object`);
  const args = field(node, 'args');
  if (!Array.isArray(args)) return fail(`${what} has no 'args' list`);
  const names: string[] = [];
  collectTensors(args, names, what, fail, 0);
  return names;
}

/** Keras 3 call args: tensors ({class_name: '__keras_tensor__'}) alone or in (nested) lists. */
function collectTensors(v: unknown, out: string[], what: string, fail: Fail, depth: number): void {
  if (depth > 4) fail(`${what} nests its arguments too deeply`);
  if (Array.isArray(v)) {
    for (const x of v) collectTensors(x, out, what, fail, depth + 1);
    return;
  }
  if (!isObject(v) || field(v, 'class_name') !== '__keras_tensor__') return;
  const config = field(v, 'config');
  out.push(historyName(isObject(config) ? field(config, 'keras_history') : null, what, fail));
}
