// Reverse-mode autodiff over a recorded list of op applications. Used both by the eager tape
// (valueAndGrad) and by the compiler, which runs it once per model over the symbolic graph.
import { getOp } from '../ops/registry.ts';
import type { Attrs, Builder, Sym } from '../ops/types.ts';
import { sameShape, showShape } from '../tensor.ts';
import { LoomError } from '../errors.ts';

/** One recorded op application. Entries are in execution (topological) order. */
export interface TapeEntry {
  readonly op: string;
  readonly inputs: readonly Sym[];
  readonly attrs: Attrs;
  readonly output: Sym;
}

/**
 * Gradients of `y` (seeded with `dy`) w.r.t. each of `wrt`, emitted through `b`.
 * Entries that do not lie on a path from some `wrt` to `y` are skipped; ops without a gradient
 * act as constants. Returns null for a `wrt` that `y` does not depend on.
 */
export function backprop(
  b: Builder,
  entries: readonly TapeEntry[],
  y: Sym,
  dy: Sym,
  wrt: readonly Sym[],
): (Sym | null)[] {
  // Forward pass: which values depend on some wrt.
  const dependsOnWrt = new Set<number>(wrt.map((w) => w.id));
  for (const e of entries) {
    if (e.inputs.some((i) => dependsOnWrt.has(i.id))) dependsOnWrt.add(e.output.id);
  }
  const grads = new Map<number, Sym>([[y.id, dy]]);
  for (let k = entries.length - 1; k >= 0; k--) {
    const e = entries[k];
    const g = grads.get(e.output.id);
    if (!g || !dependsOnWrt.has(e.output.id)) continue;
    const op = getOp(e.op);
    if (!op.grad) continue;
    const inGrads = op.grad(b, g, e.inputs, e.output, e.attrs);
    e.inputs.forEach((input, i) => {
      const gi = inGrads[i];
      if (!gi || !dependsOnWrt.has(input.id)) return;
      if (!sameShape(gi.shape, input.shape))
        throw new LoomError(
          'internal',
          `gradient of '${e.op}' input ${i} has shape ${showShape(gi.shape)}, expected ${showShape(input.shape)}`,
          {},
          'This is a bug in the op gradient.',
        );
      const prev = grads.get(input.id);
      grads.set(input.id, prev ? b.op('add', [prev, gi]) : gi);
    });
  }
  return wrt.map((w) => grads.get(w.id) ?? null);
}
