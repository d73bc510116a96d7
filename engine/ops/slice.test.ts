import { describe, it, expect } from 'vitest';
import { slice, pad } from './slice.ts';
import { isLoomError } from '../errors.ts';
import { tensor, toNested, zeros, type Nested, type TensorData } from '../tensor.ts';
import { valueAndGrad } from '../autodiff/tape.ts';

function runSlice(x: TensorData, begin: number[], size: number[]): Nested {
  const out = zeros(slice.shape([x.shape], { begin, size }));
  out.data.fill(-777);
  slice.cpu([x], { begin, size }, out);
  return toNested(out);
}

function runPad(x: TensorData, before: number[], after: number[]): Nested {
  const out = zeros(pad.shape([x.shape], { before, after }));
  out.data.fill(-777);
  pad.cpu([x], { before, after }, out);
  return toNested(out);
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isLoomError(e) ? e.code : 'other';
  }
  return 'none';
}

const x = tensor([
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12],
]);

describe('slice', () => {
  it('cuts a box, with size −1 meaning "to the end"', () => {
    expect(runSlice(x, [1, 1], [2, 2])).toEqual([
      [6, 7],
      [10, 11],
    ]);
    expect(runSlice(x, [2, 1], [-1, -1])).toEqual([[10, 11, 12]]);
    expect(runSlice(x, [0, 3], [3, 1])).toEqual([[4], [8], [12]]);
    expect(runSlice(x, [1, 0], [0, 4])).toEqual([]);
    expect(
      runSlice(
        tensor([
          [
            [1, 2],
            [3, 4],
          ],
        ]),
        [0, 1, 1],
        [1, 1, 1],
      ),
    ).toEqual([[[4]]]);
  });

  it('rejects boxes outside the tensor and malformed lists', () => {
    expect(codeOf(() => slice.shape([[3, 4]], { begin: [2, 0], size: [2, 1] }))).toBe('op/attr');
    expect(codeOf(() => slice.shape([[3, 4]], { begin: [4, 0], size: [-1, 1] }))).toBe('op/attr');
    expect(codeOf(() => slice.shape([[3, 4]], { begin: [-1, 0], size: [1, 1] }))).toBe('op/attr');
    expect(codeOf(() => slice.shape([[3, 4]], { begin: [0], size: [1] }))).toBe('op/attr');
    expect(codeOf(() => slice.shape([[3, 4]], { begin: [0, 0], size: [-2, 1] }))).toBe('op/attr');
  });
});

describe('pad', () => {
  it('adds zeros before and after each axis, overwriting reused buffers', () => {
    expect(runPad(tensor([[1, 2]]), [1, 0], [0, 2])).toEqual([
      [0, 0, 0, 0],
      [1, 2, 0, 0],
    ]);
    expect(runPad(tensor([1, 2]), [0], [0])).toEqual([1, 2]);
    expect(runPad(zeros([0]), [1], [1])).toEqual([0, 0]);
  });

  it('undoes a slice: pad(slice(x)) keeps the box and zeros the rest', () => {
    const s = tensor(runSlice(x, [1, 1], [2, 2]));
    expect(runPad(s, [1, 1], [0, 1])).toEqual([
      [0, 0, 0, 0],
      [0, 6, 7, 0],
      [0, 10, 11, 0],
    ]);
  });

  it('rejects negative or missing amounts', () => {
    expect(codeOf(() => pad.shape([[3]], { before: [-1], after: [0] }))).toBe('op/attr');
    expect(codeOf(() => pad.shape([[3, 2]], { before: [1], after: [0, 0] }))).toBe('op/attr');
  });
});

describe('slice / pad gradients', () => {
  it('slice: dy padded back into place, zeros elsewhere', () => {
    const { grads } = valueAndGrad((o, a, w) => o.mul(o.slice(a, [1, 2], [-1, 2]), w))(
      x,
      tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(toNested(grads[0])).toEqual([
      [0, 0, 0, 0],
      [0, 0, 1, 2],
      [0, 0, 3, 4],
    ]);
  });

  it('pad: the interior of dy', () => {
    const { grads } = valueAndGrad((o, a, w) => o.mul(o.pad(a, [1, 0], [0, 1]), w))(
      zeros([2, 3]),
      x,
    );
    expect(toNested(grads[0])).toEqual([
      [5, 6, 7],
      [9, 10, 11],
    ]);
  });
});
