// The host's inspection features: the whole update of a detailed step, sampled gradient
// statistics (incl. gradients reaching node outputs), per-step series, inspect/rows, raw arrays.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinDatasets } from '../data/builtin.ts';
import { parseProjectText } from '../document/parse.ts';
import { valueAndGrad } from '../autodiff/tape.ts';
import { SessionHost } from './host.ts';
import type { MetricsEvent, WorkerEvent } from './protocol.ts';

const text = (name: string) =>
  readFileSync(new URL(`../../assets/examples/${name}.loom`, import.meta.url), 'utf8');

function setup() {
  const events: WorkerEvent[] = [];
  const host = new SessionHost({ postMessage: (e) => events.push(e) }, { statsIntervalMs: 1e9 });
  let id = 0;
  const send = (msg: Record<string, unknown>) => {
    host.handle({ id: ++id, ...msg });
    return id;
  };
  const answer = async (re: number) => {
    for (let i = 0; i < 10_000; i++) {
      const e = events.find((x) => 're' in x && x.re === re && x.type !== 'progress');
      if (e) return e;
      await new Promise((r) => setImmediate(r));
    }
    throw new Error(`no answer to ${re}`);
  };
  const metrics = () => events.filter((e): e is MetricsEvent => e.type === 'metrics');
  return { events, send, answer, metrics };
}

describe('SessionHost inspection', () => {
  it('a detailed step reports weights before/after, gradients, updates and loss before/after', async () => {
    const t = setup();
    const doc = parseProjectText(text('two-tower'));
    const ready = await t.answer(t.send({ type: 'load', project: doc, preferBackend: 'cpu' }));
    expect(ready).toMatchObject({
      kept: [],
      initialised: expect.arrayContaining(['dense1/kernel']),
    });
    await t.answer(t.send({ type: 'step', detail: true }));
    const d = t.metrics().at(-1)!.detail!;
    expect(d).toMatchObject({ step: 1, epoch: 0, batch: 0, batchSize: 10 });
    expect(d.logsAfter.loss).toBeLessThan(d.logsBefore.loss);
    expect(Object.keys(d.grads).sort()).toEqual([
      'dense1/bias',
      'dense1/kernel',
      'dense2/bias',
      'dense2/kernel',
      'dense3/bias',
      'dense3/kernel',
    ]);
    for (const key of Object.keys(d.grads))
      d.after[key].forEach((a, i) =>
        expect(a - d.before[key][i]).toBeCloseTo(d.updates[key][i], 6),
      );
    // The gradients equal an independent eager computation of the same batch (all 10 rows).
    const ds = builtinDatasets['two-tower-sample'];
    const k1 = d.before['dense1/kernel'];
    expect(k1.length).toBe(2);
    const [gk] = referenceTowerGrad(d.before, ds.arrays.x.data, ds.arrays.y.data);
    gk.forEach((g, i) => expect(d.grads['dense1/kernel'][i]).toBeCloseTo(g, 5));
    // The detailed step always carries statistics, with gradients that reached node outputs.
    const stats = t.metrics().at(-1)!.stats!;
    expect(stats.step).toBe(1);
    expect(stats.params['dense1/kernel'].grad.size).toBe(2);
    expect(Object.keys(stats.activationGrads).sort()).toEqual([
      'concat',
      'dense1',
      'dense2',
      'dense3',
    ]);
    expect(stats.activationGrads.dense3.size).toBe(10);
    // Their values: d loss / d prediction = 2 (p − y) / N, and back through dense3's kernel.
    const w = d.before;
    const x = ds.arrays.x.data;
    const y = ds.arrays.y.data;
    const dp: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [x0, x1] = [x[2 * i], x[2 * i + 1]];
      const h1 = x0 * k1[0] + x1 * k1[1] + w['dense1/bias'][0];
      const k2 = w['dense2/kernel'];
      const h2a = x0 * k2[0] + x1 * k2[2] + w['dense2/bias'][0];
      const h2b = x0 * k2[1] + x1 * k2[3] + w['dense2/bias'][1];
      const k3 = w['dense3/kernel'];
      const p = h1 * k3[0] + h2a * k3[1] + h2b * k3[2] + w['dense3/bias'][0];
      dp.push((2 * (p - y[i])) / 10);
    }
    const norm = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + b * b, 0));
    expect(stats.activationGrads.dense3.norm).toBeCloseTo(norm(dp), 5);
    const k3 = w['dense3/kernel'];
    expect(stats.activationGrads.dense1.norm).toBeCloseTo(norm(dp.map((g) => g * k3[0])), 5);
    expect(stats.activationGrads.dense2.norm).toBeCloseTo(
      norm(dp.flatMap((g) => [g * k3[1], g * k3[2]])),
      5,
    );
    expect(t.metrics().at(-1)!.series.loss).toHaveLength(1);
  });

  it('inspect returns predictions with targets; rows returns bound inputs', async () => {
    const t = setup();
    const doc = parseProjectText(text('two-tower'));
    await t.answer(t.send({ type: 'load', project: doc, preferBackend: 'cpu' }));
    const p = await t.answer(t.send({ type: 'inspect', split: 'train' }));
    expect(p.type).toBe('predictions');
    if (p.type !== 'predictions') return;
    expect(p.outputs.dense3.data).toHaveLength(10);
    expect(Array.from(p.targets!.dense3.data)).toEqual(
      Array.from(builtinDatasets['two-tower-sample'].arrays.y.data),
    );
    const r = await t.answer(t.send({ type: 'rows', split: 'train', indices: [3, 0] }));
    if (r.type !== 'rows') throw new Error(r.type);
    const x = builtinDatasets['two-tower-sample'].arrays.x.data;
    expect(Array.from(r.inputs.input.data)).toEqual([x[6], x[7], x[0], x[1]]);
    const bad = await t.answer(t.send({ type: 'rows', split: 'train', indices: [10] }));
    expect(bad).toMatchObject({ type: 'error', message: expect.stringContaining('row 10') });
    const noVal = await t.answer(t.send({ type: 'inspect', split: 'validation' }));
    expect(noVal).toMatchObject({ type: 'error', message: expect.stringContaining('validation') });
  });

  it('binds raw arrays sent with load using the project bindings', async () => {
    const t = setup();
    const doc = parseProjectText(text('two-tower'));
    const ds = builtinDatasets['two-tower-sample'];
    const arrays = {
      x: { shape: [10, 2], data: Float32Array.from(ds.arrays.x.data) },
      y: { shape: [10, 1], data: Float32Array.from(ds.arrays.y.data).map((v) => v * 2) },
    };
    const fromArrays = setup();
    await fromArrays.answer(
      fromArrays.send({ type: 'load', project: doc, preferBackend: 'cpu', arrays }),
    );
    await t.answer(t.send({ type: 'load', project: doc, preferBackend: 'cpu' }));
    const a = await fromArrays.answer(fromArrays.send({ type: 'inspect', split: 'train' }));
    if (a.type !== 'predictions') throw new Error(a.type);
    expect(a.targets!.dense3.data[0]).toBeCloseTo(ds.arrays.y.data[0] * 2, 6);
    const wrong = setup();
    const e = await wrong.answer(
      wrong.send({
        type: 'load',
        project: doc,
        preferBackend: 'cpu',
        arrays: { x: { shape: [10, 3], data: new Float32Array(20) } },
      }),
    );
    expect(e).toMatchObject({ type: 'error', code: 'worker/message' });
  });
});

/** d loss / d each weight of the two-tower model on all rows, computed eagerly with the tape. */
function referenceTowerGrad(
  w: Record<string, Float32Array>,
  x: Float32Array,
  y: Float32Array,
): number[][] {
  const out = valueAndGrad((o, k1, b1, k2, b2, k3, b3, X, Y) => {
    const h1 = o.add(o.matMul(X, k1), b1);
    const h2 = o.add(o.matMul(X, k2), b2);
    const p = o.add(o.matMul(o.concat([h1, h2], 1), k3), b3);
    return o.mean(o.square(o.sub(p, Y)));
  })(
    { data: w['dense1/kernel'], shape: [2, 1] },
    { data: w['dense1/bias'], shape: [1] },
    { data: w['dense2/kernel'], shape: [2, 2] },
    { data: w['dense2/bias'], shape: [2] },
    { data: w['dense3/kernel'], shape: [3, 1] },
    { data: w['dense3/bias'], shape: [1] },
    { data: x, shape: [10, 2] },
    { data: y, shape: [10, 1] },
  );
  return out.grads.map((g) => Array.from(g.data));
}
