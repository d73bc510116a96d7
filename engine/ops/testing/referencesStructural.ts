// Naive float64 references for the structural and linear-algebra ops, written index by index
// (multi-indices, no stride tricks), independent of the CPU kernels they check.
import type { Attrs } from '../types.ts';
import type { Nd64 } from './types.ts';
import { maskUniform } from '../../random/hash.ts';

type Idx = number[];

function make(shape: number[]): Nd64 {
  return { shape: [...shape], data: new Float64Array(shape.reduce((p, d) => p * d, 1)) };
}

function flat(shape: readonly number[], idx: Idx): number {
  let f = 0;
  for (let d = 0; d < shape.length; d++) f = f * shape[d] + idx[d];
  return f;
}

const get = (t: Nd64, idx: Idx): number => t.data[flat(t.shape, idx)];

function set(t: Nd64, idx: Idx, v: number): void {
  t.data[flat(t.shape, idx)] = v;
}

/** Every multi-index of `shape`, in row-major order. */
function indices(shape: readonly number[]): Idx[] {
  let all: Idx[] = [[]];
  for (const d of shape) {
    const next: Idx[] = [];
    for (const prefix of all) for (let i = 0; i < d; i++) next.push([...prefix, i]);
    all = next;
  }
  return all;
}

const norm = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

function normAxes(axes: unknown, rank: number): number[] {
  if (axes === null || axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  return (axes as number[]).map((a) => norm(a, rank));
}

export function matMulRef([a, b]: Nd64[], attrs: Attrs): Nd64 {
  const tA = attrs.transposeA === true;
  const tB = attrs.transposeB === true;
  const A = (i: number, k: number) => (tA ? get(a, [k, i]) : get(a, [i, k]));
  const B = (k: number, j: number) => (tB ? get(b, [j, k]) : get(b, [k, j]));
  const [M, K] = tA ? [a.shape[1], a.shape[0]] : a.shape;
  const N = tB ? b.shape[0] : b.shape[1];
  const out = make([M, N]);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A(i, k) * B(k, j);
      set(out, [i, j], s);
    }
  return out;
}

/** Values along `axis` through `idx`. */
function line(x: Nd64, axis: number, idx: Idx): number[] {
  const vals: number[] = [];
  for (let k = 0; k < x.shape[axis]; k++)
    vals.push(
      get(
        x,
        idx.map((v, d) => (d === axis ? k : v)),
      ),
    );
  return vals;
}

export function softmaxRef(log: boolean) {
  return ([x]: Nd64[], attrs: Attrs): Nd64 => {
    const axis = norm((attrs.axis as number | undefined) ?? -1, x.shape.length);
    const out = make(x.shape);
    for (const idx of indices(x.shape)) {
      const vals = line(x, axis, idx);
      const m = Math.max(...vals);
      const z = vals.reduce((s, v) => s + Math.exp(v - m), 0);
      const v = get(x, idx);
      set(out, idx, log ? v - m - Math.log(z) : Math.exp(v - m) / z);
    }
    return out;
  };
}

export function reduceRef(kind: 'sum' | 'mean' | 'max') {
  return ([x]: Nd64[], attrs: Attrs): Nd64 => {
    const axes = normAxes(attrs.axes, x.shape.length);
    const keep = attrs.keepDims === true;
    const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    const acc = make(keptShape);
    acc.data.fill(kind === 'max' ? -Infinity : 0);
    for (const idx of indices(x.shape)) {
      const o = idx.map((v, d) => (axes.includes(d) ? 0 : v));
      const v = get(x, idx);
      set(acc, o, kind === 'max' ? Math.max(get(acc, o), v) : get(acc, o) + v);
    }
    if (kind === 'mean') {
      const count = axes.reduce((p, a) => p * x.shape[a], 1);
      acc.data = acc.data.map((v) => v / count);
    }
    const shape = keep ? keptShape : x.shape.filter((_, i) => !axes.includes(i));
    return { shape, data: acc.data };
  };
}

export function concatRef(xs: Nd64[], attrs: Attrs): Nd64 {
  const axis = norm((attrs.axis as number | undefined) ?? -1, xs[0].shape.length);
  const shape = [...xs[0].shape];
  shape[axis] = xs.reduce((s, x) => s + x.shape[axis], 0);
  const out = make(shape);
  for (const idx of indices(shape)) {
    let k = idx[axis];
    let which = 0;
    while (k >= xs[which].shape[axis]) k -= xs[which++].shape[axis];
    set(
      out,
      idx,
      get(
        xs[which],
        idx.map((v, d) => (d === axis ? k : v)),
      ),
    );
  }
  return out;
}

export function reshapeRef([x]: Nd64[], attrs: Attrs): Nd64 {
  const target = attrs.shape as number[];
  const known = target.reduce((p, d) => (d === -1 ? p : p * d), 1);
  return { shape: target.map((d) => (d === -1 ? x.data.length / known : d)), data: x.data.slice() };
}

export function transposeRef([x]: Nd64[], attrs: Attrs): Nd64 {
  const rank = x.shape.length;
  const perm = (attrs.perm as number[] | null) ?? x.shape.map((_, i) => rank - 1 - i);
  const out = make(perm.map((p) => x.shape[p]));
  for (const idx of indices(out.shape)) {
    const src = new Array<number>(rank);
    perm.forEach((p, i) => (src[p] = idx[i]));
    set(out, idx, get(x, src));
  }
  return out;
}

export function sliceRef([x]: Nd64[], attrs: Attrs): Nd64 {
  const begin = attrs.begin as number[];
  const size = (attrs.size as number[]).map((s, d) => (s === -1 ? x.shape[d] - begin[d] : s));
  const out = make(size);
  for (const idx of indices(size))
    set(
      out,
      idx,
      get(
        x,
        idx.map((v, d) => v + begin[d]),
      ),
    );
  return out;
}

export function padRef([x]: Nd64[], attrs: Attrs): Nd64 {
  const before = attrs.before as number[];
  const after = attrs.after as number[];
  const out = make(x.shape.map((d, i) => before[i] + d + after[i]));
  for (const idx of indices(out.shape)) {
    const src = idx.map((v, d) => v - before[d]);
    const inside = src.every((v, d) => v >= 0 && v < x.shape[d]);
    set(out, idx, inside ? get(x, src) : 0);
  }
  return out;
}

export function gatherRef([x, ids]: Nd64[], attrs: Attrs): Nd64 {
  const axis = norm((attrs.axis as number | undefined) ?? 0, x.shape.length);
  const r = ids.shape.length;
  const out = make([...x.shape.slice(0, axis), ...ids.shape, ...x.shape.slice(axis + 1)]);
  for (const idx of indices(out.shape)) {
    const pick = get(ids, idx.slice(axis, axis + r));
    set(out, idx, get(x, [...idx.slice(0, axis), pick, ...idx.slice(axis + r)]));
  }
  return out;
}

export function scatterAddRef([u, ids]: Nd64[], attrs: Attrs): Nd64 {
  const shape = attrs.shape as number[];
  const axis = norm((attrs.axis as number | undefined) ?? 0, shape.length);
  const r = ids.shape.length;
  const out = make(shape);
  for (const idx of indices(u.shape)) {
    const pick = get(ids, idx.slice(axis, axis + r));
    const dst = [...idx.slice(0, axis), pick, ...idx.slice(axis + r)];
    set(out, dst, get(out, dst) + get(u, idx));
  }
  return out;
}

export function oneHotRef([ids]: Nd64[], attrs: Attrs): Nd64 {
  const depth = attrs.depth as number;
  const out = make([...ids.shape, depth]);
  for (const idx of indices(ids.shape)) {
    const k = get(ids, idx);
    if (k >= 0 && k < depth) set(out, [...idx, k], 1);
  }
  return out;
}

export function dropoutRef([x, step]: Nd64[], attrs: Attrs): Nd64 {
  const rate = attrs.rate as number;
  const seed = attrs.seed as number;
  const out = make(x.shape);
  for (let i = 0; i < x.data.length; i++)
    out.data[i] = maskUniform(seed, step.data[0], i) >= rate ? x.data[i] / (1 - rate) : 0;
  return out;
}

/** Distinct values at least 0.25 apart (so max has no near-ties for finite differences). */
