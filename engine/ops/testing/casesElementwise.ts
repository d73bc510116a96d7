// Shared-suite cases for the element-wise ops (binary, unary, comparisons, where, clip,
// broadcastTo). The references are naive float64 code: every output element is located by its
// multi-index and each input is read through that index (size-1 axes pinned to 0), independent
// of the stride plans the CPU kernels use.
import type { Attrs } from '../types.ts';
import type { InputGen, Nd64, OpCase, OpCaseSet } from './types.ts';

/** NumPy broadcast shape, written out naively (valid shapes only; a 0 wins over 1). */
function broadcastShape(shapes: number[][]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const dims = shapes.map((s) => s[s.length - rank + i] ?? 1);
    out.push(dims.includes(0) ? 0 : Math.max(...dims));
  }
  return out;
}

/** Reads `x` at output multi-index `idx` (aligned from the right; size-1 axes repeat). */
function at(x: Nd64, idx: number[]): number {
  const lead = idx.length - x.shape.length;
  let flat = 0;
  for (let d = 0; d < x.shape.length; d++) {
    const i = x.shape[d] === 1 ? 0 : idx[lead + d];
    flat = flat * x.shape[d] + i;
  }
  return x.data[flat];
}

/** out[idx] = f(inputs at idx) over the broadcast shape (or `shape` when given). */
function elementwise(inputs: Nd64[], f: (v: number[]) => number, shape?: number[]): Nd64 {
  const outShape = shape ?? broadcastShape(inputs.map((x) => x.shape));
  const size = outShape.reduce((p, d) => p * d, 1);
  const data = new Float64Array(size);
  for (let flat = 0; flat < size; flat++) {
    const idx = new Array<number>(outShape.length);
    let rest = flat;
    for (let d = outShape.length - 1; d >= 0; d--) {
      idx[d] = rest % outShape[d];
      rest = Math.floor(rest / outShape[d]);
    }
    data[flat] = f(inputs.map((x) => at(x, idx)));
  }
  return { shape: outShape, data };
}

const ref =
  (f: (v: number[]) => number) =>
  (inputs: Nd64[]): Nd64 =>
    elementwise(inputs, f);

const uniform = (lo: number, hi: number): InputGen => ({ kind: 'uniform', lo, hi });
const ints = (lo: number, hi: number): InputGen => ({ kind: 'int', lo, hi });
const awayFromZero: InputGen = { kind: 'awayFromZero', lo: -2, hi: 2, margin: 0.01 };

/** Pairs of shapes: equal, broadcast both ways, scalars, ranks 0–4 and an empty tensor. */
const binaryShapes: number[][][] = [
  [
    [2, 3],
    [2, 3],
  ],
  [
    [3, 1],
    [1, 4],
  ],
  [[2, 3], [3]],
  [[], [2, 2]],
  [[2, 2], []],
  [[], []],
  [[5], [1]],
  [
    [4, 1, 3],
    [2, 1],
  ],
  [
    [1, 3],
    [2, 1, 1],
  ],
  [
    [2, 1, 3, 1],
    [1, 4, 1, 2],
  ],
  [
    [2, 3, 4, 2],
    [3, 1, 2],
  ],
  [
    [3, 1, 5],
    [1, 4, 5],
  ],
  [
    [0, 3],
    [1, 3],
  ],
];

const unaryShapes: number[][] = [[], [5], [2, 3], [2, 3, 4], [2, 1, 3, 2]];

function binarySet(op: string, f: (a: number, b: number) => number, b?: InputGen): OpCaseSet {
  return {
    op,
    reference: ref(([x, y]) => f(x, y)),
    cases: binaryShapes.map((shapes) => ({ shapes, inputs: [undefined, b] })),
  };
}

function unarySet(op: string, f: (x: number) => number, gen?: InputGen, extra: OpCase[] = []) {
  return {
    op,
    reference: ref(([x]) => f(x)),
    cases: [...unaryShapes.map((s) => ({ shapes: [s], inputs: [gen] })), ...extra],
  };
}

function compareSet(op: string, f: (a: number, b: number) => boolean): OpCaseSet {
  return {
    op,
    reference: ref(([x, y]) => (f(x, y) ? 1 : 0)),
    cases: [
      // Small integers so ties (a = b) are common.
      ...binaryShapes.map((shapes) => ({
        shapes,
        inputs: [ints(-2, 2), ints(-2, 2)],
        differentiable: false,
      })),
      { name: 'uniform', shapes: [[3, 4], [4]], differentiable: false },
      {
        name: 'NaN and infinities',
        shapes: [[6], [6]],
        inputs: [
          { kind: 'fixed', values: [NaN, 1, Infinity, -Infinity, 0, -0] },
          { kind: 'fixed', values: [1, NaN, Infinity, 0, -0, 0] },
        ],
        differentiable: false,
      },
    ],
  };
}

const sigmoid64 = (x: number): number => 1 / (1 + Math.exp(-x));

/** Cases and references of every element-wise op. */
export const elementwiseCases: OpCaseSet[] = [
  binarySet('add', (a, b) => a + b),
  binarySet('sub', (a, b) => a - b),
  binarySet('mul', (a, b) => a * b),
  binarySet('div', (a, b) => a / b, { kind: 'awayFromZero', lo: -2, hi: 2, margin: 0.5 }),
  unarySet('neg', (x) => -x),
  unarySet('exp', Math.exp, uniform(-3, 3)),
  unarySet('log', Math.log, uniform(0.2, 3)),
  unarySet('sqrt', Math.sqrt, uniform(0.2, 3)),
  unarySet('square', (x) => x * x),
  unarySet('abs', Math.abs, awayFromZero),
  unarySet('sign', Math.sign, awayFromZero),
  unarySet('relu', (x) => Math.max(x, 0), awayFromZero),
  unarySet('sigmoid', sigmoid64, undefined, [
    { name: 'large |x|', shapes: [[4, 5]], inputs: [uniform(-60, 60)] },
    {
      name: 'extremes',
      shapes: [[7]],
      inputs: [{ kind: 'fixed', values: [-1000, -100, -20, 0, 20, 100, 1000] }],
    },
  ]),
  unarySet('tanh', Math.tanh, undefined, [
    { name: 'large |x|', shapes: [[4, 5]], inputs: [uniform(-30, 30)] },
  ]),
  compareSet('greater', (a, b) => a > b),
  compareSet('less', (a, b) => a < b),
  compareSet('equal', (a, b) => a === b),
  {
    op: 'where',
    reference: ref(([c, a, b]) => (c !== 0 ? a : b)),
    cases: [
      ...[
        [
          [2, 3],
          [2, 3],
          [2, 3],
        ],
        [[3, 1], [1, 4], [4]],
        [[], [2, 2], [2, 1]],
        [[2, 2], [], []],
        [[2, 1, 3], [4, 1], []],
        [[1, 2, 1, 3], [2, 1, 1], [3]],
      ].map((shapes) => ({ shapes, inputs: [ints(0, 1)], noGrad: [0] })),
      {
        name: 'non-0/1 conditions',
        shapes: [[6], [6], [6]],
        inputs: [{ kind: 'fixed', values: [0, 1, -1, 0.5, NaN, -0] }],
        noGrad: [0],
      },
    ],
  },
  {
    op: 'clip',
    reference: ([x]: Nd64[], attrs: Attrs): Nd64 => {
      const lo = attrs.min as number;
      const hi = attrs.max as number;
      return elementwise([x], ([v]) => Math.min(Math.max(v, lo), hi));
    },
    // Integer inputs against non-integer bounds keep finite differences off the kinks.
    cases: [
      { shapes: [[2, 3]], attrs: { min: -1.5, max: 1.5 }, inputs: [ints(-3, 3)] },
      { shapes: [[4, 5]], attrs: { min: -0.5, max: 2.5 }, inputs: [ints(-3, 3)] },
      { shapes: [[2, 2, 3]], attrs: { min: 0.5, max: 0.5 }, inputs: [ints(-2, 2)] },
      { shapes: [[]], attrs: { min: -1.5, max: 1.5 }, inputs: [ints(-3, 3)] },
      {
        name: 'values just inside and outside',
        shapes: [[12]],
        attrs: { min: -1.5, max: 1.5 },
        inputs: [
          {
            kind: 'fixed',
            values: [-2.7, -1.2, -0.45, 0.3, 0.77, 1.1, 1.95, 2.4, -1.9, 0.05, 1.49, -1.51],
          },
        ],
      },
    ],
  },
  {
    op: 'broadcastTo',
    reference: ([x]: Nd64[], attrs: Attrs): Nd64 =>
      elementwise([x], ([v]) => v, attrs.shape as number[]),
    cases: [
      [[3], [2, 3]],
      [
        [3, 1],
        [3, 4],
      ],
      [[], [2, 2]],
      [
        [1, 1],
        [2, 3],
      ],
      [
        [2, 1, 3],
        [2, 4, 3],
      ],
      [[4], [4]],
      [
        [2, 1],
        [3, 1, 2, 5],
      ],
      [[1], [0]],
    ].map(([x, shape]) => ({ shapes: [x], attrs: { shape } })),
  },
];
