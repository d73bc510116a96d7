// CPU-side tensors: a shape and a row-major Float32Array. Integer data (labels, indices) is stored
// as exact float32 values (exact up to 2^24). Nothing here depends on a backend.

/** A tensor shape: non-negative integer dimensions, row-major. */
export type Shape = readonly number[];

/** A dense float32 tensor in host memory. */
export interface TensorData {
  readonly shape: Shape;
  readonly data: Float32Array;
}

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** A zero-filled tensor. */
export function zeros(shape: Shape): TensorData {
  return { shape: [...shape], data: new Float32Array(sizeOf(shape)) };
}

/** A tensor from flat values; checks the length against the shape. */
export function fromArray(values: ArrayLike<number>, shape: Shape): TensorData {
  if (values.length !== sizeOf(shape))
    throw new RangeError(`${values.length} values do not fill shape [${shape.join(', ')}]`);
  return { shape: [...shape], data: Float32Array.from(values) };
}

/** Nested number arrays, as written in JSON or tests. */
export type Nested = number | Nested[];

/** A tensor from nested arrays, e.g. [[1, 2], [3, 4]] → shape [2, 2]. */
export function tensor(values: Nested): TensorData {
  const shape: number[] = [];
  let v: Nested = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  const flat: number[] = [];
  const walk = (x: Nested, depth: number): void => {
    if (Array.isArray(x)) {
      if (x.length !== shape[depth]) throw new RangeError('ragged nested array');
      for (const y of x) walk(y, depth + 1);
    } else {
      if (depth !== shape.length) throw new RangeError('ragged nested array');
      flat.push(x);
    }
  };
  walk(values, 0);
  return fromArray(flat, shape);
}

/** Nested arrays from a tensor (for printing, JSON and tests). */
export function toNested(t: TensorData): Nested {
  if (t.shape.length === 0) return t.data[0];
  const strides = stridesOf(t.shape);
  const build = (depth: number, offset: number): Nested => {
    const out: Nested[] = [];
    for (let i = 0; i < t.shape[depth]; i++) {
      const o = offset + i * strides[depth];
      out.push(depth === t.shape.length - 1 ? t.data[o] : build(depth + 1, o));
    }
    return out;
  };
  return build(0, 0);
}

/** Shapes equal element-wise. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** "[2, 3]" for messages. */
export function showShape(s: Shape): string {
  return `[${s.join(', ')}]`;
}
