// compile(doc) → Program. Builds the forward graph from the layer registry, adds losses and
// metrics, runs reverse-mode autodiff once over the op graph, and drops everything the requested
// results do not need. Shapes are concrete: one program per (mode, batch size).
import { backprop } from '../autodiff/backprop.ts';
import type { Project } from '../document/schema.ts';
import { LoomError } from '../errors.ts';
import { Graph } from '../graph/graph.ts';
import { inferShapes, type Inference } from '../graph/infer.ts';
import type { LayerDef } from '../layers/types.ts';
import { ops } from '../ops/api.ts';
import type { Sym } from '../ops/types.ts';
import { getLoss, type OutputLogits } from '../train/losses.ts';
import { resolveMetric } from '../train/metrics.ts';
import {
  STEP_SEED,
  inputKey,
  paramKey,
  targetKey,
  type NamedScalar,
  type ParamSpec,
  type Program,
  type ProgramMode,
} from './program.ts';

/** Options for compile. */
export interface CompileOptions {
  mode: ProgramMode;
  batchSize: number;
  /** Reuse an inference already computed for this document. */
  inference?: Inference;
}

/** Compiles a valid project into a Program; throws LoomError for an invalid model or config. */
export function compile(doc: Project, opts: CompileOptions): Program {
  const inf = opts.inference ?? inferShapes(doc);
  if (!inf.valid) {
    const first = inf.diagnostics.find((d) => d.severity === 'error')!;
    throw new LoomError(
      first.code,
      `the model cannot be compiled: ${first.message}`,
      { node: first.node ? inf.nodes.get(first.node)?.node.name : undefined, port: first.port },
      'Fix the errors shown on the canvas first.',
    );
  }
  const B = opts.batchSize;
  const g = new Graph();
  const o = ops(g);
  const stepSeed = g.input(STEP_SEED, []);
  const values = new Map<string, Sym>();
  const params: ParamSpec[] = [];
  const feeds = [{ key: STEP_SEED, id: stepSeed.id, shape: [] as number[] }];

  for (const [index, id] of inf.order.entries()) {
    const info = inf.nodes.get(id)!;
    const def = info.def as LayerDef;
    const concrete = (info.shape ?? []).slice(1) as number[];
    let inputs: Sym[];
    if (info.def!.inputs.kind === 'none') {
      const x = g.input(inputKey(id), [B, ...concrete]);
      feeds.push({ key: inputKey(id), id: x.id, shape: [B, ...concrete] });
      inputs = [x];
    } else inputs = info.inputs.map((e) => values.get(e.source.node)!);
    const weights: Record<string, Sym> = {};
    for (const w of info.weights) {
      const key = paramKey(id, w.name);
      const p = g.param(key, w.shape);
      weights[w.name] = p;
      params.push({
        key,
        nodeId: id,
        layer: info.node.name,
        weight: w.name,
        id: p.id,
        shape: [...w.shape],
        trainable: w.trainable,
        initializer: w.initializer,
      });
    }
    const ctx = {
      training: opts.mode === 'train',
      stepSeed,
      seed: doc.training.seed,
      nodeIndex: index,
    };
    values.set(id, def.build(o, info.params!, inputs, weights, ctx));
  }

  const outputs = inf.outputs.map((id) => ({ nodeId: id, id: values.get(id)!.id }));
  const single = inf.outputs.length === 1;
  const prefix = (nodeId: string) => (single ? '' : `${inf.nodes.get(nodeId)!.node.name}_`);
  let loss: Program['loss'] = null;
  const metrics: NamedScalar[] = [];
  let total: Sym | null = null;
  if (opts.mode !== 'predict') {
    const parts: NamedScalar[] = [];
    for (const nodeId of inf.outputs) {
      const pred = values.get(nodeId)!;
      const spec = doc.training.losses[nodeId] ?? doc.training.defaultLoss;
      const lossDef = getLoss(spec.type);
      const lossParams = parseConfig(
        lossDef.params,
        spec.params,
        `loss of ${inf.nodes.get(nodeId)!.node.name}`,
      );
      const tShape = [B, ...lossDef.targetShape(pred.shape.slice(1))];
      const target = g.input(targetKey(nodeId), tShape);
      feeds.push({ key: targetKey(nodeId), id: target.id, shape: tShape });
      const l = lossDef.build(o, target, pred, lossParams, outputLogits(g, pred));
      parts.push({ name: `${prefix(nodeId)}loss`, nodeId, id: l.id });
      total = total ? o.add(total, l) : l;
      for (const name of doc.training.metrics) {
        const m = resolveMetric(name, spec.type, pred.shape, target.shape);
        metrics.push({ name: `${prefix(nodeId)}${name}`, nodeId, id: m.build(o, target, pred).id });
      }
    }
    loss = { total: total!.id, parts };
  }

  let grads: Program['grads'] = [];
  const activationGrads: Program['activationGrads'] = [];
  if (opts.mode === 'train') {
    const trainable = params.filter((p) => p.trainable);
    // Gradients w.r.t. node outputs are kept only where backprop computes them anyway (downstream
    // of a trainable weight): asking for more would add work, e.g. an Input's gradient.
    const trained = new Set(trainable.map((p) => p.nodeId));
    const reached = new Set<string>();
    for (const id of inf.order) {
      const info = inf.nodes.get(id)!;
      if (trained.has(id) || info.inputs.some((e) => reached.has(e.source.node))) reached.add(id);
    }
    const watched = inf.order.filter((id) => reached.has(id));
    const gs = backprop(g, g.entries, total!, g.constant(1), [
      ...trainable.map((p) => ({ id: p.id, shape: p.shape })),
      ...watched.map((id) => values.get(id)!),
    ]);
    grads = trainable.map((p, i) => ({ key: p.key, id: gs[i]?.id ?? null }));
    watched.forEach((nodeId, i) => {
      const grad = gs[trainable.length + i];
      if (grad) activationGrads.push({ nodeId, id: grad.id });
    });
  }

  const roots = [
    ...outputs.map((x) => x.id),
    ...(loss ? [loss.total, ...loss.parts.map((p) => p.id)] : []),
    ...metrics.map((m) => m.id),
    ...grads.flatMap((x) => (x.id === null ? [] : [x.id])),
    ...activationGrads.map((x) => x.id),
  ];
  return {
    mode: opts.mode,
    batchSize: B,
    nodes: liveNodes(g, roots, feeds, params),
    feeds,
    params,
    outputs,
    loss,
    metrics,
    grads,
    activationGrads,
  };
}

/**
 * The logits behind a sigmoid/softmax output, which Keras's TensorFlow backend feeds to the
 * crossentropies instead of the clipped probabilities (its `_keras_logits`).
 */
function outputLogits(g: Graph, pred: Sym): OutputLogits | undefined {
  const node = g.nodes[pred.id];
  if (node.kind !== 'op') return undefined;
  const logits = g.nodes[node.inputs[0]];
  if (node.op === 'sigmoid') return { activation: 'sigmoid', logits };
  if (
    node.op === 'softmax' &&
    (node.attrs.axis === -1 || node.attrs.axis === pred.shape.length - 1)
  )
    return { activation: 'softmax', logits };
  return undefined;
}

/** Nodes reachable backwards from the roots, plus every feed and param (kept so ids stay bound). */
function liveNodes(g: Graph, roots: number[], feeds: { id: number }[], params: { id: number }[]) {
  const live = new Set<number>([...roots, ...feeds.map((f) => f.id), ...params.map((p) => p.id)]);
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    const n = g.nodes[i];
    if (live.has(n.id) && n.kind === 'op') for (const input of n.inputs) live.add(input);
  }
  return g.nodes.filter((n) => live.has(n.id));
}

/** Validates a loss/optimizer params record against its schema with a typed error. */
export function parseConfig<P>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: P }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  what: string,
): P {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new LoomError(
    'train/config',
    `invalid ${what}: ${issue.message}`,
    { param: issue.path.map(String).join('.') || undefined },
    'Fix the value in the Training settings.',
  );
}
