// Kernels of matMul (optionally fused with a bias row and an activation), softmax/logSoftmax,
// the reductions, and the structural ops (concat, transpose, slice, pad, gather, scatterAdd,
// oneHot). Each generates its shape constants and index maps into the source.
import { aroundAxis, normalizeAxes, normalizeAxis, normalizePerm } from '../../ops/axes.ts';
import { sizeOf, stridesOf } from '../../tensor.ts';
import type { KernelNode, KernelSpec } from './kernels.ts';
import { assemble, indexBody, samplers } from './source.ts';
import matMulSrc from '../../../shaders/matMul.glsl?raw';
import matMulRowsSrc from '../../../shaders/matMulRows.glsl?raw';
import rowsSrc from '../../../shaders/rows.glsl?raw';
import matMulTilesSrc from '../../../shaders/matMulTiles.glsl?raw';
import matMulMergeSrc from '../../../shaders/matMulMerge.glsl?raw';
import denseEpilogueSrc from '../../../shaders/denseEpilogue.glsl?raw';
import softmaxSrc from '../../../shaders/softmax.glsl?raw';
import reduceSrc from '../../../shaders/reduce.glsl?raw';
import concatSrc from '../../../shaders/concat.glsl?raw';
import transposeSrc from '../../../shaders/transpose.glsl?raw';
import sliceSrc from '../../../shaders/slice.glsl?raw';
import padSrc from '../../../shaders/pad.glsl?raw';
import gatherSrc from '../../../shaders/gather.glsl?raw';
import scatterAddSrc from '../../../shaders/scatterAdd.glsl?raw';
import oneHotSrc from '../../../shaders/oneHot.glsl?raw';

/** Attributes the planner adds to a matMul it fused with the following bias add / activation. */
export interface FusedDense {
  fusedBias?: boolean;
  fusedActivation?: 'relu' | 'sigmoid' | 'tanh';
}

/**
 * A matMul-family kernel with `inputs` samplers and the fused bias + activation epilogue, whose
 * bias row is sampler `biasSampler`; the epilogue follows the samplers because it reads the bias
 * through one.
 */
function denseKernel(
  file: string,
  defines: string[],
  attrs: FusedDense,
  inputs: number,
  biasSampler: string,
): KernelSpec {
  const all = [...defines];
  if (attrs.fusedBias) all.push('BIAS', `BIAS_IN ${biasSampler}`);
  if (attrs.fusedActivation) all.push(`ACT_${attrs.fusedActivation.toUpperCase()}`);
  return { source: assemble(file, all, `${samplers(inputs)}\n${denseEpilogueSrc}`) };
}

const element = (file: string, defines: string[], inputs: number, helpers = ''): KernelSpec => ({
  source: assemble(file, ['LOOM_ELEMENT_MAIN', ...defines], `${samplers(inputs)}\n${helpers}`),
});

function matMulKernel(node: KernelNode): KernelSpec {
  const attrs = node.attrs as { transposeA?: boolean; transposeB?: boolean } & FusedDense;
  const tA = attrs.transposeA === true;
  const tB = attrs.transposeB === true;
  const [a, b] = node.inputs;
  const [M, K] = tA ? [a[1], a[0]] : [a[0], a[1]];
  const N = tB ? b[0] : b[1];
  const rowvec = N % 4 === 0;
  const defines = [
    rowvec ? 'LOOM_TEXEL_MAIN' : 'LOOM_ELEMENT_MAIN',
    `M ${M}`,
    `K ${K}`,
    `N ${N}`,
    `TA ${tA ? 1 : 0}`,
    `TB ${tB ? 1 : 0}`,
    `K4 ${K % 4 === 0 ? 1 : 0}`,
  ];
  if (rowvec) defines.push('ROWVEC');
  return denseKernel(matMulSrc, defines, attrs, node.inputs.length, 'X2');
}

/** matMul from row textures (see plan.ts relayout): A [M, K] and B stored [N, K]. */
function matMulRowsKernel(node: KernelNode): KernelSpec {
  const attrs = node.attrs as FusedDense;
  const [M, K] = node.inputs[0];
  const N = node.inputs[1][0];
  const rowvec = N % 4 === 0;
  const defines = [
    rowvec ? 'LOOM_TEXEL_MAIN' : 'LOOM_ELEMENT_MAIN',
    `M ${M}`,
    `N ${N}`,
    `K4 ${Math.ceil(K / 4)}`,
  ];
  if (rowvec) defines.push('ROWVEC');
  return denseKernel(matMulRowsSrc, defines, attrs, node.inputs.length, 'X2');
}

/** 4×4-tiled matMul into 4 render targets (see plan.ts relayout). */
function matMulTilesKernel(node: KernelNode): KernelSpec {
  const [M, K] = node.inputs[0];
  const tile = node.attrs.tile as number;
  const N = node.inputs[1][0];
  const defines = ['LOOM_CUSTOM_OUT', `M ${M}`, `N ${N}`, `K4 ${Math.ceil(K / 4)}`, `TILE ${tile}`];
  return { source: assemble(matMulTilesSrc, defines, samplers(2)) };
}

/** Interleaves matMulTiles's targets into C, adding the fused bias and activation. */
function matMulMergeKernel(node: KernelNode): KernelSpec {
  const attrs = node.attrs as FusedDense;
  const tile = node.attrs.tile as number;
  const defines = ['LOOM_TEXEL_MAIN', `N ${node.out[1]}`, `TILE ${tile}`];
  return denseKernel(matMulMergeSrc, defines, attrs, tile + (attrs.fusedBias ? 1 : 0), `X${tile}`);
}

/** Copy of a matrix into a row texture (internal op of the matMul relayout). */
function rowsKernel(node: KernelNode): KernelSpec {
  const { transposed, rows, k } = node.attrs as { transposed: boolean; rows: number; k: number };
  const defines = ['LOOM_CUSTOM_OUT', `R ${rows}`, `K ${k}`, ...(transposed ? ['TRANSPOSED'] : [])];
  return { source: assemble(rowsSrc, defines, samplers(1)) };
}

function softmaxKernel(node: KernelNode, log: boolean): KernelSpec {
  const x = node.inputs[0];
  const axis = normalizeAxis(node.op, 'axis', node.attrs.axis ?? -1, x.length);
  const [outer, n, inner] = aroundAxis(x, axis);
  return element(
    softmaxSrc,
    [`OUTER ${outer}`, `AXIS_N ${n}`, `INNER ${inner}`, ...(log ? ['LOG'] : [])],
    1,
  );
}

function reduceKernel(node: KernelNode): KernelSpec {
  const x = node.inputs[0];
  const axes = normalizeAxes(node.op, node.attrs.axes, x.length);
  const st = stridesOf(x);
  const kept = x.map((_, i) => i).filter((i) => !axes.includes(i));
  const count = axes.reduce((p, i) => p * x[i], 1);
  const helpers = [
    `int base(int e) { ${indexBody(
      kept.map((i) => x[i]),
      kept.map((i) => st[i]),
    )} }`,
    `int part(int e) { ${indexBody(
      axes.map((i) => x[i]),
      axes.map((i) => st[i]),
    )} }`,
  ].join('\n');
  return element(reduceSrc, [`OP_${node.op.toUpperCase()}`, `COUNT ${count}`], 1, helpers);
}

function concatKernel(node: KernelNode): KernelSpec {
  const out = node.out;
  const axis = normalizeAxis('concat', 'axis', node.attrs.axis ?? -1, out.length);
  const [, , inner] = aroundAxis(out, axis);
  const row = out[axis] * inner;
  let offset = 0;
  const branches = node.inputs.map((s, k) => {
    const chunk = s[axis] * inner;
    const code = `if (r < ${offset + chunk}) return load(X${k}, o * ${chunk} + r - ${offset});`;
    offset += chunk;
    return code;
  });
  const pick = `float pick(int o, int r) {\n  ${branches.join('\n  ')}\n  return 0.0;\n}`;
  return element(concatSrc, [`ROW ${Math.max(row, 1)}`], node.inputs.length, pick);
}

function transposeKernel(node: KernelNode): KernelSpec {
  const x = node.inputs[0];
  const perm = normalizePerm('transpose', node.attrs.perm, x);
  const st = stridesOf(x);
  const src = `int src(int e) { ${indexBody(
    perm.map((p) => x[p]),
    perm.map((p) => st[p]),
  )} }`;
  return element(transposeSrc, [], 1, src);
}

function sliceKernel(node: KernelNode): KernelSpec {
  const x = node.inputs[0];
  const begin = node.attrs.begin as number[];
  const st = stridesOf(x);
  const offset = begin.reduce((p, b, d) => p + b * st[d], 0);
  return element(sliceSrc, [], 1, `int src(int e) { ${indexBody(node.out, st, offset)} }`);
}

function padKernel(node: KernelNode): KernelSpec {
  const x = node.inputs[0];
  const before = node.attrs.before as number[];
  const ost = stridesOf(node.out);
  const st = stridesOf(x);
  // Per axis: the output coordinate minus `before` must lie inside x.
  const lines = node.out.map((d, i) => {
    const c = `int c${i} = (e / ${ost[i]}) % ${d} - ${before[i]};`;
    return `${c} if (c${i} < 0 || c${i} >= ${x[i]}) return -1; i += c${i} * ${st[i]};`;
  });
  const src = `int src(int e) {\n  int i = 0;\n  ${lines.join('\n  ')}\n  return i;\n}`;
  return element(padSrc, [], 1, src);
}

function gatherKernel(node: KernelNode): KernelSpec {
  const [x, indices] = node.inputs;
  const axis = normalizeAxis('gather', 'axis', node.attrs.axis ?? 0, x.length);
  const [, dim, inner] = aroundAxis(x, axis);
  const n = Math.max(sizeOf(indices), 1);
  return element(gatherSrc, [`DIM ${dim}`, `INNER ${Math.max(inner, 1)}`, `N_IDX ${n}`], 2);
}

function scatterAddKernel(node: KernelNode): KernelSpec {
  const shape = node.out;
  const axis = normalizeAxis('scatterAdd', 'axis', node.attrs.axis ?? 0, shape.length);
  const [, dim, inner] = aroundAxis(shape, axis);
  const n = sizeOf(node.inputs[1]);
  return element(
    scatterAddSrc,
    [`DIM ${Math.max(dim, 1)}`, `INNER ${Math.max(inner, 1)}`, `N_IDX ${n}`],
    2,
  );
}

/** The kernel of a matrix, reduction or structural op, or null for other ops. */
export function structuralKernel(node: KernelNode): KernelSpec | null {
  switch (node.op) {
    case 'matMul':
      return matMulKernel(node);
    case 'matMulRows':
      return matMulRowsKernel(node);
    case 'rows':
      return rowsKernel(node);
    case 'matMulTiles':
      return matMulTilesKernel(node);
    case 'matMulMerge':
      return matMulMergeKernel(node);
    case 'softmax':
    case 'logSoftmax':
      return softmaxKernel(node, node.op === 'logSoftmax');
    case 'sum':
    case 'mean':
    case 'max':
      return reduceKernel(node);
    case 'concat':
      return concatKernel(node);
    case 'transpose':
      return transposeKernel(node);
    case 'slice':
      return sliceKernel(node);
    case 'pad':
      return padKernel(node);
    case 'gather':
      return gatherKernel(node);
    case 'scatterAdd':
      return scatterAddKernel(node);
    case 'oneHot':
      return element(oneHotSrc, [`DEPTH ${Math.max(node.attrs.depth as number, 1)}`], 1);
  }
  return null;
}
