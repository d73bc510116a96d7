import { describe, it, expect } from 'vitest';
import { softmax, logSoftmax, type SoftmaxAttrs } from './softmax.ts';
import type { OpDef } from './types.ts';
import { isLoomError } from '../errors.ts';
import { tensor, zeros, type TensorData } from '../tensor.ts';
import { valueAndGrad } from '../autodiff/tape.ts';

function run(op: OpDef<SoftmaxAttrs>, x: TensorData, axis?: number): number[] {
  const attrs = axis === undefined ? {} : { axis };
  const out = zeros(op.shape([x.shape], attrs));
  out.data.fill(-777);
  op.cpu([x], attrs, out);
  return Array.from(out.data);
}

function close(got: number[], want: number[], tol = 1e-6): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThanOrEqual(tol));
}

// softmax([1, 2, 3]) = [e^-2, e^-1, 1] / (1 + e^-1 + e^-2), computed by hand.
const SM = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219];
const LSM = [-2.4076059644443806, -1.4076059644443804, -0.4076059644443804];

describe('softmax', () => {
  it('matches hand-computed values on the last axis by default', () => {
    close(run(softmax, tensor([1, 2, 3])), SM);
    close(
      run(
        softmax,
        tensor([
          [1, 2, 3],
          [3, 3, 3],
        ]),
      ),
      [...SM, 1 / 3, 1 / 3, 1 / 3],
    );
  });

  it('is stable for huge logits and handles −Infinity', () => {
    close(run(softmax, tensor([1000, 1001, 1002])), SM);
    close(run(softmax, tensor([-1000, -999, -998])), SM);
    expect(run(softmax, tensor([0, -Infinity]))).toEqual([1, 0]);
  });

  it('works on other axes, including negative ones', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const a = 0.11920292202211755; // e^-2 / (1 + e^-2)
    close(run(softmax, x, 0), [a, a, 1 - a, 1 - a]);
    close(run(softmax, x, -2), [a, a, 1 - a, 1 - a]);
    // [1, 3, 2] on axis 1: each column of 3 values sums to 1
    const y = run(
      softmax,
      tensor([
        [
          [1, 5],
          [2, 5],
          [3, 5],
        ],
      ]),
      1,
    );
    close([y[0], y[2], y[4]], SM);
    close([y[1], y[3], y[5]], [1 / 3, 1 / 3, 1 / 3]);
  });
});

describe('logSoftmax', () => {
  it('matches hand-computed values and stays finite for huge logits', () => {
    close(run(logSoftmax, tensor([1, 2, 3])), LSM, 1e-5);
    close(run(logSoftmax, tensor([1000, 1001, 1002])), LSM, 1e-4);
    close(run(logSoftmax, tensor([[0, -200]])), [0, -200], 1e-5);
  });

  it('works along axis 0', () => {
    const y = run(
      logSoftmax,
      tensor([
        [1, 7],
        [2, 7],
        [3, 7],
      ]),
      0,
    );
    close([y[0], y[2], y[4]], LSM, 1e-5);
    close([y[1], y[3], y[5]], Array(3).fill(-Math.log(3)), 1e-6);
  });
});

describe('softmax attribute errors', () => {
  it('rejects axes out of range and scalars with op/attr', () => {
    for (const [shape, axis] of [
      [[2, 3], 2],
      [[2, 3], -3],
      [[], -1],
    ] as const) {
      try {
        softmax.shape([shape], { axis });
        expect.unreachable();
      } catch (e) {
        expect(isLoomError(e) && e.code).toBe('op/attr');
      }
    }
  });
});

describe('softmax gradients', () => {
  it('softmax: dx = y·(dy − Σ dy·y), by hand for dy = [1, 0, 0]', () => {
    const [y0, y1, y2] = SM;
    const { grads } = valueAndGrad((o, x, w) => o.mul(o.softmax(x), w))(
      tensor([1, 2, 3]),
      tensor([1, 0, 0]),
    );
    close(Array.from(grads[0].data), [y0 * (1 - y0), -y1 * y0, -y2 * y0]);
  });

  it('softmax along axis 0 of a matrix sums to a zero gradient per column', () => {
    const { grads } = valueAndGrad((o, x) => o.softmax(x, 0))(
      tensor([
        [1, 2],
        [3, 5],
      ]),
    );
    close(Array.from(grads[0].data), [0, 0, 0, 0]);
  });

  it('logSoftmax: dx = dy − exp(y)·Σ dy, by hand for dy = ones', () => {
    const { grads } = valueAndGrad((o, x) => o.logSoftmax(x))(tensor([[1, 2, 3]]));
    close(
      Array.from(grads[0].data),
      SM.map((p) => 1 - 3 * p),
    );
  });
});
