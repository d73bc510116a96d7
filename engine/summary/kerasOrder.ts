// The order in which Keras 3 lists a functional model's layers (`model.layers`, which the summary
// prints), reproduced from keras/src/ops/function.py (`map_graph`, `_build_map`), and whether the
// summary treats the model as sequential-like (keras/src/utils/summary_utils.py).
//
// Keras walks the graph depth-first from each output in output order, numbering every layer when
// it is first entered (pre-order). A layer's depth is the length of the longest path from it to
// an output. `model.layers` lists depths from deepest to shallowest and, within one depth, by that
// pre-order number. Model inputs that no output depends on get depth 0 and number -1, so they come
// first among the depth-0 layers, in model input order. Layers that no output depends on (and that
// are not model inputs) are not part of the Keras model at all and are left out.
//
// Invariant: every layer here is called exactly once, so a layer is a Keras node.
import { LoomError } from '../errors.ts';
import type { SummaryLayer, SummaryModel } from './types.ts';

/** What Keras's map_graph learns about a model. */
export interface KerasGraph {
  /** Layers in Keras order (`model.layers`). */
  layers: SummaryLayer[];
  /** Keras's depth of every listed layer. */
  depth: Map<string, number>;
  /** Keras's `nodes_by_depth`: the layers of each depth, in Keras order. */
  byDepth: Map<number, SummaryLayer[]>;
  /** True for layers that start the graph (model inputs and layers without inbound layers). */
  isInput: (layer: SummaryLayer) => boolean;
}

/** Maps a model's graph the way Keras does; throws LoomError on unknown names, cycles and duplicates. */
export function mapGraph(model: SummaryModel): KerasGraph {
  const byName = indexLayers(model);
  const inputNames = new Set(model.inputs);
  const isInput = (layer: SummaryLayer) => inputNames.has(layer.name) || layer.inbound.length === 0;
  const { postorder, traversalIndex } = buildMap(model, byName, isInput);

  // Reverse post-order visits every layer after all layers that consume it.
  const depth = new Map<string, number>();
  for (let i = postorder.length - 1; i >= 0; i--) {
    const layer = postorder[i];
    const d = depth.get(layer.name) ?? 0;
    depth.set(layer.name, d);
    if (isInput(layer)) continue;
    for (const parent of layer.inbound) depth.set(parent, Math.max(d + 1, depth.get(parent) ?? 0));
  }
  const visited = postorder.slice().reverse();
  for (const name of model.inputs) {
    if (depth.has(name)) continue;
    depth.set(name, 0);
    traversalIndex.set(name, -1);
    visited.push(byName.get(name)!);
  }

  for (const layer of visited)
    if (layer.inbound.length === 0 && !inputNames.has(layer.name))
      throw new LoomError(
        'graph/structure',
        `layer '${layer.name}' has no inputs but is not a model input`,
        { node: layer.name },
        'Connect it to an Input layer, or make it an Input layer.',
      );

  const byDepth = new Map<number, SummaryLayer[]>();
  for (const layer of visited) {
    const d = depth.get(layer.name)!;
    if (!byDepth.has(d)) byDepth.set(d, []);
    byDepth.get(d)!.push(layer);
  }
  const depths = [...byDepth.keys()].sort((a, b) => b - a);
  const layers: SummaryLayer[] = [];
  for (const d of depths) {
    // Array.prototype.sort is stable, like Python's sort: ties (-1) keep model input order.
    const group = byDepth
      .get(d)!
      .sort((a, b) => traversalIndex.get(a.name)! - traversalIndex.get(b.name)!);
    layers.push(...group);
  }
  const ordered = new Map(depths.map((d) => [d, byDepth.get(d)!]));
  return { layers, depth, byDepth: ordered, isInput };
}

/** The layers in the order Keras 3 lists them in `model.layers` and `model.summary()`. */
export function kerasOrder(model: SummaryModel): SummaryLayer[] {
  return mapGraph(model).layers;
}

/**
 * True when Keras's summary treats the functional model as a plain stack: every depth holds
 * exactly one layer and no layer has more than one input tensor.
 */
export function isSequentialLike(model: SummaryModel): boolean {
  return graphIsSequentialLike(mapGraph(model));
}

/** isSequentialLike for an already mapped graph. */
export function graphIsSequentialLike(graph: KerasGraph): boolean {
  for (const group of graph.byDepth.values()) {
    if (group.length > 1) return false;
    const inputTensors = graph.isInput(group[0]) ? 0 : group[0].inbound.length;
    if (inputTensors > 1) return false;
  }
  return true;
}

function indexLayers(model: SummaryModel): Map<string, SummaryLayer> {
  const byName = new Map<string, SummaryLayer>();
  for (const layer of model.layers) {
    if (byName.has(layer.name)) {
      const count = model.layers.filter((l) => l.name === layer.name).length;
      throw new LoomError(
        'graph/structure',
        `the name '${layer.name}' is used ${count} times in the model`,
        { node: layer.name },
        'Give every layer a unique name.',
      );
    }
    byName.set(layer.name, layer);
  }
  const known = (name: string, role: string, where: string) => {
    if (!byName.has(name))
      throw new LoomError(
        'graph/structure',
        `${role} '${name}' is not a layer of the model`,
        { node: where },
        'Refer only to layers that exist in the model.',
      );
  };
  if (model.inputs.length === 0)
    throw new LoomError('graph/structure', 'the model has no inputs', {}, 'Add an Input layer.');
  if (model.outputs.length === 0)
    throw new LoomError(
      'graph/structure',
      'the model has no outputs',
      {},
      'Connect at least one layer after the inputs.',
    );
  for (const name of model.inputs) known(name, 'model input', name);
  for (const name of model.outputs) known(name, 'model output', name);
  for (const layer of model.layers)
    for (const name of layer.inbound) known(name, 'inbound layer', layer.name);
  return byName;
}

/**
 * Keras's _build_map: depth-first from each output in order, numbering layers in pre-order and
 * listing them in post-order (inputs first). Iterative so long chains cannot overflow the stack.
 */
function buildMap(
  model: SummaryModel,
  byName: Map<string, SummaryLayer>,
  isInput: (layer: SummaryLayer) => boolean,
): { postorder: SummaryLayer[]; traversalIndex: Map<string, number> } {
  const traversalIndex = new Map<string, number>();
  const finished = new Set<string>();
  const inProgress = new Set<string>();
  const postorder: SummaryLayer[] = [];
  const stack: { layer: SummaryLayer; next: number }[] = [];

  const enter = (name: string) => {
    if (finished.has(name)) return;
    if (inProgress.has(name))
      throw new LoomError(
        'graph/cycle',
        `layer '${name}' is part of a cycle`,
        { node: name },
        'Remove the connection that feeds a layer from its own output.',
      );
    if (!traversalIndex.has(name)) traversalIndex.set(name, traversalIndex.size);
    inProgress.add(name);
    stack.push({ layer: byName.get(name)!, next: 0 });
  };

  for (const output of model.outputs) {
    enter(output);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const parents = isInput(top.layer) ? [] : top.layer.inbound;
      if (top.next < parents.length) {
        enter(parents[top.next++]);
        continue;
      }
      stack.pop();
      inProgress.delete(top.layer.name);
      finished.add(top.layer.name);
      postorder.push(top.layer);
    }
  }
  return { postorder, traversalIndex };
}
