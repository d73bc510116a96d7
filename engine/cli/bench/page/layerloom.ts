// Layerloom's side of the browser benchmark: a TrainingSession step (on WebGL2 the session keeps
// weights and optimizer state on the GPU; on the CPU the optimizer runs on the host) and a one-op
// matMul program run through an executor, on the CPU or the WebGL2 backend.
import type { Backend } from '../../../backends/types.ts';
import type { Program } from '../../../compile/program.ts';
import { Graph } from '../../../graph/graph.ts';
import { TrainingSession } from '../../../session/session.ts';
import type { StepFn } from '../timing.ts';
import type { Workload } from '../workloads.ts';

/** One training step per call, returning the loss (read back from the backend). */
export function sessionStep(w: Workload, backend: Backend): StepFn {
  const session = new TrainingSession(w.doc, w.data, { backend });
  return () => session.step(false).loss;
}

/** The initial weights a session on this workload starts from (to give TF.js the same). */
export function initialWeights(w: Workload): Map<string, Float32Array> {
  return new TrainingSession(w.doc, w.data).weights;
}

/** c = a·b for n×n matrices; each call uploads a and b, multiplies and reads c back. */
export function matmulStep(backend: Backend, n: number, a: Float32Array, b: Float32Array): StepFn {
  const g = new Graph();
  const x = g.input('a', [n, n]);
  const y = g.input('b', [n, n]);
  const c = g.op('matMul', [x, y], { transposeA: false, transposeB: false });
  const program: Program = {
    mode: 'predict',
    batchSize: n,
    nodes: g.nodes,
    feeds: [
      { key: 'a', id: x.id, shape: [n, n] },
      { key: 'b', id: y.id, shape: [n, n] },
    ],
    params: [],
    outputs: [{ nodeId: 'c', id: c.id }],
    loss: null,
    metrics: [],
    grads: [],
    activationGrads: [],
  };
  const exec = backend.createExecutor(program);
  exec.feed('a').set(a);
  exec.feed('b').set(b);
  return () => {
    exec.run();
    const out = exec.read(c.id);
    return out[0] + out[out.length - 1];
  };
}
