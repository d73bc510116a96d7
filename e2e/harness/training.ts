// In-browser half of the WebGL training specs: full training steps of the example models on the
// WebGL backend against the CPU backend (TrainingSession on each), the fused GPU-resident
// optimizer path against the CPU optimizers, and texture memory over many steps.
import { compile, parseConfig } from '../../engine/compile/compile.ts';
import { STEP_SEED } from '../../engine/compile/program.ts';
import type { WebglBackend } from '../../engine/backends/webgl/types.ts';
import { builtinDatasets } from '../../engine/data/builtin.ts';
import { parseProjectText } from '../../engine/document/parse.ts';
import type { Project } from '../../engine/document/schema.ts';
import { inferShapes } from '../../engine/graph/infer.ts';
import { compare } from '../../engine/ops/testing/suite.ts';
import { Rng } from '../../engine/random/rng.ts';
import { bindData, type BoundData } from '../../engine/session/bind.ts';
import { TrainingSession } from '../../engine/session/session.ts';
import { initialWeights } from '../../engine/session/weights.ts';
import { getOptimizer } from '../../engine/train/optimizers/registry.ts';
import type { OptimizerType } from '../../engine/train/optimizers/types.ts';
import { GPU_TOL } from './ops.ts';

/** The project and its data: the two-tower sample, or 256 seeded random MNIST-like rows. */
function modelAndData(text: string, model: 'two-tower' | 'mlp', doc?: Project) {
  const project = doc ?? parseProjectText(text);
  const inf = inferShapes(project);
  if (model === 'two-tower')
    return {
      doc: project,
      data: bindData(project, inf, builtinDatasets['two-tower-sample'].arrays),
    };
  const rng = new Rng(20260101);
  const n = 256;
  const images = new Float32Array(n * 784).map(() => rng.int(256));
  const labels = new Float32Array(n).map(() => rng.int(10));
  const data = bindData(project, inf, {
    images: { shape: [n, 784], data: images },
    labels: { shape: [n], data: labels },
  });
  return { doc: project, data };
}

/** Appends a failure when `got` and `want` differ by more than GPU_TOL. */
function check(
  failures: string[],
  what: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
): number {
  const m = compare(got, want, [want.length], GPU_TOL);
  if (m)
    failures.push(
      `${what}: element ${m.flat} got ${m.actual}, cpu ${m.expected}, error ${m.error.toExponential(2)}`,
    );
  return m ? m.error : 0;
}

/** `steps` TrainingSession steps on WebGL and on the CPU: loss, gradients, updates and weights. */
export function trainingMatch(
  gpu: WebglBackend,
  text: string,
  model: 'two-tower' | 'mlp',
  steps: number,
) {
  const { doc, data } = modelAndData(text, model);
  const cpu = new TrainingSession(doc, data);
  const gl = new TrainingSession(doc, data, { backend: gpu });
  const failures: string[] = [];
  const losses: [number, number][] = [];
  for (let s = 1; s <= steps; s++) {
    const a = gl.step();
    const b = cpu.step();
    losses.push([a.loss, b.loss]);
    check(failures, `step ${s} loss`, [a.loss], [b.loss]);
    for (const [k, v] of Object.entries(b.logs))
      check(failures, `step ${s} ${k}`, [a.logs[k]], [v]);
    for (const [key, g] of b.grads) check(failures, `step ${s} grad ${key}`, a.grads.get(key)!, g);
    for (const [key, u] of b.updates)
      check(failures, `step ${s} update ${key}`, a.updates.get(key)!, u);
    for (const [key, w] of cpu.weights)
      check(failures, `step ${s} weights ${key}`, gl.weights.get(key)!, w);
  }
  return { failures, losses, params: [...cpu.weights.keys()] };
}

/**
 * `steps` updates with the fused GPU optimizer (params stay on the GPU, one loss readback per
 * step) against TrainingSession on the CPU with the same optimizer settings.
 */
export function residentMatch(
  gpu: WebglBackend,
  text: string,
  optimizer: string,
  params: Record<string, unknown>,
  steps: number,
) {
  const base = parseProjectText(text);
  const doc: Project = {
    ...base,
    training: {
      ...base.training,
      shuffle: false,
      optimizer: { type: optimizer as OptimizerType, params } as Project['training']['optimizer'],
    },
  };
  const { data } = modelAndData(text, 'two-tower', doc);
  const cpu = new TrainingSession(doc, data);
  const bs = doc.training.batchSize;
  const program = compile(doc, { mode: 'train', batchSize: Math.min(bs, data.n) });
  const weights = initialWeights(doc, program.params).values;
  const exec = gpu.createExecutor(program);
  for (const [k, v] of weights) exec.bindParam(k, v);
  const def = getOptimizer(optimizer);
  const hyper = parseConfig(def.hyper, params, optimizer) as Record<string, unknown>;
  const failures: string[] = [];
  let cursor = 0;
  let memory = gpu.memory();
  for (let s = 1; s <= steps; s++) {
    // Slot textures appear with the first update; after that nothing is allocated.
    if (s === 2) memory = gpu.memory();
    const end = Math.min(cursor + bs, data.n);
    fill(exec.feed.bind(exec), program.feeds, data, cursor, end);
    exec.feed(STEP_SEED)[0] = s - 1;
    exec.run();
    const loss = exec.read(program.loss!.total)[0];
    exec.applyUpdate(def.type, hyper, s);
    const r = cpu.step(false);
    check(failures, `${optimizer} step ${s} loss`, [loss], [r.loss]);
    cursor = end >= data.n ? 0 : end;
  }
  const after = gpu.memory();
  if (after.textures !== memory.textures || after.bytes !== memory.bytes)
    failures.push(`GPU memory changed from ${JSON.stringify(memory)} to ${JSON.stringify(after)}`);
  exec.syncParams();
  for (const [key, w] of cpu.weights)
    check(failures, `${optimizer} weights ${key} after ${steps} steps`, weights.get(key)!, w);
  exec.dispose();
  return { failures };
}

function fill(
  feed: (key: string) => Float32Array,
  feeds: readonly { key: string }[],
  data: BoundData,
  start: number,
  end: number,
): void {
  for (const f of feeds) {
    const [kind, id] = f.key.split(':');
    const rows =
      kind === 'input' ? data.inputs.get(id) : kind === 'target' ? data.targets.get(id) : undefined;
    if (!rows) continue;
    feed(f.key).set(rows.data.subarray(start * rows.width, end * rows.width));
  }
}

/** Texture memory and compiled kernels after step 1 and after step `steps` of a WebGL TrainingSession. */
export function memoryOverSteps(gpu: WebglBackend, text: string, steps: number) {
  const { doc, data } = modelAndData(text, 'two-tower');
  const s = new TrainingSession(doc, data, { backend: gpu });
  s.step(false);
  // Kernels too: every variant is compiled while planning, none during steps.
  const first = { session: s.memory(), gpu: gpu.memory(), kernels: gpu.kernelCount() };
  let loss = 0;
  for (let i = 1; i < steps; i++) loss = s.step(false).loss;
  const last = { session: s.memory(), gpu: gpu.memory(), kernels: gpu.kernelCount() };
  return { first, last, loss, steps: s.steps };
}
