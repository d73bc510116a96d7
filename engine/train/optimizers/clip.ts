// Gradient clipping as Keras optimizers do it. clipnorm scales each gradient tensor on its own,
// g·c/max(‖g‖, c) — always, so float32 rounding matches Keras even below the limit;
// global_clipnorm scales all gradients by one factor from their joint norm.

/** The L2 norm of one tensor, accumulated in float64. */
export function l2Norm(values: Float32Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return Math.sqrt(s);
}

/** Keras per-variable clipnorm: grad·clipnorm / max(‖grad‖, clipnorm), into `out` (a new array by default). */
export function clipByNorm(
  grad: Float32Array,
  clipnorm: number,
  out: Float32Array = new Float32Array(grad.length),
): Float32Array {
  const f = Math.fround;
  const c = f(clipnorm);
  const denom = Math.max(f(l2Norm(grad)), c);
  for (let i = 0; i < grad.length; i++) out[i] = f(f(grad[i] * c) / denom);
  return out;
}

/** The global norm √(Σ‖g‖²) over several tensors (Keras global_norm). */
export function globalNorm(grads: readonly Float32Array[]): number {
  let s = 0;
  for (const g of grads) for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  return Math.sqrt(s);
}

/**
 * Keras global_clipnorm: every gradient times clipnorm·min(1/norm, 1/clipnorm), as new arrays.
 * A non-finite norm makes every value NaN, as in Keras, so the session reports it.
 */
export function clipByGlobalNorm(grads: readonly Float32Array[], clipnorm: number): Float32Array[] {
  const f = Math.fround;
  const norm = f(globalNorm(grads));
  const c = f(clipnorm);
  const scale = f(f(c * Math.min(f(1 / norm), f(1 / c))) + (norm - norm));
  return grads.map((g) => g.map((x) => f(x * scale)));
}
