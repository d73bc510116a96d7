// Buffer planning for one Program, done once: fuse Dense forward chains (matMul → bias add →
// relu/sigmoid/tanh) into one kernel where no other step needs the intermediate values, then give
// every op result a pooled buffer, reusing a buffer once its last reader has run (liveness), as
// the CPU executor does. Pure data: the executor turns buffers into textures.
import { pinnedIds, type Program } from '../../compile/program.ts';
import type { GraphNode } from '../../graph/graph.ts';
import { sameShape, sizeOf } from '../../tensor.ts';
import type { KernelNode } from './kernels.ts';
import { texelsFor } from './gpu.ts';

/** One kernel launch: computes node `out` from nodes `inputs`. */
export interface PlannedStep {
  readonly node: KernelNode;
  readonly out: number;
  readonly inputs: readonly number[];
  /** A dedicated 2-d texture [width, height] in texels instead of a pooled linear buffer. */
  readonly layout?: readonly [number, number];
  /** With a layout: that many textures of it, written at once (multiple render targets). */
  readonly targets?: number;
}

export interface Plan {
  readonly steps: PlannedStep[];
  /** Capacity in texels of each pooled buffer. */
  readonly buffers: number[];
  /** Pooled buffer of each op result that is computed. */
  readonly bufferOf: Map<number, number>;
  /** Values every run must keep (outputs, losses, metrics, gradients). */
  readonly pinned: Set<number>;
}

const ACTIVATIONS = new Set(['relu', 'sigmoid', 'tanh']);

type OpNode = Extract<GraphNode, { kind: 'op' }>;

/** Fused steps: each matMul + bias add (+ activation) whose intermediates nobody else reads becomes one step. */
function fuse(nodes: readonly GraphNode[], pinned: Set<number>): PlannedStep[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const readers = new Map<number, OpNode[]>();
  for (const n of nodes)
    if (n.kind === 'op')
      for (const i of n.inputs) {
        if (!readers.has(i)) readers.set(i, []);
        readers.get(i)!.push(n);
      }
  const only = (id: number): OpNode | null => {
    const r = readers.get(id);
    return r && r.length === 1 && !pinned.has(id) ? r[0] : null;
  };
  const skip = new Set<number>();
  const steps: PlannedStep[] = [];
  const shapeOf = (id: number) => byId.get(id)!.shape;
  for (const n of nodes) {
    if (n.kind !== 'op' || skip.has(n.id)) continue;
    const add = n.op === 'matMul' ? only(n.id) : null;
    const bias = add && add.op === 'add' ? add.inputs.find((i) => i !== n.id) : undefined;
    const cols = n.shape[1];
    const fusable =
      add !== null &&
      bias !== undefined &&
      add.inputs.includes(n.id) &&
      sameShape(add.shape, n.shape) &&
      (sameShape(shapeOf(bias), [cols]) || sameShape(shapeOf(bias), [1, cols]));
    if (!fusable) {
      steps.push({
        node: { op: n.op, attrs: n.attrs, inputs: n.inputs.map(shapeOf), out: n.shape },
        out: n.id,
        inputs: n.inputs,
      });
      continue;
    }
    skip.add(add.id);
    const act = only(add.id);
    const fuseAct = act !== null && ACTIVATIONS.has(act.op);
    if (fuseAct) skip.add(act.id);
    const last = fuseAct ? act : add;
    const inputs = [...n.inputs, bias];
    steps.push({
      node: {
        op: 'matMul',
        attrs: { ...n.attrs, fusedBias: true, ...(fuseAct ? { fusedActivation: act.op } : {}) },
        inputs: inputs.map(shapeOf),
        out: last.shape,
      },
      out: last.id,
      inputs,
    });
  }
  return steps;
}

/** Below this many multiply-adds a matMul reads its inputs in place instead of re-laying them out. */
const RELAYOUT_MIN_MACS = 1 << 16;
/** Row textures are at most this many texels in each direction. */
const MAX_SIDE = 4096;

/**
 * Rewrites each large matMul into its fastest form: operands are first copied into row textures —
 * matrix row r = texture row r, 4 values per texel — A as [M, K] and B as [N, K] (Bᵀ), so every
 * fragment streams contiguous texture rows (reading a [K, N] B in place, 4 of its rows per step,
 * measured slower: every fetch touches another cache line). Then matMulTiles (tile × 4 outputs per fragment) + matMulMerge, or matMulRows
 * when M or N do not fit tiles. The copies get fresh negative ids and dedicated textures; rows are
 * zero-padded to whole texels.
 */
function relayout(steps: PlannedStep[], maxTargets: number): PlannedStep[] {
  let next = -1;
  const out: PlannedStep[] = [];
  for (const s of steps) {
    const attrs = s.node.attrs as { transposeA?: boolean; transposeB?: boolean };
    const tA = attrs.transposeA === true;
    const tB = attrs.transposeB === true;
    const [a, b] = s.node.inputs;
    const K = s.node.op === 'matMul' ? (tA ? a[0] : a[1]) : 0;
    const [M, N] = s.node.out;
    const fits = Math.ceil(K / 4) <= MAX_SIDE && M <= MAX_SIDE && N <= MAX_SIDE;
    if (s.node.op !== 'matMul' || !fits || M * N * K < RELAYOUT_MIN_MACS) {
      out.push(s);
      continue;
    }
    const rows = (input: number, shape: readonly number[], transposed: boolean, R: number) => {
      const id = next--;
      out.push({
        node: { op: 'rows', attrs: { transposed, rows: R, k: K }, inputs: [shape], out: [R, K] },
        out: id,
        inputs: [input],
        layout: [Math.ceil(K / 4), R],
      });
      return id;
    };
    const tile = M % 8 === 0 && maxTargets >= 8 ? 8 : 4;
    const tiled = M % tile === 0 && N % 4 === 0;
    const inputs = [
      rows(s.inputs[0], a, tA, M),
      rows(s.inputs[1], b, !tB, N),
      ...s.inputs.slice(2),
    ];
    if (tiled) {
      // tile×4 outputs per fragment into `tile` targets, then one interleaving pass (+ bias/activation).
      const tiles = next--;
      out.push({
        node: {
          op: 'matMulTiles',
          attrs: { tile },
          inputs: [
            [M, K],
            [N, K],
          ],
          out: [M, N],
        },
        out: tiles,
        inputs: inputs.slice(0, 2),
        layout: [N / 4, M / tile],
        targets: tile,
      });
      out.push({
        node: {
          ...s.node,
          op: 'matMulMerge',
          attrs: { ...s.node.attrs, tile },
          inputs: [[M, N], ...s.node.inputs.slice(2)],
        },
        out: s.out,
        inputs: [tiles, ...inputs.slice(2)],
      });
      continue;
    }
    out.push({
      node: {
        ...s.node,
        op: 'matMulRows',
        inputs: [[M, K], [N, K], ...s.node.inputs.slice(2)],
      },
      out: s.out,
      inputs,
    });
  }
  return out;
}

/**
 * Plans the steps and pooled buffers of a program; `maxTargets` is how many render targets one
 * kernel may write (the GPU's MAX_DRAW_BUFFERS; WebGL2 guarantees 4).
 */
export function planProgram(program: Program, maxTargets = 4): Plan {
  const pinned = pinnedIds(program);
  const steps = relayout(fuse(program.nodes, pinned), maxTargets);
  const lastUse = new Map<number, number>();
  steps.forEach((s, i) => s.inputs.forEach((id) => lastUse.set(id, i)));
  const buffers: number[] = [];
  const free: number[] = [];
  const bufferOf = new Map<number, number>();
  const live = new Map<number, number>();
  steps.forEach((s, i) => {
    if (s.layout) return;
    const need = texelsFor(sizeOf(s.node.out));
    // Best fit among free buffers, else a new one.
    let best = -1;
    for (let k = 0; k < free.length; k++) {
      const cap = buffers[free[k]];
      if (cap >= need && (best < 0 || cap < buffers[free[best]])) best = k;
    }
    let buf: number;
    if (best >= 0) buf = free.splice(best, 1)[0];
    else {
      buf = buffers.length;
      buffers.push(need);
    }
    bufferOf.set(s.out, buf);
    live.set(s.out, buf);
    // Release inputs read for the last time here (after allocating the output: a kernel never
    // reads and writes the same texture).
    for (const id of new Set(s.inputs)) {
      const b = live.get(id);
      if (b !== undefined && lastUse.get(id) === i && !pinned.has(id)) {
        free.push(b);
        live.delete(id);
      }
    }
    // A result nobody reads (and nobody keeps) is free right away.
    if (!lastUse.has(s.out) && !pinned.has(s.out)) {
      free.push(buf);
      live.delete(s.out);
    }
  });
  return { steps, buffers, bufferOf, pinned };
}
