// broadcastTo(x; shape) as tf.broadcast_to: x repeated along size-1 or missing leading axes to
// exactly `shape`. The gradient sums dy back over the broadcast axes.
import { defineOp, type Attrs } from './types.ts';
import { LoomError } from '../errors.ts';
import { showShape, type Shape } from '../tensor.ts';
import { broadcastRows1, unbroadcast, type Row1 } from './broadcast.ts';

/** Attributes of broadcastTo. */
export interface BroadcastToAttrs extends Attrs {
  shape: number[];
}

const copyRow: Row1 = (x, xi, sx, out, oi, len) => {
  for (let end = oi + len; oi < end; oi++, xi += sx) out[oi] = x[xi];
};

/** The target shape; throws LoomError unless it is a list of sizes x broadcasts to. */
function target(x: Shape, shape: unknown): number[] {
  if (
    !Array.isArray(shape) ||
    !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)
  )
    throw new LoomError(
      'op/attr',
      `broadcastTo: shape must be a list of non-negative integers, got ${JSON.stringify(shape)}`,
      { param: 'shape' },
      'Give every dimension of the target shape as an integer ≥ 0.',
    );
  const t = shape as number[];
  const lead = t.length - x.length;
  const ok = lead >= 0 && x.every((d, i) => d === 1 || d === t[lead + i]);
  if (!ok)
    throw new LoomError(
      'op/shape',
      `broadcastTo: cannot broadcast ${showShape(x)} to ${showShape(t)}`,
      { path: 'broadcastTo input 0', param: 'shape' },
      'Aligned from the right, each input dimension must equal the target dimension or be 1, ' +
        'and the target needs at least as many axes as the input.',
    );
  return [...t];
}

/** x broadcast to `shape`. */
export const broadcastTo = defineOp<BroadcastToAttrs>({
  name: 'broadcastTo',
  arity: 1,
  shape: ([x], attrs) => target(x, attrs.shape),
  cpu: ([x], _attrs, out) => broadcastRows1(x, out, copyRow),
  grad: (b, dy, [x]) => [unbroadcast(b, dy, x.shape)],
  shader: 'broadcastTo',
});
