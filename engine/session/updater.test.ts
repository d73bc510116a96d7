import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../backends/cpu/executor.ts';
import type { Backend, Executor } from '../backends/types.ts';
import { builtinDatasets } from '../data/builtin.ts';
import { parseProjectText } from '../document/parse.ts';
import { inferShapes } from '../graph/infer.ts';
import { getOptimizer } from '../train/optimizers/registry.ts';
import type { OptimizerDef, OptimizerType } from '../train/optimizers/types.ts';
import { bindData } from './bind.ts';
import { TrainingSession } from './session.ts';

/**
 * A stand-in for a GPU backend: run() reads private "device" copies of the weights, applyUpdate
 * updates only those, and nothing reaches the host arrays unless syncParams is called — so a
 * session that forgets to sync or upload gives different numbers from the CPU session. Until the
 * first applyUpdate the host arrays are the truth and run() uploads them, as the WebGL backend does.
 */
function fakeResidentBackend(): Backend {
  const device = new Map<Float32Array, Float32Array>();
  const slots = new Map<Float32Array, Float32Array[]>();
  let resident = false;
  return {
    name: 'webgl',
    createExecutor(program) {
      const inner = cpuBackend.createExecutor(program);
      const hosts = new Map<string, Float32Array>();
      const exec: Executor & Record<string, unknown> = {
        feed: (k) => inner.feed(k),
        run: () => {
          if (!resident) hosts.forEach((h) => device.get(h)!.set(h));
          inner.run();
        },
        read: (id) => inner.read(id),
        memory: () => inner.memory(),
        bindParam(key, data) {
          hosts.set(key, data);
          if (!device.has(data)) device.set(data, Float32Array.from(data));
          inner.bindParam(key, device.get(data)!);
        },
        applyUpdate(type: OptimizerType, hyper: Record<string, unknown>, iteration: number) {
          resident = true;
          const opt = getOptimizer(type) as OptimizerDef<Record<string, unknown>>;
          for (const g of program.grads) {
            const d = device.get(hosts.get(g.key)!)!;
            if (!slots.has(d))
              slots.set(
                d,
                opt.slots(hyper).map((s) => new Float32Array(d.length).fill(s.init)),
              );
            opt.update(d, Float32Array.from(inner.read(g.id!)), slots.get(d)!, hyper, iteration);
          }
        },
        syncParams: () => hosts.forEach((h) => h.set(device.get(h)!)),
        uploadParams: () => hosts.forEach((h) => device.get(h)!.set(h)),
        resetSlots: () => slots.clear(),
      };
      return exec;
    },
  };
}

const doc = parseProjectText(
  readFileSync(new URL('../../assets/examples/two-tower.loom', import.meta.url), 'utf8'),
);
const data = bindData(doc, inferShapes(doc), builtinDatasets['two-tower-sample'].arrays);
const plain = (m: Map<string, Float32Array>) =>
  Object.fromEntries([...m].map(([k, v]) => [k, Array.from(v)]));

describe('GPU-resident training', () => {
  it('matches host training step for step, syncing weights only when read', () => {
    const cpu = new TrainingSession(doc, data);
    const gpu = new TrainingSession(doc, data, { backend: fakeResidentBackend() });
    for (let i = 0; i < 5; i++) expect(gpu.step(false).loss).toBeCloseTo(cpu.step(false).loss, 6);
    expect(plain(gpu.weights)).toEqual(plain(cpu.weights));
    const a = cpu.step(true);
    const b = gpu.step(true);
    expect(plain(b.grads)).toEqual(plain(a.grads));
    expect(plain(b.updates)).toEqual(plain(a.updates));
  });

  it('uploads weights set on the host and restarts the optimizer on reset', () => {
    const cpu = new TrainingSession(doc, data);
    const gpu = new TrainingSession(doc, data, { backend: fakeResidentBackend() });
    for (let i = 0; i < 3; i++) gpu.step(false);
    gpu.setWeights(cpu.weights);
    gpu.reset();
    cpu.reset();
    for (let i = 0; i < 3; i++) expect(gpu.step(false).loss).toBeCloseTo(cpu.step(false).loss, 6);
    const zeros = new Map([...cpu.weights].map(([k, v]) => [k, new Float32Array(v.length)]));
    gpu.setWeights(zeros);
    cpu.setWeights(zeros);
    expect(gpu.step(false).loss).toBeCloseTo(cpu.step(false).loss, 6);
  });

  it('stays on the host when clipnorm needs the gradients there', () => {
    const clipped = { ...doc, training: { ...doc.training, clipnorm: 0.01 } };
    const cpu = new TrainingSession(clipped, data);
    const gpu = new TrainingSession(clipped, data, { backend: fakeResidentBackend() });
    for (let i = 0; i < 3; i++) expect(gpu.step(false).loss).toBe(cpu.step(false).loss);
    expect(plain(gpu.weights)).toEqual(plain(cpu.weights));
  });
});

describe('HostUpdater overflow', () => {
  it('takes back an update that makes weights non-finite, naming the step and parameter', () => {
    const doc = parseProjectText(
      readFileSync(new URL('../../assets/examples/two-tower.loom', import.meta.url), 'utf8'),
    );
    doc.training.optimizer = { type: 'sgd', params: { learningRate: 3e38 } };
    const ds = builtinDatasets['two-tower-sample'];
    const s = new TrainingSession(doc, {
      n: 10,
      inputs: new Map([['input', { data: ds.arrays.x.data, width: 2 }]]),
      targets: new Map([['dense3', { data: ds.arrays.y.data, width: 1 }]]),
    });
    const before = new Map([...s.weights].map(([k, v]) => [k, Array.from(v)]));
    expect(() => s.step()).toThrow(/update at step 1 made dense\d\/(kernel|bias) non-finite/);
    expect(s.steps).toBe(0);
    for (const [k, v] of s.weights) expect(Array.from(v), k).toEqual(before.get(k));
  });
});
