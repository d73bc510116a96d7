// Turns an imported model topology into a Layerloom project (nodes laid out left → right by
// topological depth) and attaches named weight tensors to it with strict shape checks.
import { LoomError } from '../errors.ts';
import { parseProject } from '../document/parse.ts';
import { CURRENT_SCHEMA_VERSION, type Project, type ProjectEdge } from '../document/schema.ts';
import { storeWeight } from '../document/weights.ts';
import { inferShapes } from '../graph/infer.ts';
import { OUTPUT_PORT, SINGLE_INPUT_PORT, variadicPort } from '../graph/ports.ts';
import { getLayer } from '../layers/registry.ts';
import { sameShape, showShape, sizeOf } from '../tensor.ts';
import { mapKerasLayer } from './kerasLayers.ts';
import type { ImportedModel } from './topology.ts';

/** Horizontal distance between depth columns and vertical distance between nodes, in canvas px. */
const COLUMN_WIDTH = 260;
const ROW_HEIGHT = 140;

/** One named float32 tensor. */
export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

/** One tensor that was loaded into the project. */
export interface LoadedWeight {
  /** The tensor's name in the file, e.g. 'dense/kernel'. */
  tensor: string;
  node: string;
  param: string;
  shape: number[];
}

/** What an import loaded, for the UI and the CLI. */
export interface ImportReport {
  file: string;
  loaded: LoadedWeight[];
}

/** The project of an imported topology, without weights; throws when shapes do not fit. */
export function buildProject(model: ImportedModel, file: string): Project {
  const depth = new Map<string, number>();
  for (const l of topologicalOrder(model, file))
    depth.set(l.name, Math.max(0, ...l.inputs.map((n) => depth.get(n)! + 1)));
  const rows = new Map<number, number>();
  const nodes = model.layers.map((l) => {
    const { type, params } = mapKerasLayer(l.className, l.name, l.config);
    const d = depth.get(l.name)!;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    return {
      id: l.name,
      type,
      name: l.name,
      params,
      position: { x: d * COLUMN_WIDTH, y: row * ROW_HEIGHT },
    };
  });
  const typeOf = new Map(nodes.map((n) => [n.id, n.type]));
  const edges: ProjectEdge[] = [];
  for (const l of model.layers) {
    const variadic = getLayer(typeOf.get(l.name)!).inputs.kind === 'variadic';
    l.inputs.forEach((src, i) => {
      const port = variadic ? variadicPort(i) : SINGLE_INPUT_PORT;
      edges.push({
        id: `${src}->${l.name}:${port}`,
        source: { node: src, port: OUTPUT_PORT },
        target: { node: l.name, port },
      });
    });
  }
  const project = parseProject(
    { schemaVersion: CURRENT_SCHEMA_VERSION, name: model.name, nodes, edges },
    { file },
  );
  checkValid(project, file);
  return project;
}

/** Layers in an order where every layer comes after its inputs; a cycle is a LoomError. */
function topologicalOrder(model: ImportedModel, file: string): ImportedModel['layers'] {
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: ImportedModel['layers'] = [];
  for (const root of model.layers) {
    // Iterative DFS so a long chain cannot overflow the stack.
    const stack: [string, number][] = [[root.name, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const layer = byName.get(top[0])!;
      if (top[1] === 0) {
        if (state.get(layer.name) === 'done') {
          stack.pop();
          continue;
        }
        state.set(layer.name, 'visiting');
      }
      if (top[1] < layer.inputs.length) {
        const next = layer.inputs[top[1]++];
        if (state.get(next) === 'visiting')
          throw new LoomError(
            'import/model',
            `the model's layers form a cycle through '${next}'`,
            { file, node: next },
            'Export the model again; Keras models are acyclic.',
          );
        if (state.get(next) !== 'done') stack.push([next, 0]);
        continue;
      }
      state.set(layer.name, 'done');
      order.push(layer);
      stack.pop();
    }
  }
  return order;
}

/** Throws the first error shape inference reports, pinned to its layer. */
function checkValid(project: Project, file: string): ReturnType<typeof inferShapes> {
  const inf = inferShapes(project);
  const err = inf.diagnostics.find((d) => d.severity === 'error');
  if (err)
    throw new LoomError(
      'import/model',
      `the imported model is not valid in Layerloom: ${err.message}`,
      { file, node: err.node, port: err.port },
      'Check the layer in Keras; its input shapes must fit as they do there.',
    );
  return inf;
}

/**
 * A copy of `project` whose weights are exactly `tensors` (named '<layer name>/<param>'). Every
 * parameter must be given with its exact shape and no tensor may be left over.
 */
export function withWeights(
  project: Project,
  tensors: ReadonlyMap<string, NamedTensor>,
  file: string,
): { project: Project; report: ImportReport } {
  const inf = checkValid(project, file);
  // A Map, not an object literal: node ids are untrusted text and may be '__proto__'.
  const weights = new Map<string, Map<string, ReturnType<typeof storeWeight>>>();
  const loaded: LoadedWeight[] = [];
  const used = new Set<string>();
  for (const node of project.nodes) {
    for (const spec of inf.nodes.get(node.id)?.weights ?? []) {
      const name = `${node.name}/${spec.name}`;
      const t = tensors.get(name);
      if (!t)
        throw new LoomError(
          'import/weights',
          `the tensor '${name}' (shape ${showShape(spec.shape)}) is missing`,
          { file, node: node.name, param: spec.name },
          `Save every weight of the model; the file has: ${[...tensors.keys()].join(', ') || 'nothing'}.`,
        );
      if (!sameShape(t.shape, spec.shape))
        throw new LoomError(
          'import/weights',
          `the tensor '${name}' has shape ${showShape(t.shape)} but the layer needs ${showShape(spec.shape)}`,
          { file, node: node.name, param: spec.name },
          'Load weights saved from the same model architecture.',
        );
      if (t.data.length !== sizeOf(t.shape))
        throw new LoomError(
          'import/weights',
          `the tensor '${name}' has ${t.data.length} values, its shape ${showShape(t.shape)} needs ${sizeOf(t.shape)}`,
          { file, node: node.name, param: spec.name },
          'The file is damaged; save it again.',
        );
      if (!weights.has(node.id)) weights.set(node.id, new Map());
      weights.get(node.id)!.set(spec.name, storeWeight(t.shape, t.data));
      loaded.push({ tensor: name, node: node.id, param: spec.name, shape: [...t.shape] });
      used.add(name);
    }
  }
  const extra = [...tensors.keys()].filter((n) => !used.has(n));
  if (extra.length > 0)
    throw new LoomError(
      'import/weights',
      `the tensor '${extra[0]}' (shape ${showShape(tensors.get(extra[0])!.shape)}) matches no parameter of the model` +
        (extra.length > 1 ? ` (and ${extra.length - 1} more)` : ''),
      { file },
      `Tensors are named '<layer>/<param>'; the model's are: ${loaded.map((l) => l.tensor).join(', ') || 'none'}.`,
    );
  const stored = Object.fromEntries([...weights].map(([id, w]) => [id, Object.fromEntries(w)]));
  return { project: { ...project, weights: stored }, report: { file, loaded } };
}
