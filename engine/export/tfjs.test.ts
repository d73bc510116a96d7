// Loads the TF.js export with @tensorflow/tfjs itself (CPU backend, in Node) and compares its
// predictions with Layerloom's CPU executor on the same random inputs.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProjectText } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';
import { Rng } from '../random/rng.ts';
import { TrainingSession } from '../session/session.ts';
import { exportModel } from './model.ts';
import { TFJS_SHARD_BYTES, joinShards, readTfjsWeights, writeTfjs } from './tfjs.ts';
import { projectOf, residualProject } from './testing.ts';

const example = (name: string) =>
  parseProjectText(readFileSync(new URL(`../../assets/examples/${name}`, import.meta.url), 'utf8'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Predictions of both tools on n random rows; returns [layerloom, tfjs] flattened per output. */
async function both(doc: Project, n = 32): Promise<[Float32Array[], Float32Array[]]> {
  const model = exportModel(doc);
  const art = writeTfjs(model);
  const loaded = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: art.modelJson.modelTopology as tf.io.ModelArtifacts['modelTopology'],
      weightSpecs: art.weightSpecs,
      weightData: joinShards(art.shards.values()),
    }),
  );
  const rng = new Rng(7);
  const inputs = new Map<string, { width: number; data: Float32Array }>();
  const tfInputs: tf.Tensor[] = [];
  for (const name of model.inputs) {
    const layer = model.layers.find((l) => l.name === name)!;
    const dims = layer.outputShape.slice(1) as number[];
    const width = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n * width);
    for (let i = 0; i < data.length; i++) data[i] = rng.normal(0, 1);
    inputs.set(layer.nodeId, { width, data });
    tfInputs.push(tf.tensor(data, [n, ...dims]));
  }
  const session = new TrainingSession(doc, { n, inputs, targets: new Map() });
  const ours = session.predict({ n, inputs, targets: new Map() });
  const raw = loaded.predict(tfInputs.length === 1 ? tfInputs[0] : tfInputs);
  const theirs = (Array.isArray(raw) ? raw : [raw]).map((t) => t.dataSync() as Float32Array);
  const oursList = model.outputs.map(
    (name) => ours.get(model.layers.find((l) => l.name === name)!.nodeId)!.data,
  );
  return [oursList, theirs];
}

function expectClose(a: Float32Array[], b: Float32Array[]) {
  expect(a.length).toBe(b.length);
  // Guard against a vacuous match: the predictions must vary across the random inputs.
  for (const out of a) expect(Math.max(...out) - Math.min(...out)).toBeGreaterThan(1e-3);
  for (let k = 0; k < a.length; k++) {
    expect(b[k].length).toBe(a[k].length);
    for (let i = 0; i < a[k].length; i++) expect(Math.abs(a[k][i] - b[k][i])).toBeLessThan(1e-5);
  }
}

describe('TF.js layers export', () => {
  it('two-tower (Concatenate, two branches) predicts as tfjs-layers does', async () => {
    const [ours, theirs] = await both(example('two-tower.loom'));
    expectClose(ours, theirs);
  });

  it('MNIST MLP (Dropout, softmax) predicts as tfjs-layers does', async () => {
    const [ours, theirs] = await both(example('mnist-mlp.loom'));
    expectClose(ours, theirs);
  });

  it('a model with Add, Flatten and Activation predicts as tfjs-layers does', async () => {
    const [ours, theirs] = await both(residualProject());
    expectClose(ours, theirs);
  });

  it('weights round-trip bit for bit through the shards', () => {
    const model = exportModel(example('two-tower.loom'));
    const art = writeTfjs(model);
    const back = readTfjsWeights(art.weightSpecs, joinShards(art.shards.values()));
    expect(back.map((t) => t.name)).toEqual(
      [
        'dense1/kernel',
        'dense1/bias',
        'dense2/kernel',
        'dense2/bias',
        'dense3/kernel',
        'dense3/bias',
      ].filter((n) => model.tensors.some((t) => t.name === n)),
    );
    back.forEach((t, i) => {
      expect(t.shape).toEqual(model.tensors[i].shape);
      expect(new Uint32Array(t.data.buffer)).toEqual(
        new Uint32Array(model.tensors[i].data.slice().buffer),
      );
    });
  });

  it('splits weights into shards of at most 4 MB (MNIST MLP: 1.6 MB → one shard)', () => {
    const art = writeTfjs(exportModel(example('mnist-mlp.loom')));
    const total = (784 * 512 + 512 + 512 * 10 + 10) * 4;
    expect([...art.shards.keys()]).toEqual(['group1-shard1of1.bin']);
    expect([...art.shards.values()][0].length).toBe(total);
    expect(total).toBeLessThan(TFJS_SHARD_BYTES);
  });

  it('splits a 4.4 MB model into two shards that tfjs-layers loads and predicts with', async () => {
    const wide = projectOf(
      [
        ['x', 'Input', { shape: [1000] }],
        ['wide', 'Dense', { units: 1100, activation: 'tanh' }],
      ],
      ['x->wide:in'],
    );
    const art = writeTfjs(exportModel(wide));
    expect([...art.shards.keys()]).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']);
    expect([...art.shards.values()].map((s) => s.length)).toEqual([
      TFJS_SHARD_BYTES,
      (1000 * 1100 + 1100) * 4 - TFJS_SHARD_BYTES,
    ]);
    const [ours, theirs] = await both(wide, 4);
    expectClose(ours, theirs);
  });
});
