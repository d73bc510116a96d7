// Models built and saved by TensorFlow.js itself: imported, they predict what TensorFlow.js predicts.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Project } from '../document/schema.ts';
import { Rng } from '../random/rng.ts';
import { TrainingSession } from '../session/session.ts';
import type { Rows } from '../session/bind.ts';
import { importTfjsModel } from './tfjs.ts';

/** model.json text and shards, exactly as tf.LayersModel.save writes them. */
async function saved(
  model: tf.LayersModel,
): Promise<{ json: string; shards: Map<string, Uint8Array> }> {
  let out: { json: string; shards: Map<string, Uint8Array> } | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const weights = new Uint8Array(a.weightData as ArrayBuffer);
      out = {
        json: JSON.stringify({
          format: a.format,
          generatedBy: a.generatedBy,
          modelTopology: a.modelTopology,
          weightsManifest: [{ paths: ['./group1-shard1of1.bin'], weights: a.weightSpecs }],
        }),
        shards: new Map([['group1-shard1of1.bin', weights]]),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return out!;
}

/** Layerloom's predictions for `x` (per input node id), one output. */
function predict(project: Project, x: Map<string, Rows>, n: number): Float32Array {
  const targets = new Map<string, Rows>();
  const session = new TrainingSession(project, { n, inputs: x, targets }, {});
  const out = [...session.predict({ n, inputs: x, targets }).values()];
  expect(out.length).toBe(1);
  return out[0].data;
}

function randomRows(n: number, width: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * width }, () => rng.uniform() * 4 - 2);
}

describe('TensorFlow.js-saved models', () => {
  it('Sequential Dense(relu) → Dropout → Dense(softmax) predicts as tf.predict', async () => {
    const m = tf.sequential();
    m.add(tf.layers.dense({ units: 5, activation: 'relu', inputShape: [3] }));
    m.add(tf.layers.dropout({ rate: 0.4 }));
    m.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
    const { json, shards } = await saved(m);
    const { project } = importTfjsModel(json, shards);
    expect(project.nodes.map((n) => n.type)).toEqual(['Input', 'Dense', 'Dropout', 'Dense']);
    const n = 6;
    const x = randomRows(n, 3, 1);
    const want = (m.predict(tf.tensor2d(x, [n, 3])) as tf.Tensor).dataSync();
    const got = predict(project, new Map([[project.nodes[0].id, { width: 3, data: x }]]), n);
    expect(got.length).toBe(want.length);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });

  it('functional two towers with Concatenate, Add, Activation and Flatten predicts as tf.predict', async () => {
    const inp = tf.input({ shape: [2, 2], name: 'inp' });
    const flat = tf.layers.flatten({ name: 'flat' }).apply(inp) as tf.SymbolicTensor;
    const a = tf.layers
      .dense({ units: 3, activation: 'tanh', name: 'a' })
      .apply(flat) as tf.SymbolicTensor;
    const b = tf.layers
      .dense({ units: 3, name: 'b', useBias: false })
      .apply(flat) as tf.SymbolicTensor;
    const sum = tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor;
    const act = tf.layers
      .activation({ activation: 'sigmoid', name: 'act' })
      .apply(sum) as tf.SymbolicTensor;
    const cat = tf.layers.concatenate({ name: 'cat' }).apply([act, flat]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, name: 'out' }).apply(cat) as tf.SymbolicTensor;
    const m = tf.model({ inputs: inp, outputs: out, name: 'towers' });
    const { json, shards } = await saved(m);
    const { project } = importTfjsModel(json, shards);
    expect(project.edges.filter((e) => e.target.node === 'cat').map((e) => e.source.node)).toEqual([
      'act',
      'flat',
    ]);
    const n = 5;
    const x = randomRows(n, 4, 2);
    const want = (m.predict(tf.tensor3d(x, [n, 2, 2])) as tf.Tensor).dataSync();
    const got = predict(project, new Map([['inp', { width: 4, data: x }]]), n);
    expect(got.length).toBe(want.length);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });
});
