import { readFileSync } from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinDatasets } from '../data/builtin.ts';
import { isLoomError } from '../errors.ts';
import { TrainingClient, type WorkerLike } from './client.ts';
import { SessionHost } from './host.ts';
import type { MetricsEvent, WireData } from './protocol.ts';

const project = () =>
  JSON.parse(
    readFileSync(new URL('../../assets/examples/two-tower.loom', import.meta.url), 'utf8'),
  ) as unknown;

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

/** A client talking to a host over a real MessageChannel (structured clone + transfer). */
function connect() {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const host = new SessionHost({
    postMessage: (e, transfer) => port2.postMessage(e, transfer as never),
  });
  port2.on('message', (m) => host.handle(m));
  const worker: WorkerLike = {
    postMessage: (m, transfer) => port1.postMessage(m, transfer as never),
    addEventListener: (type: string, l: (e: never) => void) => {
      if (type === 'message') port1.on('message', (data) => l({ data } as never));
    },
    terminate: () => port1.close(),
  };
  return new TrainingClient(worker);
}

function towerData(): WireData {
  const ds = builtinDatasets['two-tower-sample'];
  return {
    n: 10,
    inputs: { input: { data: ds.arrays.x.data, width: 2 } },
    targets: { dense3: { data: ds.arrays.y.data, width: 1 } },
  };
}

describe('TrainingClient', () => {
  it('loads, steps, runs and reads weights through promises', async () => {
    const client = connect();
    const metrics: MetricsEvent[] = [];
    client.on('metrics', (m) => metrics.push(m));
    const data = towerData();
    const x = data.inputs.input.data;
    const ready = await client.load(project(), { data, preferBackend: 'cpu' });
    expect(ready.backend).toBe('cpu');
    expect(x.length).toBe(0); // transferred, not copied
    const one = await client.step(1, { detail: true });
    expect(one).toMatchObject({ type: 'done', step: 1 });
    expect(metrics).toHaveLength(1);
    expect(Object.keys(metrics[0].detail!.grads)).toContain('dense3/kernel');
    expect(await client.run({ steps: 30 })).toMatchObject({ type: 'done', step: 31 });
    const losses = metrics.flatMap((m) => Array.from(m.losses));
    expect(losses).toHaveLength(31);
    expect(losses[30]).toBeLessThan(losses[0]);
    const w = await client.getWeights();
    expect([...w.keys()]).toContain('dense1/kernel');
    await client.setWeights(new Map([['dense1/bias', Float32Array.of(3)]]), { transfer: false });
    expect((await client.getWeights()).get('dense1/bias')).toEqual(Float32Array.of(3));
    const logs = await client.evaluate();
    expect(logs.loss).toBeGreaterThan(0);
    const pred = await client.predict({
      n: 1,
      inputs: { input: { data: Float32Array.of(1, 2), width: 2 } },
    });
    expect(pred.dense3.data).toHaveLength(1);
  });

  it('pauses a long run and resolves both requests', async () => {
    const client = connect();
    await client.load(project(), { preferBackend: 'cpu' });
    let seen = 0;
    client.on('metrics', () => seen++);
    const run = client.run({ steps: 10_000_000 });
    while (seen < 2) await new Promise((r) => setTimeout(r, 1));
    const paused = await client.pause();
    const outcome = await run;
    expect(outcome.type).toBe('paused');
    expect(paused.step).toBe(outcome.step);
    expect(outcome.step).toBeLessThan(10_000_000);
  });

  it('rejects with the LoomError the worker reported', async () => {
    const client = connect();
    const errors: unknown[] = [];
    client.on('error', (e) => errors.push(e));
    const e = await client.step().catch((err: unknown) => err);
    expect(isLoomError(e) && e.code).toBe('worker/state');
    const bad = await client.request({ type: 'run' } as never).catch((err: unknown) => err);
    expect(isLoomError(bad) && bad.code).toBe('worker/message');
    expect(errors).toEqual([]); // answered errors go to their promise, not to listeners
  });

  it('rejects everything pending when disposed', async () => {
    const client = connect();
    const load = client.load(project(), { preferBackend: 'cpu' });
    client.dispose();
    await expect(load).rejects.toMatchObject({ code: 'worker/failed' });
    await expect(client.step()).rejects.toMatchObject({ code: 'worker/failed' });
  });
});
