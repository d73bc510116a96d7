// Kernel source assembly: the prelude's #version line, then the kernel's generated #defines, the
// rest of the prelude, generated helpers (index maps with the concrete shapes baked in), and the
// kernel file from shaders/. Shapes are constants in the source, so the kernel cache is keyed by it.
import prelude from '../../../shaders/prelude.glsl?raw';
import { sizeOf, stridesOf, type Shape } from '../../tensor.ts';

/** Full fragment shader source of a kernel. */
export function assemble(kernel: string, defines: readonly string[], helpers = ''): string {
  const nl = prelude.indexOf('\n');
  return [
    prelude.slice(0, nl),
    ...defines.map((d) => `#define ${d}`),
    prelude.slice(nl + 1),
    helpers,
    kernel,
  ].join('\n');
}

/** A GLSL float expression with exactly the float32 value of `v` (bit pattern, so no rounding). */
export function glslFloat(v: number): string {
  const bits = new Uint32Array(Float32Array.of(v).buffer)[0];
  return `uintBitsToFloat(0x${bits.toString(16)}u)`;
}

/** GLSL uniform declarations of `n` input samplers X0..X(n−1). */
export function samplers(n: number): string {
  return Array.from({ length: n }, (_, k) => `uniform sampler2D X${k};`).join('\n');
}

/**
 * Body of `int f(int e)` mapping a flat row-major index over `dims` to Σ coordᵢ·strides[i] + offset.
 * Axes of size 1 are skipped and adjacent axes whose strides chain are merged, so the common
 * cases (identity, a broadcast row, a transpose of two blocks) cost one or two div/mods.
 */
export function indexBody(dims: Shape, strides: readonly number[], offset = 0): string {
  const merged: { d: number; s: number }[] = [];
  for (let i = dims.length - 1; i >= 0; i--) {
    if (dims[i] === 1) continue;
    const last = merged[merged.length - 1];
    if (last && strides[i] === last.s * last.d) last.d *= dims[i];
    else merged.push({ d: dims[i], s: strides[i] });
  }
  const terms: string[] = [];
  let div = 1;
  merged.forEach(({ d, s }, k) => {
    const q = div === 1 ? 'e' : `(e / ${div})`;
    const coord = k === merged.length - 1 ? q : `(${q} % ${d})`;
    if (s !== 0) terms.push(s === 1 ? coord : `${coord} * ${s}`);
    div *= d;
  });
  if (offset !== 0) terms.push(String(offset));
  return `return ${terms.length ? terms.join(' + ') : '0'};`;
}

/** Strides of `input` read at the coordinates of `out` under NumPy broadcasting (0 = repeated). */
export function broadcastStrides(input: Shape, out: Shape): number[] {
  const st = stridesOf(input);
  const lead = out.length - input.length;
  return out.map((_, i) => (i < lead || input[i - lead] === 1 ? 0 : st[i - lead]));
}

/** `int name(int e)` reading element e of `out`'s layout from `input` broadcast to it. */
export function broadcastIndexFn(name: string, input: Shape, out: Shape): string {
  if (sizeOf(input) === sizeOf(out)) return `int ${name}(int e) { return e; }`;
  return `int ${name}(int e) { ${indexBody(out, broadcastStrides(input, out))} }`;
}
