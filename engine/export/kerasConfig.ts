// The Keras 3 serialisation of a model, as keras.saving.serialize_keras_object writes it into a
// .keras archive's config.json: the Functional model (layers with build_config and inbound_nodes
// in Keras 3's {args, kwargs} form, input/output layers) plus compile_config (optimizer, loss,
// metrics). Layer configs come from each LayerDef.kerasConfig; optimizer configs from the
// optimizer registry; loss names from the loss registry.
import { parseConfig } from '../compile/compile.ts';
import type { Project } from '../document/schema.ts';
import type { SymShape } from '../layers/types.ts';
import { getLoss } from '../train/losses.ts';
import { getOptimizer } from '../train/optimizers/registry.ts';
import type { ExportLayer, ExportModel } from './model.ts';

/** The Keras release whose format this writer follows. */
export const KERAS_VERSION = '3.10.0';

type Json = Record<string, unknown>;

/** A symbolic tensor reference inside inbound_nodes: layer output `keras_history` [layer, 0, 0]. */
function kerasTensor(shape: SymShape, layer: string): Json {
  return {
    class_name: '__keras_tensor__',
    config: { shape: [...shape], dtype: 'float32', keras_history: [layer, 0, 0] },
  };
}

/** One entry of the Functional config's `layers`. */
export function kerasLayerEntry(layer: ExportLayer): Json {
  const entry: Json = {
    module: 'keras.layers',
    class_name: layer.def.kerasClass,
    config: layer.def.kerasConfig(layer.params, layer.name),
    registered_name: null,
  };
  if (layer.inbound.length === 0) return { ...entry, name: layer.name, inbound_nodes: [] };
  const tensors = layer.inbound.map((src, i) => kerasTensor(layer.inputShapes[i], src));
  // Merge layers are called with a list of tensors, others with one tensor.
  const variadic = layer.def.inputs.kind === 'variadic';
  const shapes = layer.inputShapes.map((s) => [...s]);
  return {
    ...entry,
    build_config: { input_shape: variadic ? shapes : shapes[0] },
    name: layer.name,
    inbound_nodes: [{ args: variadic ? [tensors] : [tensors[0]], kwargs: {} }],
  };
}

/** The loss of one output: its definition and the Keras constructor arguments of its settings. */
export function outputLoss(doc: Project, nodeId: string) {
  const spec = doc.training.losses[nodeId] ?? doc.training.defaultLoss;
  const def = getLoss(spec.type);
  const args = def.kerasArgs(parseConfig(def.params, spec.params, `${spec.type} loss settings`));
  return { spec, def, args };
}

/** The node ids of the model's outputs, in model order. */
export function outputNodeIds(model: ExportModel): string[] {
  return model.outputs.map((name) => model.layers.find((l) => l.name === name)!.nodeId);
}

/** The loss of one output as compile() receives it: a name, or a serialised Loss with its options. */
function kerasLoss(doc: Project, nodeId: string): unknown {
  const { spec, def, args } = outputLoss(doc, nodeId);
  const defaults = def.kerasArgs(parseConfig(def.params, {}, `${spec.type} loss settings`));
  if (JSON.stringify(args) === JSON.stringify(defaults)) return def.kerasName;
  return {
    module: 'keras.losses',
    class_name: def.kerasClass,
    config: { name: def.kerasName, reduction: 'sum_over_batch_size', ...args },
    registered_name: null,
  };
}

/** The serialised optimizer, as in compile_config. */
export function kerasOptimizer(doc: Project): Json {
  const { type, params } = doc.training.optimizer;
  const def = getOptimizer(type);
  const h = parseConfig(def.hyper, params, `${type} settings`);
  return {
    module: 'keras.optimizers',
    class_name: def.kerasClass,
    config: def.kerasConfig(h, doc.training.clipnorm),
    registered_name: null,
  };
}

/** Keras's compile_config for the project's training settings. */
export function kerasCompileConfig(model: ExportModel): Json {
  const { doc } = model;
  const outputIds = outputNodeIds(model);
  const loss =
    outputIds.length === 1
      ? kerasLoss(doc, outputIds[0])
      : Object.fromEntries(model.outputs.map((name, i) => [name, kerasLoss(doc, outputIds[i])]));
  const metrics = doc.training.metrics.length ? [...doc.training.metrics] : null;
  return {
    optimizer: kerasOptimizer(doc),
    loss,
    loss_weights: null,
    metrics,
    weighted_metrics: null,
    run_eagerly: false,
    steps_per_execution: 1,
    jit_compile: false,
  };
}

/** The whole config.json object: the serialised Functional model with its compile_config. */
export function kerasModelConfig(model: ExportModel): Json {
  // Keras writes a model built from one tensor as one [layer, node, tensor] triple, else a list.
  const refs = (names: string[]) =>
    names.length === 1 ? [names[0], 0, 0] : names.map((n) => [n, 0, 0]);
  return {
    module: 'keras.src.models.functional',
    class_name: 'Functional',
    config: {
      name: model.name,
      trainable: true,
      layers: model.layers.map(kerasLayerEntry),
      input_layers: refs(model.inputs),
      output_layers: refs(model.outputs),
    },
    registered_name: 'Functional',
    build_config: { input_shape: null },
    compile_config: kerasCompileConfig(model),
  };
}
