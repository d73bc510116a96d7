// Shared-suite cases for the structural and linear-algebra ops; the float64 references they are
// checked against live in referencesStructural.ts.
import type { InputGen, OpCaseSet } from './types.ts';
import {
  matMulRef,
  softmaxRef,
  reduceRef,
  concatRef,
  reshapeRef,
  transposeRef,
  sliceRef,
  padRef,
  gatherRef,
  scatterAddRef,
  oneHotRef,
  dropoutRef,
} from './referencesStructural.ts';

function spread(n: number): InputGen {
  const values = Array.from({ length: n }, (_, i) => ((i * 37) % n) * 0.25 - n * 0.125);
  return { kind: 'fixed', values };
}

const ints = (lo: number, hi: number): InputGen => ({ kind: 'int', lo, hi });
const step: InputGen = ints(0, 100000);
const reduceCases = [
  { shapes: [[7]], attrs: { axes: null, keepDims: false } },
  { shapes: [[3, 4]], attrs: { axes: [0], keepDims: false } },
  { shapes: [[3, 4]], attrs: { axes: [-1], keepDims: true } },
  { shapes: [[2, 3, 4]], attrs: { axes: [0, 2], keepDims: false } },
  { shapes: [[2, 3, 4]], attrs: { axes: [1], keepDims: true } },
  { shapes: [[2, 3, 2, 3]], attrs: { axes: [-1, 1], keepDims: true } },
  { shapes: [[2, 3, 2, 3]], attrs: { axes: null, keepDims: true } },
  { shapes: [[2, 3]], attrs: { axes: [], keepDims: false } },
];

/** Cases and references of matMul, softmax, reductions, concat, reshape, transpose, slice/pad, gather family and dropout. */
export const structuralCases: OpCaseSet[] = [
  {
    op: 'matMul',
    reference: matMulRef,
    cases: [
      {
        shapes: [
          [3, 4],
          [4, 5],
        ],
        attrs: { transposeA: false, transposeB: false },
      },
      {
        shapes: [
          [3, 4],
          [5, 4],
        ],
        attrs: { transposeA: false, transposeB: true },
      },
      {
        shapes: [
          [4, 3],
          [4, 5],
        ],
        attrs: { transposeA: true, transposeB: false },
      },
      {
        shapes: [
          [4, 3],
          [5, 4],
        ],
        attrs: { transposeA: true, transposeB: true },
      },
      {
        name: 'blocked rows + leftovers',
        shapes: [
          [9, 7],
          [7, 6],
        ],
        attrs: {},
      },
      {
        name: 'copied Bᵀ',
        shapes: [
          [10, 6],
          [5, 6],
        ],
        attrs: { transposeB: true },
      },
      {
        name: 'copied Bᵀ, Aᵀ',
        shapes: [
          [6, 11],
          [3, 6],
        ],
        attrs: { transposeA: true, transposeB: true },
      },
      {
        name: 'vector',
        shapes: [
          [1, 5],
          [5, 1],
        ],
        attrs: {},
      },
    ],
  },
  ...(['softmax', 'logSoftmax'] as const).map((op) => ({
    op,
    reference: softmaxRef(op === 'logSoftmax'),
    cases: [
      { shapes: [[5]], attrs: { axis: -1 } },
      { shapes: [[3, 4]], attrs: { axis: -1 } },
      { shapes: [[3, 4]], attrs: { axis: 0 } },
      { shapes: [[2, 3, 4]], attrs: { axis: 1 } },
      { shapes: [[2, 2, 3, 2]], attrs: { axis: -2 } },
      {
        name: 'large logits',
        shapes: [[2, 3]],
        inputs: [{ kind: 'uniform', lo: 80, hi: 90 } as InputGen],
      },
    ],
  })),
  { op: 'sum', reference: reduceRef('sum'), cases: reduceCases },
  { op: 'mean', reference: reduceRef('mean'), cases: reduceCases },
  {
    op: 'max',
    reference: reduceRef('max'),
    cases: reduceCases.map((c) => ({
      ...c,
      inputs: [spread(c.shapes[0].reduce((p, d) => p * d, 1))],
    })),
  },
  {
    op: 'concat',
    reference: concatRef,
    cases: [
      { shapes: [[2], [3]], attrs: { axis: 0 } },
      {
        shapes: [
          [2, 3],
          [2, 1],
        ],
        attrs: { axis: -1 },
      },
      {
        shapes: [
          [2, 3],
          [4, 3],
        ],
        attrs: { axis: 0 },
      },
      {
        name: '3 inputs, middle axis',
        shapes: [
          [2, 1, 3],
          [2, 4, 3],
          [2, 2, 3],
        ],
        attrs: { axis: 1 },
      },
      {
        shapes: [
          [2, 2, 1, 2],
          [2, 2, 3, 2],
        ],
        attrs: { axis: -2 },
      },
      { name: 'single input', shapes: [[3, 2]], attrs: { axis: 0 } },
    ],
  },
  {
    op: 'reshape',
    reference: reshapeRef,
    cases: [
      { shapes: [[6]], attrs: { shape: [2, 3] } },
      { shapes: [[2, 3, 4]], attrs: { shape: [-1, 4] } },
      { shapes: [[2, 3, 4]], attrs: { shape: [4, -1, 2] } },
      { shapes: [[1]], attrs: { shape: [] } },
    ],
  },
  {
    op: 'transpose',
    reference: transposeRef,
    cases: [
      { shapes: [[4]], attrs: { perm: null } },
      { shapes: [[3, 5]], attrs: { perm: null } },
      { shapes: [[2, 3, 4]], attrs: { perm: [1, 2, 0] } },
      { shapes: [[2, 3, 4]], attrs: { perm: null } },
      { shapes: [[2, 3, 2, 3]], attrs: { perm: [0, 2, 3, 1] } },
    ],
  },
  {
    op: 'slice',
    reference: sliceRef,
    cases: [
      { shapes: [[6]], attrs: { begin: [2], size: [3] } },
      { shapes: [[4, 5]], attrs: { begin: [1, 2], size: [2, -1] } },
      { shapes: [[3, 4, 5]], attrs: { begin: [0, 1, 1], size: [-1, 2, 3] } },
      { shapes: [[2, 3, 4, 2]], attrs: { begin: [1, 0, 2, 1], size: [1, 3, 2, 1] } },
    ],
  },
  {
    op: 'pad',
    reference: padRef,
    cases: [
      { shapes: [[3]], attrs: { before: [2], after: [1] } },
      { shapes: [[2, 3]], attrs: { before: [1, 0], after: [0, 2] } },
      { shapes: [[2, 2, 3]], attrs: { before: [0, 1, 1], after: [1, 0, 1] } },
      { shapes: [[1, 2, 1, 2]], attrs: { before: [1, 0, 2, 0], after: [0, 1, 0, 1] } },
    ],
  },
  {
    op: 'gather',
    reference: gatherRef,
    cases: [
      { shapes: [[5], [3]], attrs: { axis: 0 }, inputs: [undefined, ints(0, 4)], noGrad: [1] },
      { shapes: [[4, 3], [6]], attrs: { axis: 0 }, inputs: [undefined, ints(0, 3)], noGrad: [1] },
      {
        shapes: [
          [2, 5, 3],
          [2, 2],
        ],
        attrs: { axis: 1 },
        inputs: [undefined, ints(0, 4)],
        noGrad: [1],
      },
      {
        shapes: [[2, 3, 4], [3]],
        attrs: { axis: -1 },
        inputs: [undefined, ints(0, 3)],
        noGrad: [1],
      },
      { shapes: [[4, 2], []], attrs: { axis: 0 }, inputs: [undefined, ints(0, 3)], noGrad: [1] },
    ],
  },
  {
    op: 'scatterAdd',
    reference: scatterAddRef,
    cases: [
      {
        shapes: [[6], [6]],
        attrs: { axis: 0, shape: [4] },
        inputs: [undefined, ints(0, 3)],
        noGrad: [1],
      },
      {
        shapes: [[5, 3], [5]],
        attrs: { axis: 0, shape: [4, 3] },
        inputs: [undefined, ints(0, 3)],
        noGrad: [1],
      },
      {
        shapes: [
          [2, 2, 3, 2],
          [2, 3],
        ],
        attrs: { axis: 1, shape: [2, 4, 2] },
        inputs: [undefined, ints(0, 3)],
        noGrad: [1],
      },
      {
        shapes: [[2, 3, 4], [4]],
        attrs: { axis: -1, shape: [2, 3, 2] },
        inputs: [undefined, ints(0, 1)],
        noGrad: [1],
      },
    ],
  },
  {
    op: 'oneHot',
    reference: oneHotRef,
    cases: [
      { shapes: [[5]], attrs: { depth: 4 }, inputs: [ints(-1, 4)], differentiable: false },
      { shapes: [[2, 3]], attrs: { depth: 3 }, inputs: [ints(0, 2)], differentiable: false },
      { shapes: [[]], attrs: { depth: 5 }, inputs: [ints(0, 4)], differentiable: false },
    ],
  },
  {
    op: 'dropout',
    reference: dropoutRef,
    cases: [
      { shapes: [[50], []], attrs: { rate: 0.5, seed: 1 }, inputs: [undefined, step], noGrad: [1] },
      {
        shapes: [[6, 7], []],
        attrs: { rate: 0.2, seed: 1234 },
        inputs: [undefined, step],
        noGrad: [1],
      },
      {
        shapes: [[2, 3, 4], []],
        attrs: { rate: 0.9, seed: 7 },
        inputs: [undefined, step],
        noGrad: [1],
      },
      {
        name: 'rate 0',
        shapes: [[3, 4], []],
        attrs: { rate: 0, seed: 3 },
        inputs: [undefined, step],
        noGrad: [1],
      },
    ],
  },
];
