// TensorFlow.js twins of the benchmark workloads: the same layers, initial weights, data, loss and
// optimizer (Adam with Keras's epsilon 1e-7), trained with TF.js's own custom-loop idiom
// (optimizer.minimize, loss read back with data()).
import * as tf from '@tensorflow/tfjs';
import type { StepFn } from '../timing.ts';
import type { Workload } from '../workloads.ts';

/** A TF.js model ready to train, and how to free it. */
export interface TfTwin {
  step: StepFn;
  dispose(): void;
}

/** Gives every layer that has weights the Layerloom values '<layer name>/kernel' and '/bias'. */
function setWeights(model: tf.LayersModel, weights: ReadonlyMap<string, Float32Array>): void {
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const values = ['kernel', 'bias'].map((name, i) => {
      const v = weights.get(`${layer.name}/${name}`);
      if (!v) throw new Error(`no Layerloom weight ${layer.name}/${name}`);
      return tf.tensor(v, layer.weights[i].shape as number[]);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}

function train(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  loss: (y: tf.Tensor, p: tf.Tensor) => tf.Tensor,
  learningRate: number,
): TfTwin {
  const optimizer = tf.train.adam(learningRate, 0.9, 0.999, 1e-7);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return {
    async step() {
      const cost = optimizer.minimize(
        () => tf.mean(loss(y, model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar,
        true,
        vars,
      )!;
      const value = (await cost.data())[0];
      cost.dispose();
      return value;
    },
    dispose() {
      optimizer.dispose();
      model.dispose();
      tf.dispose([x, y]);
    },
  };
}

/** Input(784) → Dense(512, relu) → Dropout(0.2) → Dense(10, softmax), crossentropy, Adam. */
export function tfMlp(w: Workload, weights: ReadonlyMap<string, Float32Array>): TfTwin {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 512, activation: 'relu', name: 'dense' }),
      tf.layers.dropout({ rate: 0.2, name: 'dropout' }),
      tf.layers.dense({ units: 10, activation: 'softmax', name: 'dense_1' }),
    ],
  });
  setWeights(model, weights);
  const x = w.data.inputs.get('input_layer')!;
  const y = w.data.targets.get('dense_1')!;
  return train(
    model,
    tf.tensor2d(x.data, [w.data.n, x.width]),
    // TF.js does not export its sparse loss; it one-hot encodes internally exactly like this.
    tf.tidy(() => tf.oneHot(tf.tensor1d(y.data, 'int32'), 10).toFloat()),
    (t, p) => tf.metrics.categoricalCrossentropy(t, p),
    0.001,
  );
}

/** Input(2) → Dense(1), Dense(2) → Concatenate → Dense(1), mean squared error, Adam(0.01). */
export function tfTwoTower(w: Workload, weights: ReadonlyMap<string, Float32Array>): TfTwin {
  const input = tf.input({ shape: [2], name: 'input' });
  const d1 = tf.layers.dense({ units: 1, name: 'dense1' }).apply(input) as tf.SymbolicTensor;
  const d2 = tf.layers.dense({ units: 2, name: 'dense2' }).apply(input) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ axis: -1, name: 'concat' }).apply([d1, d2]);
  const out = tf.layers.dense({ units: 1, name: 'dense3' }).apply(cat) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  setWeights(model, weights);
  const x = w.data.inputs.get('input')!;
  const y = w.data.targets.get('dense3')!;
  return train(
    model,
    tf.tensor2d(x.data, [w.data.n, x.width]),
    tf.tensor2d(y.data, [w.data.n, y.width]),
    (t, p) => tf.losses.meanSquaredError(t, p),
    0.01,
  );
}

/** c = a·b with a and b resident on the backend; each call multiplies and reads c back. */
export function tfMatmul(n: number, a: Float32Array, b: Float32Array): TfTwin {
  const ta = tf.tensor2d(a, [n, n]);
  const tb = tf.tensor2d(b, [n, n]);
  return {
    async step() {
      const c = tf.matMul(ta, tb);
      const out = (await c.data()) as Float32Array;
      c.dispose();
      return out[0] + out[out.length - 1];
    },
    dispose: () => tf.dispose([ta, tb]),
  };
}
