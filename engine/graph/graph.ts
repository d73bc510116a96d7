// A symbolic op graph: the compiler builds the forward model, loss and backward pass here, then
// turns it into a serialisable Program. Shapes are concrete (one graph per batch size).
import type { TapeEntry } from '../autodiff/backprop.ts';
import { getOp } from '../ops/registry.ts';
import type { Attrs, Builder, Sym } from '../ops/types.ts';
import type { Shape, TensorData } from '../tensor.ts';

/** A value in the graph: fed input, trainable parameter, constant or op result. */
export type GraphNode =
  | { readonly kind: 'input'; readonly id: number; readonly shape: Shape; readonly name: string }
  | { readonly kind: 'param'; readonly id: number; readonly shape: Shape; readonly name: string }
  | {
      readonly kind: 'const';
      readonly id: number;
      readonly shape: Shape;
      readonly values: number[];
    }
  | {
      readonly kind: 'op';
      readonly id: number;
      readonly shape: Shape;
      readonly op: string;
      readonly inputs: readonly number[];
      readonly attrs: Attrs;
    };

/** A symbolic builder; nodes are appended in topological order. */
export class Graph implements Builder {
  readonly nodes: GraphNode[] = [];
  readonly entries: TapeEntry[] = [];
  private readonly scalars = new Map<number, Sym>();

  private push(node: GraphNode): Sym {
    this.nodes.push(node);
    return { id: node.id, shape: node.shape };
  }

  /** A value fed from outside on every run (features, targets, step seed). */
  input(name: string, shape: Shape): Sym {
    return this.push({ kind: 'input', id: this.nodes.length, shape: [...shape], name });
  }

  /** A trainable (or frozen) parameter, e.g. "dense1/kernel". */
  param(name: string, shape: Shape): Sym {
    return this.push({ kind: 'param', id: this.nodes.length, shape: [...shape], name });
  }

  constant(value: number | TensorData): Sym {
    if (typeof value === 'number') {
      const hit = this.scalars.get(value);
      if (hit) return hit;
      const s = this.push({ kind: 'const', id: this.nodes.length, shape: [], values: [value] });
      this.scalars.set(value, s);
      return s;
    }
    return this.push({
      kind: 'const',
      id: this.nodes.length,
      shape: [...value.shape],
      values: Array.from(value.data),
    });
  }

  op(name: string, inputs: readonly Sym[], attrs: Attrs = {}): Sym {
    const shape = getOp(name).shape(
      inputs.map((i) => i.shape),
      attrs,
    );
    const output = this.push({
      kind: 'op',
      id: this.nodes.length,
      shape: [...shape],
      op: name,
      inputs: inputs.map((i) => i.id),
      attrs,
    });
    this.entries.push({ op: name, inputs, attrs, output });
    return output;
  }
}
