import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinDatasets } from '../data/builtin.ts';
import { parseProjectText } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';
import type { BoundData } from '../session/bind.ts';
import { splitValidation } from '../session/bind.ts';
import { TrainingSession } from '../session/session.ts';
import { bindData } from '../session/bind.ts';
import { loadSource } from '../session/source.ts';
import { inferShapes } from '../graph/infer.ts';
import { SessionHost, type HostOptions } from './host.ts';
import type { MetricsEvent, WireData, WorkerEvent } from './protocol.ts';
import { fakeGpu } from './testing/fakeGpu.ts';

const text = (name: string) =>
  readFileSync(new URL(`../../assets/examples/${name}.loom`, import.meta.url), 'utf8');
const towerDoc = (): Project => parseProjectText(text('two-tower'));

function towerData(): BoundData {
  const ds = builtinDatasets['two-tower-sample'];
  return {
    n: 10,
    inputs: new Map([['input', { data: ds.arrays.x.data, width: 2 }]]),
    targets: new Map([['dense3', { data: ds.arrays.y.data, width: 1 }]]),
  };
}

function towerWire(): WireData {
  const ds = builtinDatasets['two-tower-sample'];
  return {
    n: 10,
    inputs: { input: { data: ds.arrays.x.data, width: 2 } },
    targets: { dense3: { data: ds.arrays.y.data, width: 1 } },
  };
}

function setup(opts: HostOptions = {}) {
  const events: WorkerEvent[] = [];
  const transfers: Transferable[][] = [];
  const host = new SessionHost(
    {
      postMessage(e, t) {
        events.push(e);
        transfers.push(t);
      },
    },
    opts,
  );
  let id = 0;
  const send = (msg: Record<string, unknown>) => {
    const withId = { id: ++id, ...msg };
    host.handle(withId);
    return withId.id as number;
  };
  /** Resolves with the first event answering `re` with one of `types`. */
  const answer = async (re: number, types = ['done', 'paused', 'ready', 'error', 'weights']) => {
    for (let i = 0; i < 100_000; i++) {
      const e = events.find((x) => 're' in x && x.re === re && types.includes(x.type));
      if (e) return e;
      await new Promise((r) => setImmediate(r));
    }
    throw new Error(`no answer to ${re}`);
  };
  const metrics = () => events.filter((e): e is MetricsEvent => e.type === 'metrics');
  return { host, events, transfers, send, answer, metrics };
}

const losses = (ms: MetricsEvent[]) => ms.flatMap((m) => Array.from(m.losses));

describe('SessionHost', () => {
  it('loads the two-tower project with its built-in data and says why it runs on the CPU', async () => {
    const t = setup();
    const ready = await t.answer(
      t.send({ type: 'load', project: towerDoc(), preferBackend: 'webgl' }),
    );
    const ref = new TrainingSession(towerDoc(), towerData());
    expect(ready).toMatchObject({
      type: 'ready',
      backend: 'cpu',
      reason: 'this build has no WebGL backend',
      step: 0,
      epoch: 0,
      batchesPerEpoch: 1,
      trainSamples: 10,
      validationSamples: 0,
      initialLogs: ref.evaluate(),
      memory: expect.objectContaining({ buffers: expect.any(Number) }),
      params: [
        { key: 'dense1/kernel', shape: [2, 1], trainable: true },
        { key: 'dense1/bias', shape: [1], trainable: true },
        { key: 'dense2/kernel', shape: [2, 2], trainable: true },
        { key: 'dense2/bias', shape: [2], trainable: true },
        { key: 'dense3/kernel', shape: [3, 1], trainable: true },
        { key: 'dense3/bias', shape: [1], trainable: true },
      ],
    });
    const cpu = setup();
    const r2 = await cpu.answer(
      cpu.send({ type: 'load', project: towerDoc(), preferBackend: 'cpu' }),
    );
    expect(r2).not.toHaveProperty('reason');
  });

  it('steps once with the exact loss, gradients and updates of a session', async () => {
    const t = setup();
    await t.answer(
      t.send({ type: 'load', project: towerDoc(), data: towerWire(), preferBackend: 'cpu' }),
    );
    const done = await t.answer(t.send({ type: 'step', detail: true }));
    expect(done).toMatchObject({ type: 'done', step: 1, epoch: 1 });
    const want = new TrainingSession(towerDoc(), towerData()).step(true);
    const [m] = t.metrics();
    expect(m.logs).toEqual(want.logs);
    expect(Array.from(m.losses)).toEqual([want.loss]);
    expect(m.detail!.grads).toEqual(Object.fromEntries(want.grads));
    expect(m.detail!.updates).toEqual(Object.fromEntries(want.updates));
    expect(m.epochs).toEqual([{ epoch: 0, logs: want.logs }]);
    // The arrays were transferred, not copied.
    const sent = t.transfers[t.events.indexOf(m)];
    expect(sent).toContain(m.losses.buffer);
    expect(sent).toContain(m.detail!.grads['dense3/kernel'].buffer);
  });

  it('runs 50 steps: every loss is reported once, in order, and the loss falls', async () => {
    const t = setup();
    await t.answer(t.send({ type: 'load', project: towerDoc(), preferBackend: 'cpu' }));
    const done = await t.answer(t.send({ type: 'run', steps: 50 }));
    expect(done).toMatchObject({ type: 'done', step: 50 });
    const ref = new TrainingSession(towerDoc(), towerData());
    const want = Array.from({ length: 50 }, () => ref.step(false).loss);
    expect(losses(t.metrics())).toEqual(want);
    expect(want[49]).toBeLessThan(want[0] * 0.75);
    const progress = t.events.filter((e) => e.type === 'progress').at(-1);
    expect(progress).toMatchObject({ done: 50, total: 50, unit: 'steps' });
  });

  it('coalesces metrics to one per interval without dropping a loss', async () => {
    let clock = 0;
    const t = setup({ now: () => (clock += 0.25) });
    await t.answer(t.send({ type: 'load', project: towerDoc(), preferBackend: 'cpu' }));
    const start = clock;
    await t.answer(t.send({ type: 'run', steps: 2000 }));
    const elapsed = clock - start;
    const ms = t.metrics();
    expect(losses(ms)).toHaveLength(2000);
    expect(ms.length).toBeLessThanOrEqual(Math.ceil(elapsed / (1000 / 60)) + 1);
    expect(ms.length).toBeGreaterThan(2);
    for (const m of ms) expect(m.stepsPerSecond).toBeGreaterThan(0);
  });

  it('pauses a run after the step in progress and stays paused', async () => {
    const t = setup();
    await t.answer(t.send({ type: 'load', project: towerDoc(), preferBackend: 'cpu' }));
    const run = t.send({ type: 'run', steps: 1_000_000 });
    while (t.metrics().length < 3) await new Promise((r) => setImmediate(r));
    const pause = t.send({ type: 'pause' });
    const stopped = await t.answer(run);
    const paused = await t.answer(pause);
    expect(stopped).toMatchObject({ type: 'paused' });
    expect(paused).toEqual({ ...stopped, re: pause });
    const step = (stopped as { step: number }).step;
    expect(step).toBeLessThan(1_000_000);
    expect(losses(t.metrics())).toHaveLength(step);
    const count = t.events.length;
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(t.events.length).toBe(count);
    // Training continues where it stopped.
    await t.answer(t.send({ type: 'step' }));
    expect(t.metrics().at(-1)!.step).toBe(step + 1);
  });

  it('answers a step sent during a run by pausing the run first', async () => {
    const t = setup();
    await t.answer(t.send({ type: 'load', project: towerDoc(), preferBackend: 'cpu' }));
    const run = t.send({ type: 'run', epochs: 100_000 });
    await new Promise((r) => setImmediate(r));
    const step = t.send({ type: 'step', count: 2 });
    const runAnswer = await t.answer(run);
    const stepAnswer = await t.answer(step);
    expect(runAnswer.type).toBe('paused');
    expect((stepAnswer as { step: number }).step).toBe((runAnswer as { step: number }).step + 2);
  });

  it('reports Keras epoch logs with validation', async () => {
    const doc = towerDoc();
    doc.training = { ...doc.training, batchSize: 3, validationSplit: 0.2, shuffle: false };
    const t = setup();
    const ready = await t.answer(t.send({ type: 'load', project: doc, preferBackend: 'cpu' }));
    expect(ready).toMatchObject({ trainSamples: 8, validationSamples: 2, batchesPerEpoch: 3 });
    await t.answer(t.send({ type: 'run', epochs: 2 }));
    const ref = new TrainingSession(doc, towerData());
    const val = splitValidation(towerData(), 0.2).val!;
    const want = [ref.runEpoch(), ref.runEpoch()];
    const epochs = t.metrics().flatMap((m) => m.epochs);
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1]);
    for (let i = 0; i < 2; i++)
      for (const [k, v] of Object.entries(want[i])) expect(epochs[i].logs[k]).toBeCloseTo(v, 6);
    expect(epochs[1].logs.val_loss).toBe(ref.evaluate(val).loss);
  });

  it('answers malformed messages with typed errors', async () => {
    const t = setup();
    t.host.handle({ id: 7, type: 'step', count: -1 });
    t.host.handle(42);
    t.host.handle({ id: 8, type: 'fly' });
    t.host.handle({ id: 9, type: 'run' });
    t.host.handle({
      id: 10,
      type: 'load',
      preferBackend: 'cpu',
      project: towerDoc(),
      data: { n: 3, inputs: { input: { data: new Float32Array(5), width: 2 } } },
    });
    t.host.handle({
      id: 11,
      type: 'load',
      preferBackend: 'cpu',
      project: towerDoc(),
      data: { n: 1, inputs: { input: { data: [1, 2], width: 2 } } },
    });
    const errors = t.events.filter((e) => e.type === 'error');
    expect(errors.map((e) => [e.re, e.code, e.where.path])).toEqual([
      [7, 'worker/message', 'count'],
      [undefined, 'worker/message', undefined],
      [8, 'worker/message', 'type'],
      [9, 'worker/message', undefined],
      [10, 'worker/message', 'data.inputs.input.data'],
      [11, 'worker/message', 'data.inputs.input.data'],
    ]);
    expect(errors[0].message).toMatch(/malformed 'step' message/);
    expect(errors[0].fix).not.toBe('');
    t.host.handle({ id: 12, type: 'step' });
    expect(t.events.at(-1)).toMatchObject({ type: 'error', re: 12, code: 'worker/state' });
    t.host.handle({ id: 13, type: 'load', preferBackend: 'cpu', project: { schemaVersion: 'x' } });
    expect(t.events.at(-1)).toMatchObject({ type: 'error', re: 13, code: 'project/schema' });
  });

  it('checks data against the model and names what is wrong', async () => {
    const t = setup();
    const data = towerWire();
    data.inputs.input = { data: new Float32Array(30), width: 3 };
    await t.answer(t.send({ type: 'load', project: towerDoc(), data, preferBackend: 'cpu' }));
    expect(t.events.at(-1)).toMatchObject({
      type: 'error',
      code: 'data/binding',
      where: { node: 'input' },
    });
  });

  it('sets, gets and resets weights, all or nothing', async () => {
    const t = setup();
    await t.answer(t.send({ type: 'load', project: towerDoc(), preferBackend: 'cpu' }));
    const w0 = (await t.answer(t.send({ type: 'getWeights' }))) as {
      values: Record<string, Float32Array>;
    };
    const bad = await t.answer(
      t.send({
        type: 'setWeights',
        weights: { 'dense1/bias': Float32Array.of(5), 'dense9/kernel': Float32Array.of(1) },
      }),
    );
    expect(bad).toMatchObject({
      type: 'error',
      code: 'weights/mismatch',
      where: { param: 'dense9/kernel' },
    });
    const w1 = (await t.answer(t.send({ type: 'getWeights' }))) as {
      values: Record<string, Float32Array>;
    };
    expect(w1.values).toEqual(w0.values);
    await t.answer(t.send({ type: 'setWeights', weights: { 'dense1/bias': Float32Array.of(5) } }));
    await t.answer(t.send({ type: 'step', count: 3 }));
    const w2 = (await t.answer(t.send({ type: 'getWeights' }))) as {
      values: Record<string, Float32Array>;
    };
    expect(w2.values['dense1/bias'][0]).not.toBe(w0.values['dense1/bias'][0]);
    const reset = await t.answer(t.send({ type: 'reset' }));
    expect(reset).toMatchObject({ type: 'done', step: 0, epoch: 0 });
    const w3 = (await t.answer(t.send({ type: 'getWeights' }))) as {
      values: Record<string, Float32Array>;
    };
    expect(w3.values).toEqual(w0.values);
    // A reset restarts the optimizer too: the next step equals a fresh session's first.
    await t.answer(t.send({ type: 'step' }));
    expect(t.metrics().at(-1)!.logs.loss).toBe(
      new TrainingSession(towerDoc(), towerData()).step().loss,
    );
  });

  it('resets to the stored weights, or to fresh ones when asked', async () => {
    const doc = parseProjectText(text('linear-regression'));
    const t = setup();
    await t.answer(t.send({ type: 'load', project: doc, preferBackend: 'cpu' }));
    await t.answer(t.send({ type: 'run', steps: 5 }));
    await t.answer(t.send({ type: 'reset' }));
    const kept = (await t.answer(t.send({ type: 'getWeights' }))) as {
      values: Record<string, Float32Array>;
    };
    expect(Array.from(kept.values['dense/kernel'])).toEqual([10]);
    await t.answer(t.send({ type: 'reset', fresh: true }));
    const fresh = (await t.answer(t.send({ type: 'getWeights' }))) as {
      values: Record<string, Float32Array>;
    };
    const ref = new TrainingSession(
      doc,
      bindData(doc, inferShapes(doc), loadSource(doc.data.source)),
    );
    ref.reset();
    expect(fresh.values['dense/kernel']).toEqual(ref.weights.get('dense/kernel'));
    expect(fresh.values['dense/kernel'][0]).not.toBe(10);
  });

  it('evaluates and predicts', async () => {
    const t = setup();
    await t.answer(t.send({ type: 'load', project: towerDoc(), preferBackend: 'cpu' }));
    const ref = new TrainingSession(towerDoc(), towerData());
    const ev = await t.answer(t.send({ type: 'evaluate' }), ['evaluation']);
    expect(ev).toMatchObject({ logs: ref.evaluate() });
    const data = towerWire();
    delete data.targets;
    const pr = await t.answer(t.send({ type: 'predict', data }), ['predictions']);
    const want = ref.predict(towerData()).get('dense3')!;
    expect(pr).toMatchObject({ outputs: { dense3: { width: 1, data: want.data } } });
  });

  it('announces a context loss and keeps training on the same numbers', async () => {
    const gpu = fakeGpu({ loseOnRun: 12 });
    const t = setup({ webgl: gpu.provider });
    const ready = await t.answer(
      t.send({ type: 'load', project: towerDoc(), preferBackend: 'webgl' }),
    );
    expect(ready).toMatchObject({ backend: 'webgl' });
    expect(ready).not.toHaveProperty('reason');
    await t.answer(t.send({ type: 'run', steps: 20 }));
    const backend = t.events.filter((e) => e.type === 'backend');
    expect(backend).toEqual([
      {
        type: 'backend',
        backend: 'webgl',
        reason:
          'the WebGL context was lost; training resumed on a new context from the last good weights',
      },
    ]);
    const ref = new TrainingSession(towerDoc(), towerData());
    expect(losses(t.metrics())).toEqual(Array.from({ length: 20 }, () => ref.step(false).loss));
  });
});
