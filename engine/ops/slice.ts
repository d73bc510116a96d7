// slice (a box of a tensor: begin + size per axis, size −1 = to the end, as tf.slice) and pad (zero
// padding before/after each axis, as tf.pad with constant 0). Each is the other's gradient.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import { attrError, intList } from './axes.ts';
import { showShape, sizeOf, stridesOf, type Shape } from '../tensor.ts';

/** Attributes of slice. */
export interface SliceAttrs extends Attrs {
  begin: number[];
  size: number[];
}

/** Attributes of pad. */
export interface PadAttrs extends Attrs {
  before: number[];
  after: number[];
}

/** begin and the resolved size of a slice of `x`; throws LoomError('op/attr') when out of bounds. */
function sliceBox(x: Shape, attrs: SliceAttrs): { begin: number[]; size: number[] } {
  const begin = intList('slice', 'begin', attrs.begin, x.length, 0);
  const raw = intList('slice', 'size', attrs.size, x.length, -1);
  const size = raw.map((s, d) => (s === -1 ? x[d] - begin[d] : s));
  size.forEach((s, d) => {
    if (s < 0 || begin[d] + s > x[d])
      attrError(
        'slice',
        raw[d] === -1 ? 'begin' : 'size',
        `begin ${begin[d]} with size ${raw[d]} does not fit axis ${d} of ${showShape(x)}`,
        `Keep begin + size ≤ ${x[d]} on axis ${d} (size −1 means "to the end").`,
      );
  });
  return { begin, size };
}

/** Checked padding amounts. */
function padAmounts(x: Shape, attrs: PadAttrs): { before: number[]; after: number[] } {
  return {
    before: intList('pad', 'before', attrs.before, x.length, 0),
    after: intList('pad', 'after', attrs.after, x.length, 0),
  };
}

/**
 * Copies the box `box` from `src` (shape srcShape, box starting at srcStart) into `dst` (shape
 * dstShape, starting at dstStart). The last axis is copied as one contiguous run.
 */
function copyBox(
  src: Float32Array,
  srcShape: Shape,
  srcStart: readonly number[],
  dst: Float32Array,
  dstShape: Shape,
  dstStart: readonly number[],
  box: Shape,
): void {
  const n = box.length;
  const total = sizeOf(box);
  if (total === 0) return;
  if (n === 0) {
    dst[0] = src[0];
    return;
  }
  const ss = stridesOf(srcShape);
  const ds = stridesOf(dstShape);
  let s = 0;
  let d = 0;
  for (let k = 0; k < n; k++) {
    s += srcStart[k] * ss[k];
    d += dstStart[k] * ds[k];
  }
  const inner = box[n - 1];
  const counter = new Array<number>(n).fill(0);
  for (let done = 0; done < total; done += inner) {
    for (let j = 0; j < inner; j++) dst[d + j] = src[s + j];
    for (let k = n - 2; k >= 0; k--) {
      s += ss[k];
      d += ds[k];
      if (++counter[k] < box[k]) break;
      s -= ss[k] * box[k];
      d -= ds[k] * box[k];
      counter[k] = 0;
    }
  }
}

/** The box [begin, begin + size) of x. */
export const slice = defineOp<SliceAttrs>({
  name: 'slice',
  arity: 1,
  shape: ([x], attrs) => sliceBox(x, attrs).size,
  cpu([x], attrs, out) {
    const { begin, size } = sliceBox(x.shape, attrs);
    copyBox(x.data, x.shape, begin, out.data, size, new Array<number>(size.length).fill(0), size);
  },
  grad(b, dy, [x], _y, attrs) {
    const { begin, size } = sliceBox(x.shape, attrs);
    const after = x.shape.map((d, k) => d - begin[k] - size[k]);
    return [ops(b).pad(dy, begin, after)];
  },
  shader: 'slice',
});

/** x surrounded by zeros: before[i] / after[i] elements added on axis i. */
export const pad = defineOp<PadAttrs>({
  name: 'pad',
  arity: 1,
  shape([x], attrs) {
    const { before, after } = padAmounts(x, attrs);
    return x.map((d, k) => before[k] + d + after[k]);
  },
  cpu([x], attrs, out) {
    const { before } = padAmounts(x.shape, attrs);
    out.data.fill(0);
    copyBox(
      x.data,
      x.shape,
      new Array<number>(x.shape.length).fill(0),
      out.data,
      out.shape,
      before,
      x.shape,
    );
  },
  grad(b, dy, [x], _y, attrs) {
    const { before } = padAmounts(x.shape, attrs);
    return [ops(b).slice(dy, before, x.shape)];
  },
  shader: 'pad',
});
