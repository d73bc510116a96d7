// Binds dataset arrays to the model: each Input gets an [N × features] matrix and each output an
// [N × target] matrix, built from the project's bindings, shape-checked, and scaled as asked; and the
// split of bound data into training rows and Keras's validation rows.
import type { Binding, Project } from '../document/schema.ts';
import { LoomError } from '../errors.ts';
import type { Inference } from '../graph/infer.ts';
import { formatShape } from '../layers/shape.ts';
import { sizeOf, type TensorData } from '../tensor.ts';
import { getLoss } from '../train/losses.ts';

/** Sample-major float32 rows: row i is data[i·width, (i+1)·width). */
export interface Rows {
  data: Float32Array;
  width: number;
}

/** Model-ready data: one Rows per Input node and per output node (targets). */
export interface BoundData {
  n: number;
  inputs: Map<string, Rows>;
  targets: Map<string, Rows>;
}

/** Named arrays whose first axis is the sample axis (see engine/data). */
export type ArraySet = Record<string, TensorData>;

/** Binds arrays to every Input (and, unless `inputsOnly`, every output's target). */
export function bindData(
  doc: Project,
  inf: Inference,
  arrays: ArraySet,
  opts: { inputsOnly?: boolean; source?: string } = {},
): BoundData {
  let n: number | null = null;
  const checkN = (rows: number, what: string) => {
    if (n === null) n = rows;
    else if (rows !== n)
      throw new LoomError(
        'data/binding',
        `${what} has ${rows} samples but other bound data has ${n}`,
        { file: opts.source },
        'Bind arrays with the same number of samples (rows).',
      );
  };
  const trainRows = (count: number) =>
    Math.max(1, count - Math.floor(count * doc.training.validationSplit));
  const inputs = new Map<string, Rows>();
  for (const id of inf.inputs) {
    const info = inf.nodes.get(id)!;
    const binding = doc.data.inputs[id];
    if (!binding)
      throw new LoomError(
        'data/binding',
        `Input ${info.node.name} has no data bound to it`,
        { node: info.node.name },
        'Choose arrays or columns for it in the Data tab.',
      );
    const width = sizeOf((info.shape ?? []).slice(1) as number[]);
    const rows = gatherRows(
      binding,
      arrays,
      `Input ${info.node.name}`,
      info.node.name,
      opts.source,
    );
    checkN(rows.data.length / Math.max(rows.width, 1), `the data for Input ${info.node.name}`);
    if (rows.width !== width)
      throw new LoomError(
        'data/binding',
        `Input ${info.node.name} expects ${width} values per sample (shape ${info.shape ? formatShape(info.shape) : '?'}) but its data [${binding.arrays.join(', ')}] gives ${rows.width}`,
        { node: info.node.name },
        'Bind other columns/arrays or change the Input shape.',
      );
    inputs.set(id, scale(rows, binding.scale, trainRows(n!)));
  }
  const targets = new Map<string, Rows>();
  if (!opts.inputsOnly)
    for (const id of inf.outputs) {
      const info = inf.nodes.get(id)!;
      const binding = doc.data.targets[id];
      if (!binding)
        throw new LoomError(
          'data/binding',
          `output ${info.node.name} has no target data bound to it`,
          { node: info.node.name },
          'Choose the target arrays or columns for it in the Data tab.',
        );
      const spec = doc.training.losses[id] ?? doc.training.defaultLoss;
      const tShape = getLoss(spec.type).targetShape((info.shape ?? []).slice(1) as number[]);
      const width = sizeOf(tShape);
      const rows = gatherRows(
        binding,
        arrays,
        `target of ${info.node.name}`,
        info.node.name,
        opts.source,
      );
      checkN(rows.data.length / Math.max(rows.width, 1), `the target of ${info.node.name}`);
      if (rows.width !== width)
        throw new LoomError(
          'data/binding',
          `output ${info.node.name} (shape ${info.shape ? formatShape(info.shape) : '?'}, loss ${spec.type}) needs ${width} target value(s) per sample but [${binding.arrays.join(', ')}] gives ${rows.width}`,
          { node: info.node.name },
          spec.type === 'sparseCategoricalCrossentropy'
            ? 'Sparse categorical crossentropy takes one integer class id per sample.'
            : 'Bind other target columns/arrays or change the output layer.',
        );
      if (spec.type === 'sparseCategoricalCrossentropy')
        checkClassIds(
          rows,
          (info.shape ?? []).at(-1) ?? 0,
          info.node.name,
          binding.arrays.join(', '),
        );
      targets.set(id, scale(rows, binding.scale, trainRows(n!)));
    }
  return { n: n ?? 0, inputs, targets };
}

/** Sparse targets must be whole class ids in [0, classes): TF raises on others, we name the row. */
function checkClassIds(rows: Rows, classes: number, node: string, array: string): void {
  for (let i = 0; i < rows.data.length; i++) {
    const v = rows.data[i];
    if (!Number.isInteger(v) || v < 0 || v >= classes)
      throw new LoomError(
        'data/binding',
        `target ${v} is not a class id of output ${node}, which has ${classes} classes (0 to ${classes - 1})`,
        { node, array, row: i + 1 },
        'Use integer labels 0…classes−1, or change the output units or the loss.',
      );
  }
}

function gatherRows(b: Binding, arrays: ArraySet, what: string, node: string, file?: string): Rows {
  const parts = b.arrays.map((name) => {
    const a = arrays[name];
    if (!a)
      throw new LoomError(
        'data/binding',
        `${what} is bound to '${name}', which the data does not have (it has: ${Object.keys(arrays).join(', ') || 'nothing'})`,
        { node, array: name, file },
        'Pick one of the available arrays or columns.',
      );
    const n = a.shape.length ? a.shape[0] : 1;
    return { a, n, width: n ? a.data.length / n : 0 };
  });
  const n = parts[0].n;
  for (const p of parts)
    if (p.n !== n)
      throw new LoomError(
        'data/binding',
        `${what} combines arrays with different sample counts (${n} and ${p.n})`,
        { node, file },
        'Bind arrays of equal length.',
      );
  const width = parts.reduce((s, p) => s + p.width, 0);
  if (parts.length === 1) return { data: parts[0].a.data, width };
  const data = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    let o = i * width;
    for (const p of parts) {
      data.set(p.a.data.subarray(i * p.width, (i + 1) * p.width), o);
      o += p.width;
    }
  }
  return { data, width };
}

/** Scales a copy of the rows; 'standardize' uses statistics of the training rows only. */
function scale(rows: Rows, how: Binding['scale'], trainCount: number): Rows {
  if (how === 'none') return rows;
  const out = Float32Array.from(rows.data);
  if (how === 'div255') {
    for (let i = 0; i < out.length; i++) out[i] /= 255;
    return { data: out, width: rows.width };
  }
  const w = rows.width;
  const count = Math.min(trainCount, out.length / w);
  for (let j = 0; j < w; j++) {
    let mean = 0;
    for (let i = 0; i < count; i++) mean += out[i * w + j];
    mean /= count;
    let v = 0;
    for (let i = 0; i < count; i++) v += (out[i * w + j] - mean) ** 2;
    const std = Math.sqrt(v / count) || 1;
    for (let i = 0; i < out.length / w; i++) out[i * w + j] = (out[i * w + j] - mean) / std;
  }
  return { data: out, width: w };
}

/** Rows [from, to) of bound data (views, no copies); `to` is clamped to the row count. */
export function rowRange(data: BoundData, from: number, to: number): BoundData {
  const end = Math.min(to, data.n);
  const cut = (m: Map<string, Rows>) =>
    new Map(
      [...m].map(([k, r]) => [
        k,
        { width: r.width, data: r.data.subarray(from * r.width, end * r.width) },
      ]),
    );
  return { n: end - from, inputs: cut(data.inputs), targets: cut(data.targets) };
}

/** Splits bound data into training rows and the last `split` fraction (Keras's validation_split). */
export function splitValidation(
  data: BoundData,
  split: number,
): { train: BoundData; val: BoundData | null } {
  const nVal = Math.floor(data.n * split);
  if (nVal === 0) return { train: data, val: null };
  const nTrain = data.n - nVal;
  return { train: rowRange(data, 0, nTrain), val: rowRange(data, nTrain, data.n) };
}
