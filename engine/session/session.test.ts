import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinDatasets } from '../data/builtin.ts';
import { parseProjectText, serializeProject } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';
import { LoomError } from '../errors.ts';
import { inferShapes } from '../graph/infer.ts';
import { bindData, type BoundData } from './bind.ts';
import { TrainingSession } from './session.ts';

const example = (name: string): Project =>
  parseProjectText(
    readFileSync(new URL(`../../assets/examples/${name}.loom`, import.meta.url), 'utf8'),
  );

function twoTower(overrides: Partial<Project['training']> = {}) {
  const base = example('two-tower');
  const doc = { ...base, training: { ...base.training, ...overrides } };
  const data = bindData(doc, inferShapes(doc), builtinDatasets['two-tower-sample'].arrays);
  return { doc, data };
}

/** The two-tower model and its MSE in plain float64 JS, independent of the engine. */
function twoTowerLoss(w: Map<string, Float64Array | Float32Array>, data: BoundData): number {
  const x = data.inputs.get('input')!.data;
  const y = data.targets.get('dense3')!.data;
  const k1 = w.get('dense1/kernel')!,
    b1 = w.get('dense1/bias')!;
  const k2 = w.get('dense2/kernel')!,
    b2 = w.get('dense2/bias')!;
  const k3 = w.get('dense3/kernel')!,
    b3 = w.get('dense3/bias')!;
  let sum = 0;
  for (let i = 0; i < data.n; i++) {
    const x0 = x[2 * i],
      x1 = x[2 * i + 1];
    const h = [
      x0 * k1[0] + x1 * k1[1] + b1[0],
      x0 * k2[0] + x1 * k2[2] + b2[0],
      x0 * k2[1] + x1 * k2[3] + b2[1],
    ];
    const out = h[0] * k3[0] + h[1] * k3[1] + h[2] * k3[2] + b3[0];
    sum += (out - y[i]) ** 2;
  }
  return sum / data.n;
}

describe('TrainingSession', () => {
  it('steps the two-tower model: loss, gradients and updates match an independent float64 model', () => {
    const { doc, data } = twoTower({ shuffle: false });
    const s = new TrainingSession(doc, data);
    const before = new Map([...s.weights].map(([k, v]) => [k, Float64Array.from(v)]));
    const r = s.step();
    expect(r.step).toBe(1);
    expect(r.batchSize).toBe(10);
    expect(r.loss).toBeCloseTo(twoTowerLoss(before, data), 5);
    for (const [key, w] of before) {
      const grad = r.grads.get(key)!;
      expect(grad.length).toBe(w.length);
      for (let i = 0; i < w.length; i++) {
        const h = 1e-4;
        const plus = new Map(before),
          minus = new Map(before);
        const wp = Float64Array.from(w),
          wm = Float64Array.from(w);
        wp[i] += h;
        wm[i] -= h;
        plus.set(key, wp);
        minus.set(key, wm);
        const numeric = (twoTowerLoss(plus, data) - twoTowerLoss(minus, data)) / (2 * h);
        expect(grad[i]).toBeCloseTo(numeric, 3);
        // Adam's first update is −lr·g/(|g| + ε·…) ≈ −0.01·sign(g).
        expect(r.updates.get(key)![i]).toBeCloseTo(-0.01 * Math.sign(grad[i]), 4);
        expect(s.weights.get(key)![i]).toBeCloseTo(w[i] + r.updates.get(key)![i], 6);
      }
    }
    // Loss after the step, on the same batch, is lower.
    expect(twoTowerLoss(s.weights, data)).toBeLessThan(r.loss);
  });

  it('is reproducible: same seed → same weights and batches; another seed differs', () => {
    const run = (seed: number) => {
      const { doc, data } = twoTower({ seed, batchSize: 4 });
      const s = new TrainingSession(doc, data);
      const losses = [0, 1, 2, 3, 4].map(() => s.step().loss);
      return { losses, kernel: Array.from(s.weights.get('dense3/kernel')!) };
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7).kernel).not.toEqual(run(8).kernel);
  });

  it('walks epochs in ceil(n / batch) steps and reports epoch logs', () => {
    const { doc, data } = twoTower({ batchSize: 4 });
    const s = new TrainingSession(doc, data);
    expect(s.batchesPerEpoch).toBe(3);
    const sizes: number[] = [];
    const logs = s.runEpoch((r) => sizes.push(r.batchSize));
    expect(sizes).toEqual([4, 4, 2]);
    expect(s.epoch).toBe(1);
    expect(Object.keys(logs)).toEqual(['loss']);
  });

  it('lowers the linear-regression loss below 30 within 100 epochs from the tutorial start', () => {
    const doc = example('linear-regression');
    const data = bindData(doc, inferShapes(doc), builtinDatasets['study-hours'].arrays);
    const s = new TrainingSession(doc, data);
    expect(s.kept).toEqual(['dense/kernel', 'dense/bias']);
    expect(Array.from(s.weights.get('dense/kernel')!)).toEqual([10]);
    const first = s.evaluate().loss;
    let last = first;
    for (let e = 0; e < 100; e++) last = s.runEpoch().loss;
    expect(last).toBeLessThan(first);
    expect(last).toBeLessThan(40);
  });

  it('holds out the last samples for validation and reports val_ logs', () => {
    const { doc, data } = twoTower({ validationSplit: 0.2, metrics: ['mae'] });
    const s = new TrainingSession(doc, data);
    expect(s.batchesPerEpoch).toBe(1);
    const logs = s.runEpoch();
    expect(Object.keys(logs).sort()).toEqual(['loss', 'mae', 'val_loss', 'val_mae']);
  });

  it('evaluates and predicts without dropout, deterministically', () => {
    const doc = example('mnist-mlp');
    const n = 20;
    const x = new Float32Array(n * 784).map((_, i) => ((i * 7919) % 255) / 255);
    const y = new Float32Array(n).map((_, i) => i % 10);
    const data = {
      n,
      inputs: new Map([['input_layer', { data: x, width: 784 }]]),
      targets: new Map([['dense_1', { data: y, width: 1 }]]),
    };
    const s = new TrainingSession({ ...doc, training: { ...doc.training, batchSize: 8 } }, data);
    expect(s.evaluate(data)).toEqual(s.evaluate(data));
    const p = s.predict(data).get('dense_1')!;
    expect(p.width).toBe(10);
    for (let i = 0; i < n; i++) {
      const row = p.data.subarray(i * 10, i * 10 + 10);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    const r = s.step();
    expect(r.logs.accuracy).toBeGreaterThanOrEqual(0);
    expect(r.grads.get('dense/kernel')!.length).toBe(784 * 512);
  });

  it('stops on a non-finite loss, naming the step, and keeps the last good weights', () => {
    const { doc, data } = twoTower();
    const bad = {
      ...data,
      inputs: new Map([
        ['input', { data: data.inputs.get('input')!.data.map(() => Infinity), width: 2 }],
      ]),
    };
    const s = new TrainingSession(doc, bad);
    const before = Array.from(s.weights.get('dense1/kernel')!);
    let error: unknown;
    try {
      s.step();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoomError);
    expect((error as LoomError).code).toBe('train/numeric');
    expect((error as LoomError).message).toMatch(/step 1/);
    expect(Array.from(s.weights.get('dense1/kernel')!)).toEqual(before);
  });

  it('keeps memory constant across steps', () => {
    const { doc, data } = twoTower();
    const s = new TrainingSession(doc, data);
    s.step();
    const m = s.memory();
    for (let i = 0; i < 200; i++) s.step(false);
    expect(s.memory()).toEqual(m);
  });

  it('saves trained weights that reopen identically, and reset re-initialises from the seed', () => {
    const { doc, data } = twoTower();
    const s = new TrainingSession(doc, data);
    const initial = Array.from(s.weights.get('dense2/kernel')!);
    for (let i = 0; i < 5; i++) s.step();
    const saved = parseProjectText(serializeProject(s.projectWithWeights()));
    const reopened = new TrainingSession(saved, data);
    expect(reopened.kept.length).toBe(6);
    for (const [k, v] of s.weights)
      expect(Array.from(reopened.weights.get(k)!)).toEqual(Array.from(v));
    s.reset();
    expect(Array.from(s.weights.get('dense2/kernel')!)).toEqual(initial);
    expect(s.steps).toBe(0);
  });
});

describe('TrainingSession.setOptimizerParams', () => {
  it('uses new hyperparameters from the next step and keeps the optimizer state', () => {
    const { doc, data } = twoTower();
    const sgd = {
      ...doc,
      training: {
        ...doc.training,
        optimizer: { type: 'sgd' as const, params: { learningRate: 0.01, momentum: 0.9 } },
      },
    };
    const s = new TrainingSession(sgd, data);
    const first = s.step();
    s.setOptimizerParams({ learningRate: 0.05, momentum: 0.9 });
    const second = s.step();
    // Keras SGD with momentum: v = m·v − lr·g, w += v; v1 = −0.01·g1 carries over.
    const g1 = first.grads.get('dense1/kernel')!;
    const g2 = second.grads.get('dense1/kernel')!;
    second.updates
      .get('dense1/kernel')!
      .forEach((u, i) => expect(u).toBeCloseTo(0.9 * (-0.01 * g1[i]) - 0.05 * g2[i], 6));
    expect(s.doc.training.optimizer.params).toEqual({ learningRate: 0.05, momentum: 0.9 });
    expect(() => s.setOptimizerParams({ learningRate: -1 })).toThrow(LoomError);
  });
});
