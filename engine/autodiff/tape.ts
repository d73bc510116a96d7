// The eager tape: every op runs at once on the CPU backend and is recorded, so gradients can be
// taken afterwards with the same backprop the compiler uses.
import { backprop, type TapeEntry } from './backprop.ts';
import { ops, type Ops } from '../ops/api.ts';
import { getOp } from '../ops/registry.ts';
import type { Attrs, Builder, Sym } from '../ops/types.ts';
import { fromArray, zeros, type TensorData } from '../tensor.ts';

/** An eager value: a Sym that carries its data. */
export interface Tensor extends Sym {
  readonly value: TensorData;
}

/** Runs one op on the CPU and returns a fresh output tensor. */
export function runCpuOp(
  name: string,
  inputs: readonly TensorData[],
  attrs: Attrs = {},
): TensorData {
  const op = getOp(name);
  const out = zeros(
    op.shape(
      inputs.map((t) => t.shape),
      attrs,
    ),
  );
  op.cpu(inputs, attrs, out);
  return out;
}

/** An eager builder that records every op it runs. */
export class Tape implements Builder {
  readonly entries: TapeEntry[] = [];
  private nextId = 0;

  /** Wraps host data as a tape value. */
  watch(value: TensorData): Tensor {
    return { id: this.nextId++, shape: value.shape, value };
  }

  op(name: string, inputs: readonly Sym[], attrs: Attrs = {}): Tensor {
    const value = runCpuOp(
      name,
      inputs.map((i) => (i as Tensor).value),
      attrs,
    );
    const output = this.watch(value);
    this.entries.push({ op: name, inputs, attrs, output });
    return output;
  }

  constant(value: number | TensorData): Tensor {
    return this.watch(typeof value === 'number' ? fromArray([value], []) : value);
  }
}

/**
 * valueAndGrad(f)(...xs) → { value: f(xs), grads: d sum(f(xs)) / d xs }.
 * `f` receives the typed op vocabulary and one eager tensor per argument; for a non-scalar result
 * the gradient is that of the sum of its elements (dy = ones). E.g. f = (o, x) => o.mul(x, x)
 * gives grads [2x].
 */
export function valueAndGrad(f: (o: Ops, ...xs: Tensor[]) => Sym) {
  return (...xs: TensorData[]): { value: TensorData; grads: TensorData[] } => {
    const tape = new Tape();
    const watched = xs.map((x) => tape.watch(x));
    const y = f(ops(tape), ...watched) as Tensor;
    const ones = tape.constant(fromArray(new Float32Array(y.value.data.length).fill(1), y.shape));
    const grads = backprop(tape, tape.entries, y, ones, watched);
    return {
      value: y.value,
      grads: grads.map((g, i) => (g ? (g as Tensor).value : zeros(xs[i].shape))),
    };
  };
}
