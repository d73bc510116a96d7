// The Data tab's shape checks: the width and sample-count checks of bindData (bind.ts), computed
// from array shapes alone, so bindings can be checked as they are edited without touching the data.
// Invariant: a binding bindingProblems calls fine passes bindData's width and count checks (the
// class-id check of sparse targets needs the values and is left to bindData).
import type { Binding, Project } from '../document/schema.ts';
import type { Inference } from '../graph/infer.ts';
import { formatShape } from '../layers/shape.ts';
import { sizeOf } from '../tensor.ts';
import { getLoss } from '../train/losses.ts';

/** Whether one Input's data or one output's target fits the model. */
export interface BindingStatus {
  /** The node id and its display name. */
  node: string;
  name: string;
  role: 'input' | 'target';
  ok: boolean;
  /** A sentence for the UI, e.g. "Input input expects 2 values per sample; [x] gives 2". */
  message: string;
  /** Values per sample the model expects, when known. */
  expected: number | null;
  /** Values per sample the bound arrays give, when they all exist. */
  actual: number | null;
  /** Samples of the bound arrays, when they all exist and agree. */
  samples: number | null;
}

/** The check of every binding of a project, by node id. */
export interface BindingReport {
  inputs: Record<string, BindingStatus>;
  targets: Record<string, BindingStatus>;
  /** The sample count every binding must share (the first bound one's), when known. */
  samples: number | null;
  ok: boolean;
}

const plural = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;

/** Values per sample of a model shape (batch dim dropped), or null when a dim is unknown. */
function sampleWidth(shape: readonly (number | null)[] | null): number | null {
  if (!shape) return null;
  let w = 1;
  for (const d of shape.slice(1)) {
    if (d === null) return null;
    w *= d;
  }
  return w;
}

/** Samples and width of a binding's arrays (as bind.ts gathers them), or the reason it cannot. */
function gathered(
  b: Binding,
  shapes: Record<string, readonly number[]>,
): { n: number; width: number } | { problem: string } {
  const missing = b.arrays.filter((a) => !Object.hasOwn(shapes, a));
  if (missing.length) {
    const have = Object.keys(shapes);
    return {
      problem: `${missing.map((m) => `'${m}'`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the data (it has: ${have.join(', ') || 'nothing'})`,
    };
  }
  const parts = b.arrays.map((a) => {
    const s = shapes[a];
    const n = s.length ? s[0] : 1;
    return { n, width: n ? sizeOf(s) / n : 0 };
  });
  const n = parts[0].n;
  const other = parts.find((p) => p.n !== n);
  if (other)
    return {
      problem: `[${b.arrays.join(', ')}] combines arrays with different sample counts (${n} and ${other.n})`,
    };
  return { n, width: parts.reduce((s, p) => s + p.width, 0) };
}

/** Checks every Input's and output's binding against `shapes` (array name → shape), in bindData's order. */
export function bindingProblems(
  doc: Project,
  inf: Inference,
  shapes: Record<string, readonly number[]>,
): BindingReport {
  let samples: number | null = null;
  const check = (
    id: string,
    role: 'input' | 'target',
    binding: Binding | undefined,
    expected: number | null,
    describe: (gives: string) => string,
    unbound: string,
  ): BindingStatus => {
    const name = inf.nodes.get(id)?.node.name ?? id;
    const base = { node: id, name, role, expected, actual: null, samples: null };
    if (!binding || binding.arrays.length === 0) return { ...base, ok: false, message: unbound };
    const g = gathered(binding, shapes);
    if ('problem' in g) return { ...base, ok: false, message: g.problem };
    const status = { ...base, actual: g.width, samples: g.n };
    const list = `[${binding.arrays.join(', ')}]`;
    if (samples !== null && g.n !== samples)
      return {
        ...status,
        ok: false,
        message: `${list} has ${plural(g.n, 'sample')} but other bound data has ${samples}`,
      };
    samples ??= g.n;
    if (expected === null)
      return {
        ...status,
        ok: false,
        message: `${describe(`${list} gives ${g.width}`)}, but the model's shape is unknown: fix the model first`,
      };
    const ok = g.width === expected;
    return { ...status, ok, message: describe(`${list} gives ${g.width}`) };
  };

  const inputs: Record<string, BindingStatus> = {};
  for (const id of inf.inputs) {
    const info = inf.nodes.get(id);
    const shape = info?.shape ?? null;
    const expected = sampleWidth(shape);
    const name = info?.node.name ?? id;
    inputs[id] = check(
      id,
      'input',
      doc.data.inputs[id],
      expected,
      (gives) =>
        expected === null
          ? `Input ${name}: ${gives}`
          : `Input ${name} expects ${plural(expected, 'value')} per sample${shape ? ` (shape ${formatShape(shape)})` : ''}; ${gives}`,
      `Input ${name} has no data bound to it`,
    );
  }

  const targets: Record<string, BindingStatus> = {};
  for (const id of inf.outputs) {
    const info = inf.nodes.get(id);
    const shape = info?.shape ?? null;
    const name = info?.node.name ?? id;
    const spec = doc.training.losses[id] ?? doc.training.defaultLoss;
    const predWidth = sampleWidth(shape);
    const expected =
      predWidth === null
        ? null
        : sizeOf(getLoss(spec.type).targetShape(shape!.slice(1) as number[]));
    const sparse = spec.type === 'sparseCategoricalCrossentropy';
    targets[id] = check(
      id,
      'target',
      doc.data.targets[id],
      expected,
      (gives) =>
        expected === null
          ? `output ${name}: ${gives}`
          : `output ${name} (loss ${spec.type}) expects ${sparse ? 'one class id' : plural(expected, 'target value')} per sample; ${gives}`,
      `output ${name} has no target data bound to it`,
    );
  }

  const all = [...Object.values(inputs), ...Object.values(targets)];
  return { inputs, targets, samples, ok: all.every((s) => s.ok) };
}
