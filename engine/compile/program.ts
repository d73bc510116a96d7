// A compiled Program: plain, serialisable data. Forward, loss, metrics and (for training) the
// backward pass, as one topologically ordered list of graph nodes with concrete shapes.
import type { GraphNode } from '../graph/graph.ts';
import type { InitializerSpec } from '../layers/types.ts';

/** What a program computes. */
export type ProgramMode = 'train' | 'eval' | 'predict';

/** A value fed on every run: features ('input:<nodeId>'), targets ('target:<nodeId>'), or 'stepSeed'. */
export interface Feed {
  key: string;
  id: number;
  shape: number[];
}

/** One parameter tensor of the model. `key` is '<nodeId>/<weight>', e.g. 'dense1/kernel'. */
export interface ParamSpec {
  key: string;
  nodeId: string;
  /** Layer (node) name, used by exporters: '<layer>/<weight>'. */
  layer: string;
  weight: string;
  id: number;
  shape: number[];
  trainable: boolean;
  initializer: InitializerSpec;
}

/** A named scalar in the program (a loss or a metric), as Keras names it in its logs. */
export interface NamedScalar {
  name: string;
  nodeId: string;
  id: number;
}

export interface Program {
  mode: ProgramMode;
  batchSize: number;
  nodes: GraphNode[];
  feeds: Feed[];
  params: ParamSpec[];
  /** Model outputs (predictions), in output order. */
  outputs: { nodeId: string; id: number }[];
  /** Total loss (sum over outputs) and each output's loss; null in predict mode. */
  loss: { total: number; parts: NamedScalar[] } | null;
  metrics: NamedScalar[];
  /** Gradient of the total loss per trainable parameter key; null where no gradient flows. */
  grads: { key: string; id: number | null }[];
  /** Train mode: gradient of the total loss w.r.t. node outputs downstream of a trainable weight. */
  activationGrads: { nodeId: string; id: number }[];
}

/** A parameter's key: '<nodeId>/<weight>', e.g. 'dense1/kernel'. */
export const paramKey = (nodeId: string, weight: string) => `${nodeId}/${weight}`;

/**
 * The node id and weight name of a parameter key (node ids may hold '/', weight names never); a
 * key without '/' is not a parameter key: its node id is ''.
 */
export function splitParamKey(key: string): { nodeId: string; weight: string } {
  const cut = key.lastIndexOf('/');
  return cut < 0
    ? { nodeId: '', weight: key }
    : { nodeId: key.slice(0, cut), weight: key.slice(cut + 1) };
}

/** Feed key of an Input node's features. */
export const inputKey = (nodeId: string) => `input:${nodeId}`;
/** Feed key of an output node's targets. */
export const targetKey = (nodeId: string) => `target:${nodeId}`;
/** Feed key of the scalar step counter that seeds dropout masks. */
export const STEP_SEED = 'stepSeed';

/**
 * The values a program's caller reads after a run (outputs, losses, metrics, parameter and
 * activation gradients): executors must keep them and never reuse their buffers within a run.
 */
export function pinnedIds(program: Program): Set<number> {
  return new Set<number>([
    ...program.outputs.map((o) => o.id),
    ...(program.loss ? [program.loss.total, ...program.loss.parts.map((p) => p.id)] : []),
    ...program.metrics.map((m) => m.id),
    ...program.grads.flatMap((g) => (g.id === null ? [] : [g.id])),
    ...program.activationGrads.map((a) => a.id),
  ]);
}
