// Op → GPU kernel: for one node with concrete shapes, the fragment shader source (per-shape
// constants and index maps generated into it) and any per-run uniforms. Element-wise kernels live
// here; matrix, reduction and structural kernels in kernelsStructural.ts.
import { LoomError } from '../../errors.ts';
import type { Attrs } from '../../ops/types.ts';
import { keepThreshold, maskStream } from '../../random/hash.ts';
import { sizeOf, type Shape } from '../../tensor.ts';
import { assemble, broadcastIndexFn, glslFloat, samplers } from './source.ts';
import { structuralKernel } from './kernelsStructural.ts';
import unarySrc from '../../../shaders/unary.glsl?raw';
import binarySrc from '../../../shaders/binary.glsl?raw';
import compareSrc from '../../../shaders/compare.glsl?raw';
import whereSrc from '../../../shaders/where.glsl?raw';
import clipSrc from '../../../shaders/clip.glsl?raw';
import broadcastToSrc from '../../../shaders/broadcastTo.glsl?raw';
import reshapeSrc from '../../../shaders/reshape.glsl?raw';
import dropoutSrc from '../../../shaders/dropout.glsl?raw';

/** One node to run: op, attributes and concrete shapes. */
export interface KernelNode {
  readonly op: string;
  readonly attrs: Attrs;
  readonly inputs: readonly Shape[];
  readonly out: Shape;
}

/** What a kernel needs at run time besides its input textures. */
export interface RunContext {
  readonly gl: WebGL2RenderingContext;
  uniform(name: string): WebGLUniformLocation | null;
  /** Host value of element 0 of input k (the dropout step seed). */
  hostValue(k: number): number;
}

/** A kernel for one node: its source and per-run uniform setter. */
export interface KernelSpec {
  readonly source: string;
  readonly uniforms?: (ctx: RunContext) => void;
}

const UNARY = ['neg', 'exp', 'log', 'sqrt', 'square', 'abs', 'sign', 'relu', 'sigmoid', 'tanh'];
const BINARY = ['add', 'sub', 'mul', 'div'];
const COMPARE = ['greater', 'less', 'equal'];

/**
 * An element-wise kernel over inputs broadcast to `out`. When every input is either full-size or a
 * single value, the kernel works a texel (4 elements) at a time (ALIGNED); otherwise it maps
 * each output element to its input elements with generated index functions.
 */
function elementwise(file: string, defines: string[], node: KernelNode, vec = true): KernelSpec {
  const n = sizeOf(node.out);
  const aligned = vec && node.inputs.every((s) => sizeOf(s) === n || sizeOf(s) === 1);
  const helpers = [samplers(node.inputs.length)];
  node.inputs.forEach((s, k) => {
    helpers.push(broadcastIndexFn(`idx${k}`, s, node.out));
    helpers.push(`float in${k}(int e) { return load(X${k}, idx${k}(e)); }`);
    const scalar = sizeOf(s) === 1 && n !== 1;
    helpers.push(
      `vec4 in${k}x4(int t) { return ${scalar ? `vec4(load(X${k}, 0))` : `loadTexel(X${k}, t)`}; }`,
    );
  });
  return {
    source: assemble(
      file,
      [
        aligned ? 'LOOM_TEXEL_MAIN' : 'LOOM_ELEMENT_MAIN',
        ...(aligned ? ['ALIGNED'] : []),
        ...defines,
      ],
      helpers.join('\n'),
    ),
  };
}

/** The GPU kernel of a node; throws LoomError('internal') for an op without one. */
export function kernelFor(node: KernelNode): KernelSpec {
  const { op, attrs } = node;
  if (UNARY.includes(op)) return elementwise(unarySrc, [`OP_${op.toUpperCase()}`], node);
  if (BINARY.includes(op)) return elementwise(binarySrc, [`OP_${op.toUpperCase()}`], node);
  if (COMPARE.includes(op)) return elementwise(compareSrc, [`OP_${op.toUpperCase()}`], node);
  switch (op) {
    case 'where':
      return elementwise(whereSrc, [], node);
    case 'clip':
      return elementwise(
        clipSrc,
        [
          `CLIP_MIN ${glslFloat(attrs.min as number)}`,
          `CLIP_MAX ${glslFloat(attrs.max as number)}`,
        ],
        node,
      );
    case 'broadcastTo':
      return elementwise(broadcastToSrc, [], node, false);
    case 'reshape':
      return { source: assemble(reshapeSrc, ['LOOM_TEXEL_MAIN'], samplers(1)) };
    case 'dropout':
      return dropoutKernel(node);
  }
  const structural = structuralKernel(node);
  if (structural) return structural;
  throw new LoomError(
    'internal',
    `the WebGL backend has no kernel for op '${op}'`,
    {},
    'Train on the CPU backend; this is a bug in Layerloom.',
  );
}

function dropoutKernel(node: KernelNode): KernelSpec {
  const rate = node.attrs.rate as number;
  const seed = node.attrs.seed as number;
  const spec = elementwise(
    dropoutSrc,
    [`THRESHOLD ${keepThreshold(rate)}u`, `SCALE ${glslFloat(1 / (1 - rate))}`],
    { ...node, inputs: [node.inputs[0]] },
    false,
  );
  return {
    source: spec.source,
    // The mask stream depends on the step seed's value: recomputed on the host each run.
    uniforms: (ctx) => ctx.gl.uniform1ui(ctx.uniform('stream'), maskStream(seed, ctx.hostValue(1))),
  };
}
