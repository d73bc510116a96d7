// transpose: permutes axes; output axis i is input axis perm[i] (perm null = reverse all axes, as
// tf.transpose). The gradient applies the inverse permutation to dy.
import { defineOp, type Attrs } from './types.ts';
import { ops } from './api.ts';
import { normalizePerm } from './axes.ts';
import { sizeOf, stridesOf } from '../tensor.ts';

/** Attributes of transpose. */
export interface TransposeAttrs extends Attrs {
  perm?: number[] | null;
}

/** Axis permutation. */
export const transpose = defineOp<TransposeAttrs>({
  name: 'transpose',
  arity: 1,
  shape([x], attrs) {
    return normalizePerm('transpose', attrs.perm, x).map((p) => x[p]);
  },
  cpu([x], attrs, out) {
    const perm = normalizePerm('transpose', attrs.perm, x.shape);
    const n = perm.length;
    const size = sizeOf(x.shape);
    if (n <= 1 || size === 0) {
      out.data.set(x.data);
      return;
    }
    const xStrides = stridesOf(x.shape);
    // Input stride of each output axis; the output is walked row-major.
    const step = perm.map((p) => xStrides[p]);
    const dims = perm.map((p) => x.shape[p]);
    const inner = dims[n - 1];
    const innerStep = step[n - 1];
    const counter = new Array<number>(n).fill(0);
    const xs = x.data;
    const ys = out.data;
    let src = 0;
    for (let dst = 0; dst < size; dst += inner) {
      for (let j = 0, s = src; j < inner; j++, s += innerStep) ys[dst + j] = xs[s];
      for (let d = n - 2; d >= 0; d--) {
        src += step[d];
        if (++counter[d] < dims[d]) break;
        src -= step[d] * dims[d];
        counter[d] = 0;
      }
    }
  },
  grad(b, dy, [x], _y, attrs) {
    const perm = normalizePerm('transpose', attrs.perm, x.shape);
    const inverse = new Array<number>(perm.length);
    perm.forEach((p, i) => (inverse[p] = i));
    return [ops(b).transpose(dy, inverse)];
  },
  shader: 'transpose',
});
