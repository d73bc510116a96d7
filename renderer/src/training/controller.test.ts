// The training controller against the real session host (CPU), in-process instead of in a
// Worker: what it writes into the project, and what it refuses to write when the document
// changes under a run (New/Open, Undo), or when the weights overflow.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProjectText } from '../../../engine/document/parse.ts';
import type { Project } from '../../../engine/document/schema.ts';
import { weightValues } from '../../../engine/document/weights.ts';
import { TrainingClient, type WorkerLike } from '../../../engine/worker/client.ts';
import { SessionHost } from '../../../engine/worker/host.ts';
import { actions, getState } from '../state/store.ts';
import { setClientFactory, training } from './controller.ts';
import { getTraining } from './store.ts';

const template = (name: string): Project =>
  parseProjectText(
    readFileSync(new URL(`../../../assets/examples/${name}.loom`, import.meta.url), 'utf8'),
  );

/** A TrainingClient whose "worker" is a SessionHost in this process (messages stay async). */
function inProcessClient(): TrainingClient {
  const listeners: ((e: MessageEvent) => void)[] = [];
  const host = new SessionHost(
    {
      postMessage: (event) =>
        setImmediate(() => listeners.forEach((l) => l({ data: event } as MessageEvent))),
    },
    { statsIntervalMs: 50 },
  );
  const worker: WorkerLike = {
    postMessage: (message) => setImmediate(() => host.handle(message)),
    addEventListener: (type: string, l: (e: MessageEvent) => void) => {
      if (type === 'message') listeners.push(l);
    },
  } as WorkerLike;
  return new TrainingClient(worker);
}

const doc = () => getState().history.present;
const until = async (f: () => boolean) => {
  for (let i = 0; i < 20_000 && !f(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(f()).toBe(true);
};
const weightsOf = (d: Project) =>
  Object.fromEntries(
    Object.entries(d.weights ?? {}).flatMap(([node, ws]) =>
      Object.entries(ws).map(([w, v]) => [
        `${node}/${w}`,
        Array.from(weightValues(v, { node, param: w })),
      ]),
    ),
  );

beforeEach(() => setClientFactory(inProcessClient));
afterEach(async () => {
  await training.pause();
});

describe('training controller', () => {
  it('writes weights and history into the project after a Step, and keeps them after Reset', async () => {
    actions.load(template('two-tower'), 'two-tower.loom');
    await training.step();
    expect(getTraining()).toMatchObject({ status: 'ready', step: 1 });
    expect(getTraining().lastStep?.grads['dense1/kernel']).toHaveLength(2);
    expect(doc().history?.steps).toBe(1);
    expect(Object.keys(doc().weights ?? {}).sort()).toEqual(['dense1', 'dense2', 'dense3']);

    await training.resetWeights();
    expect(doc().history).toBeUndefined();
    const fresh = weightsOf(doc());
    expect(Object.keys(fresh)).toHaveLength(6);
    await training.step();
    expect(getTraining().step).toBe(1);
    expect(doc().history?.steps).toBe(1);
    // The step trained the fresh weights and wrote all six tensors back.
    const after = weightsOf(doc());
    expect(Object.keys(after).sort()).toEqual(Object.keys(fresh).sort());
    expect(after['dense1/kernel']).not.toEqual(fresh['dense1/kernel']);
    expect(Array.from(getTraining().history.steps().x)).toEqual([1]);
  });

  it('opening another project during a run pauses it and writes nothing into the new one', async () => {
    const long = template('two-tower');
    long.training.epochs = 1_000_000;
    actions.load(long, 'two-tower.loom');
    const run = training.run();
    await until(() => getTraining().step > 20);
    const other = template('linear-regression');
    actions.load(other, 'linear-regression.loom');
    await run;
    expect(doc().history).toBeUndefined();
    expect(doc().weights).toBe(other.weights);
    expect(getState().history.present).toBe(getState().file.saved);
    expect(getTraining().status).toBe('idle');
    expect(training.running).toBe(false);
    expect(getTraining().history.length).toBe(0);
    // The next Step trains the project that is open now.
    await training.step();
    expect(Object.keys(doc().weights ?? {})).toEqual(['dense']);
    expect(doc().history?.steps).toBe(1);
  });

  it('Undo during a run drops the run and the next Step continues from the undone state', async () => {
    const long = template('two-tower');
    long.training.epochs = 1_000_000;
    actions.load(long, 'two-tower.loom');
    await training.step();
    expect(doc().history?.steps).toBe(1);
    const run = training.run();
    await until(() => getTraining().step > 20);
    actions.undo();
    await run;
    expect(doc().history).toBeUndefined();
    expect(getTraining().status).toBe('idle');
    await training.step();
    expect(getTraining().step).toBe(1);
    expect(Array.from(getTraining().history.steps().x)).toEqual([1]);
  });

  it('an overflowing update stops with an error and never writes non-finite weights', async () => {
    const bad = template('two-tower');
    bad.training.optimizer = { type: 'sgd', params: { learningRate: 3e38 } };
    actions.load(bad, 'two-tower.loom');
    await training.run();
    expect(getTraining().status).toBe('error');
    expect(getTraining().error?.message).toMatch(/step 1 made .* non-finite/);
    for (const values of Object.values(weightsOf(doc())))
      expect(values.every(Number.isFinite)).toBe(true);
  });

  it('ignores Step while a run is in flight and answers Pause', async () => {
    const long = template('two-tower');
    long.training.epochs = 1_000_000;
    actions.load(long, 'two-tower.loom');
    const run = training.run();
    await until(() => getTraining().status === 'training' && getTraining().step > 5);
    await training.step();
    expect(training.running).toBe(true);
    await training.pause();
    await run;
    expect(training.running).toBe(false);
    expect(getTraining().status).toBe('ready');
    expect(doc().history?.steps).toBe(getTraining().step);
  });

  it('a new learning rate reaches a running session without pausing it', async () => {
    const long = template('two-tower');
    long.training.epochs = 1_000_000;
    // Frozen at first: the weights (seen through the sampled statistics) stand still.
    long.training.optimizer = { type: 'adam', params: { learningRate: 1e-12 } };
    actions.load(long, 'two-tower.loom');
    const run = training.run();
    const mean = () => getTraining().stats?.params['dense1/kernel'].weight.mean ?? NaN;
    await until(() => getTraining().step > 5 && getTraining().stats !== null);
    const frozen = mean();
    actions.execute({
      type: 'setTraining',
      patch: { optimizer: { type: 'adam', params: { learningRate: 0.05 } } },
    });
    await until(() => Math.abs(mean() - frozen) > 1e-3);
    expect(training.running).toBe(true);
    await training.pause();
    await run;
    // The run's result went into the project with the edited settings, as one document.
    expect(doc().training.optimizer.params).toEqual({ learningRate: 0.05 });
    expect(doc().history?.steps).toBe(getTraining().step);
  });
});
