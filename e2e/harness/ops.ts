// In-browser half of the WebGL op suite: every case of the shared op suite (engine/ops/testing)
// runs as a tiny compiled program — the op forward, and the gradients of sum(op(x) ⊙ w) through
// the same backprop the compiler uses — on the WebGL backend and on the CPU backend, with fresh
// random inputs, and the results are compared element-wise.
import { backprop } from '../../engine/autodiff/backprop.ts';
import { cpuBackend } from '../../engine/backends/cpu/executor.ts';
import type { Backend } from '../../engine/backends/types.ts';
import type { Program } from '../../engine/compile/program.ts';
import { Graph } from '../../engine/graph/graph.ts';
import { getOp } from '../../engine/ops/registry.ts';
import { elementwiseCases } from '../../engine/ops/testing/casesElementwise.ts';
import { structuralCases } from '../../engine/ops/testing/casesStructural.ts';
import { caseLabel, caseSeed, compare, generateInputs } from '../../engine/ops/testing/suite.ts';
import type { Sym } from '../../engine/ops/types.ts';
import { sizeOf, type TensorData } from '../../engine/tensor.ts';

/** Relative tolerance of WebGL float32 kernels against the CPU backend. */
export const GPU_TOL = 1e-4;

/**
 * Gradient values below this magnitude are compared absolutely (GPU_TOL · GRAD_FLOOR = 1e-6). A
 * gradient graph chains several float32 ops over O(1) intermediates (dy ∈ [−1, 1]) and often
 * cancels (softmax's dy − Σ dy·y, tanh's 1 − y²): one rounding step of difference in an
 * intermediate (1.2e-7 near 1) is then legitimate, however small the result.
 */
export const GRAD_FLOOR = 1e-2;

/** The worst element of |got − want| / max(|want|, floor), or null when within GPU_TOL. */
function worstGradient(got: Float32Array, want: Float32Array) {
  let worst: { flat: number; error: number } | null = null;
  for (let i = 0; i < want.length; i++) {
    const [a, e] = [got[i], want[i]];
    const err =
      Number.isNaN(a) || Number.isNaN(e) || !Number.isFinite(a) || !Number.isFinite(e)
        ? Object.is(a, e) || a === e
          ? 0
          : Infinity
        : Math.abs(a - e) / Math.max(Math.abs(e), GRAD_FLOOR);
    if (err > GPU_TOL && (!worst || err > worst.error)) worst = { flat: i, error: err };
  }
  return worst;
}

/** A program computing `outs` from fed inputs x0, x1, … (and w). */
function programOf(g: Graph, outs: Sym[]): Program {
  const feeds = g.nodes.flatMap((n) =>
    n.kind === 'input' ? [{ key: n.name, id: n.id, shape: [...n.shape] }] : [],
  );
  return {
    mode: 'train',
    batchSize: 1,
    nodes: g.nodes,
    feeds,
    params: [],
    outputs: outs.map((s, i) => ({ nodeId: `out${i}`, id: s.id })),
    loss: null,
    metrics: [],
    grads: [],
    activationGrads: [],
  };
}

/** Runs `program` on `backend` with feeds by key; returns copies of its outputs. */
function execute(backend: Backend, program: Program, feeds: Map<string, Float32Array>) {
  const exec = backend.createExecutor(program);
  for (const [key, v] of feeds) exec.feed(key).set(v);
  exec.run();
  const outs = program.outputs.map((o) => Float32Array.from(exec.read(o.id)));
  (exec as { dispose?: () => void }).dispose?.();
  return outs;
}

/** Forward program of one op application. */
function forwardProgram(op: string, inputs: readonly TensorData[], attrs: Record<string, unknown>) {
  const g = new Graph();
  const xs = inputs.map((t, k) => g.input(`x${k}`, t.shape));
  return programOf(g, [g.op(op, xs, attrs)]);
}

/** Gradient program: d sum(op(x) ⊙ w) / dx for every input that gets a gradient. */
function gradProgram(op: string, inputs: readonly TensorData[], attrs: Record<string, unknown>) {
  const g = new Graph();
  const xs = inputs.map((t, k) => g.input(`x${k}`, t.shape));
  const y = g.op(op, xs, attrs);
  const w = g.input('w', y.shape);
  const l = g.op('mul', [y, w]);
  const ones = g.constant({ shape: y.shape, data: new Float32Array(sizeOf(y.shape)).fill(1) });
  const grads = backprop(g, g.entries, l, ones, xs);
  const which = grads.flatMap((s, k) => (s ? [k] : []));
  return {
    program: programOf(
      g,
      which.map((k) => grads[k]!),
    ),
    which,
  };
}

export interface SuiteReport {
  cases: number;
  gradientChecks: number;
  failures: string[];
}

/** Runs every op case forward and backward on `gpu` and the CPU; seeds mix in `runSeed`. */
export function runOpSuite(gpu: Backend, runSeed: number): SuiteReport {
  const report: SuiteReport = { cases: 0, gradientChecks: 0, failures: [] };
  for (const set of [...elementwiseCases, ...structuralCases]) {
    set.cases.forEach((c, index) => {
      const label = caseLabel(set, c, index);
      const attrs = (c.attrs ?? {}) as Record<string, unknown>;
      const outShape = getOp(set.op).shape(c.shapes, attrs);
      const seed = (caseSeed(set.op, index) ^ runSeed) >>> 0;
      const { inputs, w } = generateInputs(c, seed, sizeOf(outShape));
      const feeds = new Map(inputs.map((t, k) => [`x${k}`, t.data]));
      const check = (what: string, got: Float32Array, want: Float32Array, shape: number[]) => {
        const m = compare(got, want, shape, Math.max(GPU_TOL, c.tol?.forward ?? 0));
        if (m)
          report.failures.push(
            `${label} ${what} (seed ${seed}): [${m.index.join(', ')}] got ${m.actual}, cpu ${m.expected}, error ${m.error.toExponential(2)}`,
          );
      };
      try {
        report.cases++;
        const fwd = forwardProgram(set.op, inputs, attrs);
        check('forward', execute(gpu, fwd, feeds)[0], execute(cpuBackend, fwd, feeds)[0], [
          ...outShape,
        ]);
        if (c.differentiable === false || !getOp(set.op).grad) return;
        const { program, which } = gradProgram(set.op, inputs, attrs);
        feeds.set('w', w);
        const got = execute(gpu, program, feeds);
        const want = execute(cpuBackend, program, feeds);
        which.forEach((k, i) => {
          report.gradientChecks++;
          const m = worstGradient(got[i], want[i]);
          if (m)
            report.failures.push(
              `${label} gradient of input ${k} (seed ${seed}): flat ${m.flat} got ${got[i][m.flat]}, cpu ${want[i][m.flat]}, error ${m.error.toExponential(2)}`,
            );
        });
      } catch (e) {
        report.failures.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }
  return report;
}

/**
 * Large matMuls (the tiled and row-texture kernels the planner picks above the op suite's sizes),
 * every transpose combination, fused with a bias and an activation or not, on the GPU vs the CPU.
 */
export function runLargeMatMuls(gpu: Backend, runSeed: number): SuiteReport {
  const report: SuiteReport = { cases: 0, gradientChecks: 0, failures: [] };
  const shapes: [number, number, number][] = [
    [128, 784, 512],
    [64, 96, 36],
    [60, 128, 10],
    [36, 200, 52],
    [64, 10, 512],
    [40, 42, 48],
  ];
  let seed = runSeed;
  for (const [M, K, N] of shapes)
    for (const tA of [false, true])
      for (const tB of [false, true])
        for (const act of [null, 'relu', 'sigmoid', 'tanh'] as const) {
          if (act && (tA || tB)) continue;
          report.cases++;
          const g = new Graph();
          const a = g.input('a', tA ? [K, M] : [M, K]);
          const b = g.input('b', tB ? [N, K] : [K, N]);
          const bias = g.input('bias', [N]);
          let y = g.op('matMul', [a, b], { transposeA: tA, transposeB: tB });
          if (act) y = g.op(act, [g.op('add', [y, bias])]);
          const program = programOf(g, [y]);
          seed = (seed * 1103515245 + 12345) >>> 0;
          const { inputs } = generateInputs(
            { shapes: [a.shape, b.shape, [N]] as number[][] },
            seed,
          );
          // Weights scaled like Glorot's, so pre-activations stay O(1) as in a real layer (a float32
          // sum of K products of ±2 values has absolute rounding errors near 1e-5).
          inputs[1].data.forEach((v, i, d) => (d[i] = v / Math.sqrt(K)));
          const feeds = new Map([
            ['a', inputs[0].data],
            ['b', inputs[1].data],
            ['bias', inputs[2].data],
          ]);
          const got = execute(gpu, program, feeds)[0];
          const want = execute(cpuBackend, program, feeds)[0];
          const m = compare(got, want, [M, N], GPU_TOL);
          if (m)
            report.failures.push(
              `matMul [${M},${K}]·[${K},${N}] tA=${tA} tB=${tB} ${act ?? ''} (seed ${seed}): [${m.index.join(', ')}] got ${m.actual}, cpu ${m.expected}`,
            );
        }
  return report;
}
