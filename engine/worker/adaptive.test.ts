import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mlpWorkload, twoTowerWorkload, type Workload } from '../cli/bench/workloads.ts';
import { parseProjectText } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';
import { TrainingSession } from '../session/session.ts';
import { AdaptiveBackend, compare, type AdaptiveOptions } from './adaptive.ts';
import { cpuProvider } from './providers.ts';
import { fakeGpu } from './testing/fakeGpu.ts';

const example = (name: string): Project =>
  parseProjectText(
    readFileSync(new URL(`../../assets/examples/${name}.loom`, import.meta.url), 'utf8'),
  );

/** Losses and final weights of `steps` updates on the plain CPU backend. */
function reference(w: Workload, steps: number) {
  const s = new TrainingSession(w.doc, w.data);
  const losses = Array.from({ length: steps }, () => s.step(false).loss);
  return { losses, weights: s.weights };
}

function train(w: Workload, steps: number, opts: Omit<AdaptiveOptions, 'cpu'>) {
  const changes: { backend: string; reason: string }[] = [];
  const backend = new AdaptiveBackend({
    cpu: cpuProvider,
    ...opts,
    onChange: (b, reason) => changes.push({ backend: b, reason }),
  });
  const s = new TrainingSession(w.doc, w.data, { backend });
  const losses = Array.from({ length: steps }, () => s.step(false).loss);
  return { losses, weights: s.weights, backend, changes };
}

describe('AdaptiveBackend', () => {
  const tower = twoTowerWorkload(example('two-tower'));

  it('trains on a healthy GPU exactly as on the CPU, checking each program once', () => {
    const gpu = fakeGpu();
    const got = train(tower, 20, { prefer: 'webgl', webgl: gpu.provider });
    const want = reference(tower, 20);
    expect(got.backend.name).toBe('webgl');
    expect(got.changes).toEqual([]);
    expect(got.losses).toEqual(want.losses);
    expect(got.weights).toEqual(want.weights);
    expect(gpu.stats.opens).toBe(1);
  });

  it('discards results of a context lost during a run and resumes from the last good weights', () => {
    const gpu = fakeGpu({ loseOnRun: 7 });
    const got = train(tower, 20, { prefer: 'webgl', webgl: gpu.provider });
    const want = reference(tower, 20);
    expect(got.losses).toEqual(want.losses);
    expect(got.weights).toEqual(want.weights);
    expect(gpu.stats.opens).toBe(2);
    expect(gpu.stats.garbageReads).toBe(0); // caught right after the run, before any read
    expect(got.backend.name).toBe('webgl');
    expect(got.changes).toHaveLength(1);
    expect(got.changes[0].reason).toMatch(/context was lost.*last good weights/);
  });

  it('recomputes when the context is lost between reads of one step (dropout masks too)', () => {
    const mlp = mlpWorkload(example('mnist-mlp'), 8);
    const gpu = fakeGpu({ loseOnRead: 40 });
    const got = train(mlp, 6, { prefer: 'webgl', webgl: gpu.provider });
    const want = reference(mlp, 6);
    expect(gpu.stats.garbageReads).toBe(1);
    expect(got.losses).toEqual(want.losses);
    expect(got.weights).toEqual(want.weights);
  });

  it('falls back to the CPU when a new context cannot be made, saying why', () => {
    const gpu = fakeGpu({ loseOnRun: 3, maxOpens: 1 });
    const got = train(tower, 10, { prefer: 'webgl', webgl: gpu.provider });
    expect(got.losses).toEqual(reference(tower, 10).losses);
    expect(got.backend.name).toBe('cpu');
    expect(got.backend.reason).toBe(
      'the WebGL context was lost and could not be recreated: the GPU process is gone',
    );
    expect(got.changes.map((c) => c.backend)).toEqual(['cpu']);
  });

  it('settles on the CPU after too many context losses', () => {
    const gpu = fakeGpu({ loseOnRun: 2 });
    const backend = new AdaptiveBackend({
      prefer: 'webgl',
      cpu: cpuProvider,
      webgl: gpu.provider,
      maxRebuilds: 2,
    });
    const s = new TrainingSession(tower.doc, tower.data, { backend });
    for (let i = 0; i < 4; i++) {
      s.step(false);
      backend.active.loseContext();
    }
    expect(backend.name).toBe('cpu');
    expect(backend.reason).toMatch(/lost 3 times/);
    expect(s.weights).toEqual(reference(tower, 4).weights);
  });

  it('moves to the CPU when the GPU disagrees with the CPU reference', () => {
    const gpu = fakeGpu({ bias: 0.01 });
    const got = train(tower, 5, { prefer: 'webgl', webgl: gpu.provider });
    expect(got.backend.name).toBe('cpu');
    expect(got.backend.reason).toMatch(/^WebGL results differ from the CPU reference \(loss: /);
    expect(got.losses).toEqual(reference(tower, 5).losses);
  });

  it('reports why WebGL is unavailable and runs on the CPU', () => {
    const none = train(tower, 1, { prefer: 'webgl' });
    expect(none.backend.name).toBe('cpu');
    expect(none.backend.reason).toBe('this build has no WebGL backend');
    const gpu = fakeGpu({ maxOpens: 0 });
    const failed = train(tower, 1, { prefer: 'webgl', webgl: gpu.provider });
    expect(failed.backend.reason).toBe('the GPU process is gone');
    const cpu = train(tower, 1, { prefer: 'cpu', webgl: fakeGpu().provider });
    expect(cpu.backend.name).toBe('cpu');
    expect(cpu.backend.reason).toBeUndefined();
  });
});

describe('compare', () => {
  it('accepts float32 rounding and rejects real differences', () => {
    const want = Float32Array.from([1, -2, 1000, 0]);
    expect(compare(Float32Array.from([1.0000001, -2.0000002, 1000.0001, 0]), want)).toBeNull();
    expect(compare(Float32Array.from([1, -2, 1002, 0]), want)).toBe(
      'element 2 is 1002, expected 1000',
    );
    expect(compare(Float32Array.from([1, -2, 1000, 0.5]), want)).toMatch(/^element 3/);
    expect(compare(Float32Array.from([1, 2]), want)).toBe('2 values instead of 4');
    expect(compare(Float32Array.from([NaN]), Float32Array.from([NaN]))).toBeNull();
    expect(compare(Float32Array.from([0]), Float32Array.from([NaN]))).toMatch(/expected NaN/);
  });
});
