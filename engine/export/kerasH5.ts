// model.weights.h5 as Keras 3's saving_lib H5IOStore lays it out. _save_state walks the model:
// the model's own variables go to the root group 'vars' (none for a Functional model), then
// `model.layers` as a container — each layer under 'layers/<snake_case class name>[_k]' (k counts
// repeats of a class in Keras order, not the layer's own name) with its variables as datasets
// 'vars/0', 'vars/1', … in the layer's order (Dense: kernel, bias) — then the optimizer under
// 'optimizer/vars' (iterations, learning_rate: the state of an optimizer that has not stepped).
// Written with h5wasm (HDF5 compiled to WebAssembly) in its in-memory file system.
import type { Dataset, Group } from 'h5wasm';
import { LoomError } from '../errors.ts';
import type { ExportModel } from './model.ts';

/** keras.src.utils.naming.to_snake_case of a class name: 'InputLayer' → 'input_layer'. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * The H5 group name of each layer, from the Keras class names of `model.layers` in order, as
 * _save_container_state names them: '<snake_case class>', then '<snake_case class>_<k>' for the
 * k-th repeat of a class (not the layer's own name).
 */
export function kerasLayerDirs(classNames: readonly string[]): string[] {
  const used = new Map<string, number>();
  return classNames.map((c) => {
    const base = toSnakeCase(c);
    const n = used.get(base);
    used.set(base, n === undefined ? 0 : n + 1);
    return n === undefined ? base : `${base}_${n + 1}`;
  });
}

/** The H5 group of each layer ('layers/dense_1'), in Keras order. */
export function kerasLayerPaths(model: ExportModel): string[] {
  return kerasLayerDirs(model.layers.map((l) => l.def.kerasClass)).map((d) => `layers/${d}`);
}

/** One dataset of the weights file: its full path, shape and values. */
export interface H5Var {
  path: string;
  shape: number[];
  data: Float32Array | BigInt64Array;
}

/** Every dataset Keras writes for this model, in write order. */
export function kerasH5Vars(model: ExportModel, learningRate: number): H5Var[] {
  const vars: H5Var[] = [];
  kerasLayerPaths(model).forEach((path, i) =>
    model.layers[i].tensors.forEach((t, k) =>
      vars.push({ path: `${path}/vars/${k}`, shape: [...t.shape], data: t.data }),
    ),
  );
  vars.push({ path: 'optimizer/vars/0', shape: [], data: new BigInt64Array([0n]) });
  vars.push({
    path: 'optimizer/vars/1',
    shape: [],
    data: new Float32Array([learningRate]),
  });
  return vars;
}

let fileCounter = 0;

/** h5wasm, loaded on first use so apps that never write .keras files do not pay for its WASM. */
async function loadH5() {
  const h5wasm = (await import('h5wasm')).default;
  const Module = await h5wasm.ready;
  return { h5wasm, FS: Module.FS };
}

/** Creates (or opens) the group at a slash-separated path, one level at a time. */
function ensureGroup(root: Group, path: string): Group {
  let g = root;
  for (const part of path.split('/')) {
    const existing = g.get(part);
    g = (existing as Group | null) ?? g.create_group(part);
  }
  return g;
}

/** Writes model.weights.h5 bytes: 'vars', 'layers/<name>/vars/<i>', 'optimizer/vars/<i>'. */
export async function writeKerasWeightsH5(
  model: ExportModel,
  learningRate: number,
): Promise<Uint8Array> {
  const { h5wasm, FS } = await loadH5();
  const name = `/layerloom-export-${++fileCounter}.weights.h5`;
  // HDF5 1.10 object formats: readable by every h5py that Keras 3 supports.
  try {
    const f = new h5wasm.File(name, 'w', { libver: ['earliest', 'v110'] });
    try {
      f.create_group('vars');
      for (const path of kerasLayerPaths(model)) ensureGroup(f, `${path}/vars`);
      ensureGroup(f, 'optimizer/vars');
      for (const v of kerasH5Vars(model, learningRate)) {
        const slash = v.path.lastIndexOf('/');
        ensureGroup(f, v.path.slice(0, slash)).create_dataset({
          name: v.path.slice(slash + 1),
          data: v.data,
          shape: v.shape,
          dtype: v.data instanceof BigInt64Array ? '<q' : '<f',
        });
      }
    } finally {
      f.close();
    }
    return new Uint8Array(FS.readFile(name));
  } finally {
    // The in-memory file system is shared by every export: never leave a file behind.
    if (FS.analyzePath(name).exists) FS.unlink(name);
  }
}

/** Reads every dataset of an .h5 file (path → shape, dtype, values), for checks and import. */
export async function readH5Datasets(
  bytes: Uint8Array,
): Promise<Map<string, { shape: number[]; dtype: string; value: unknown }>> {
  const { h5wasm, FS } = await loadH5();
  const name = `/layerloom-read-${++fileCounter}.h5`;
  FS.writeFile(name, bytes);
  const out = new Map<string, { shape: number[]; dtype: string; value: unknown }>();
  let f: InstanceType<typeof h5wasm.File> | null = null;
  try {
    f = new h5wasm.File(name, 'r');
    const walk = (g: Group, prefix: string) => {
      for (const key of g.keys()) {
        const child = g.get(key);
        const path = prefix ? `${prefix}/${key}` : key;
        if (child instanceof h5wasm.Group) {
          out.set(`${path}/`, { shape: [], dtype: 'group', value: null });
          walk(child, path);
        } else if (child instanceof h5wasm.Dataset) {
          const d = child as Dataset;
          out.set(path, { shape: d.shape ?? [], dtype: String(d.dtype), value: d.value });
        }
      }
    };
    walk(f, '');
  } catch (e) {
    throw new LoomError(
      'io/read',
      `the HDF5 file cannot be read (${(e as Error).message})`,
      {},
      'Check that the file is an HDF5 weights file.',
    );
  } finally {
    f?.close();
    FS.unlink(name);
  }
  return out;
}
