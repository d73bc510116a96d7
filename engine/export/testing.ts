// Test fixtures for the exporters: projects that exercise layers the examples do not.
import { parseProject } from '../document/parse.ts';
import type { Project } from '../document/schema.ts';

type NodeSpec = [id: string, type: string, params: Record<string, unknown>];

/** A project from nodes and edges given as 'source->target:port'. */
export function projectOf(nodes: NodeSpec[], edges: string[], training: object = {}): Project {
  return parseProject({
    schemaVersion: 1,
    name: 'residual',
    nodes: nodes.map(([id, type, params]) => ({ id, type, name: id, params })),
    edges: edges.map((e) => {
      const [source, rest] = e.split('->');
      const [target, port] = rest.split(':');
      return { id: e, source: { node: source, port: 'out' }, target: { node: target, port } };
    }),
    training,
  });
}

/** Input(2×3) → Flatten → two Dense branches → Add → Activation(tanh) → Dense(3, softmax). */
export function residualProject(): Project {
  return projectOf(
    [
      ['image', 'Input', { shape: [2, 3] }],
      ['flat', 'Flatten', {}],
      ['left', 'Dense', { units: 4, activation: 'relu' }],
      ['right', 'Dense', { units: 4, useBias: false }],
      ['sum', 'Add', {}],
      ['act', 'Activation', { activation: 'tanh' }],
      ['head', 'Dense', { units: 3, activation: 'softmax' }],
    ],
    [
      'image->flat:in',
      'flat->left:in',
      'flat->right:in',
      'left->sum:in0',
      'right->sum:in1',
      'sum->act:in',
      'act->head:in',
    ],
    {
      defaultLoss: { type: 'categoricalCrossentropy' },
      optimizer: { type: 'sgd', params: { learningRate: 0.05, momentum: 0.9 } },
      metrics: ['accuracy'],
      batchSize: 16,
      epochs: 3,
      validationSplit: 0.25,
      seed: 5,
    },
  );
}
