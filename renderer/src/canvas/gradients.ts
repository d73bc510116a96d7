// What the canvas shows about gradients while training: each node's gradient norm and health
// (vanishing / exploding), and how strongly each edge carries gradient back (a 0..1 log-scale
// position between the graph's smallest and largest edge RMS). Pure helpers, plus one view per
// statistics sample built lazily and cached, so each node/edge selector is a Map lookup and a
// 500-node canvas does no other work per training update.
import { splitParamKey } from '../../../engine/compile/program.ts';
import type { ParamStats, StatsSample, TensorStats } from '../../../engine/worker/protocol.ts';
import type { ProjectEdge } from '../../../engine/document/schema.ts';
import type { TrainingState } from '../training/store.ts';

/** A parameter gradient below this norm is vanishing. */
export const VANISH_ABS = 1e-7;
/** …as is one below this fraction of its weight norm. */
export const VANISH_REL = 1e-6;
/** A gradient norm above this is exploding (as is any NaN/Inf). */
export const EXPLODE_NORM = 1e3;

export type GradientHealth = 'ok' | 'vanishing' | 'exploding';

/** What a node shows: the norm, where it comes from, and whether it is healthy. */
export interface NodeGradient {
  /** 'params': √Σ‖∂L/∂param‖²; 'output': ‖∂L/∂output‖ for nodes without parameters. */
  source: 'params' | 'output';
  norm: number;
  /** NaN/±Inf values among the gradients. */
  nonFinite: number;
  health: GradientHealth;
}

/** What an edge shows: the RMS of the gradient flowing back through it and its place on the scale. */
export interface EdgeGradient {
  rms: number;
  /** 0 (smallest in the graph) … 1 (largest), on a log scale. */
  scale: number;
  /** The gradient holds NaN/±Inf values. */
  nonFinite: boolean;
}

/** Per-node and per-source-node gradients of one statistics sample. */
export interface GradientView {
  nodes: Map<string, NodeGradient>;
  edges: Map<string, EdgeGradient>;
}

/** Parameter statistics grouped by node id (keys are '<nodeId>/<weight>'; node ids may hold '/'). */
export function paramsByNode(params: Record<string, ParamStats>): Map<string, ParamStats[]> {
  const out = new Map<string, ParamStats[]>();
  for (const [key, p] of Object.entries(params)) {
    const { nodeId: id } = splitParamKey(key);
    if (!id) continue;
    const list = out.get(id);
    if (list) list.push(p);
    else out.set(id, [p]);
  }
  return out;
}

/** Combined norm of several tensors: √Σ‖t‖². */
export function combinedNorm(norms: readonly number[]): number {
  let sq = 0;
  for (const n of norms) sq += n * n;
  return Math.sqrt(sq);
}

/** Root mean square of a tensor from its statistics (norm / √size); 0 for an empty tensor. */
export function rms(t: TensorStats): number {
  return t.size > 0 ? t.norm / Math.sqrt(t.size) : 0;
}

/**
 * Health of a node with parameters: exploding when any gradient holds NaN/Inf or the combined
 * norm exceeds EXPLODE_NORM; vanishing when every parameter's gradient is below VANISH_ABS or
 * below VANISH_REL × that parameter's weight norm.
 */
export function paramHealth(params: readonly ParamStats[]): GradientHealth {
  if (params.some((p) => p.grad.nonFinite > 0)) return 'exploding';
  if (combinedNorm(params.map((p) => p.grad.norm)) > EXPLODE_NORM) return 'exploding';
  const vanishing = params.every(
    (p) => p.grad.norm < VANISH_ABS || p.grad.norm < VANISH_REL * p.weight.norm,
  );
  return vanishing && params.length > 0 ? 'vanishing' : 'ok';
}

/** A node's gradient: from its parameters if it has any, else from its output; null when neither. */
export function nodeGradient(
  params: readonly ParamStats[] | undefined,
  output: TensorStats | undefined,
): NodeGradient | null {
  if (params?.length) {
    let nonFinite = 0;
    for (const p of params) nonFinite += p.grad.nonFinite;
    return {
      source: 'params',
      norm: combinedNorm(params.map((p) => p.grad.norm)),
      nonFinite,
      health: paramHealth(params),
    };
  }
  if (!output) return null;
  const exploding = output.nonFinite > 0 || output.norm > EXPLODE_NORM;
  return {
    source: 'output',
    norm: output.norm,
    nonFinite: output.nonFinite,
    health: exploding ? 'exploding' : 'ok',
  };
}

/** Position of `value` between `min` and `max` on a log scale, clamped to 0..1 (1 when min = max). */
export function logScale(value: number, min: number, max: number): number {
  if (!(value > 0) || !(min > 0)) return 0;
  if (!(max > min)) return 1;
  const t = (Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min));
  return Math.min(1, Math.max(0, t));
}

/**
 * Builds the view of one sample. Edge scales span the positive RMS values of `edgeSources` (the
 * nodes with outgoing edges); every node in the sample when omitted.
 */
export function buildGradientView(
  stats: StatsSample,
  edgeSources?: ReadonlySet<string>,
): GradientView {
  const nodes = new Map<string, NodeGradient>();
  const grouped = paramsByNode(stats.params);
  const ids = new Set([...grouped.keys(), ...Object.keys(stats.activationGrads)]);
  for (const id of ids) {
    const g = nodeGradient(grouped.get(id), stats.activationGrads[id]);
    if (g) nodes.set(id, g);
  }
  let min = Infinity;
  let max = 0;
  const sources = Object.entries(stats.activationGrads).filter(
    ([id]) => !edgeSources || edgeSources.has(id),
  );
  for (const [, t] of sources) {
    const r = rms(t);
    if (r > 0 && Number.isFinite(r)) {
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
  }
  const edges = new Map<string, EdgeGradient>();
  for (const [id, t] of sources) {
    const r = rms(t);
    edges.set(id, { rms: r, scale: logScale(r, min, max), nonFinite: t.nonFinite > 0 });
  }
  return { nodes, edges };
}

/** A norm with three significant digits, in exponent form when very small or large. */
export function formatNorm(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e4) return x.toExponential(2).replace('e+', 'e');
  return String(Number(x.toPrecision(3)));
}

/** The tooltip of a node's gradient figure. */
export function gradientTitle(g: NodeGradient): string {
  return g.source === 'params'
    ? `Gradient norm of this layer's parameters: ${formatNorm(g.norm)} (√ of the sum of squared norms of its weight gradients).`
    : `Norm of the gradient flowing back from this layer's output: ${formatNorm(g.norm)} (it has no parameters).`;
}

/** What is wrong and what to try, for a flagged node; null when healthy. */
export function healthAdvice(g: NodeGradient): string | null {
  if (g.health === 'exploding') {
    const what =
      g.nonFinite > 0
        ? `${g.nonFinite} gradient values are NaN or infinite`
        : `the gradient norm is ${formatNorm(g.norm)} (above ${formatNorm(EXPLODE_NORM)})`;
    return `Exploding gradients: ${what}, so updates are huge and training diverges. Try a lower learning rate, gradient clipping (clipnorm in the training settings), or scaling the inputs (standardize or ÷255 in the Data tab).`;
  }
  if (g.health === 'vanishing')
    return `Vanishing gradients: this layer's gradient (${formatNorm(g.norm)}) is too small to change its weights, so it stops learning. Try ReLU instead of sigmoid/tanh, a larger learning rate, fewer stacked layers or a skip connection (Add); all-zero gradients after a ReLU mean its units are dead.`;
  return null;
}

const EMPTY_SOURCES: ReadonlySet<string> = new Set();
const views = new WeakMap<
  StatsSample,
  { edges: readonly ProjectEdge[] | null; view: GradientView }
>();

/** The cached view of a sample for these document edges (rebuilt when either changes). */
export function viewOf(stats: StatsSample, edges: readonly ProjectEdge[] | null): GradientView {
  const hit = views.get(stats);
  if (hit && hit.edges === edges) return hit.view;
  const sources = edges ? new Set(edges.map((e) => e.source.node)) : EMPTY_SOURCES;
  const view = buildGradientView(stats, edges ? sources : undefined);
  views.set(stats, { edges, view });
  return view;
}

/**
 * The statistics the canvas may show: none before training, and none while the session is idle
 * (the model or data changed since, so the figures describe another graph).
 */
export function liveStats(s: TrainingState): StatsSample | null {
  return s.status === 'idle' ? null : s.stats;
}
