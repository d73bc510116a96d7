// Parameter values for a session: taken from the project where stored and shape-compatible,
// otherwise initialised with the layer's initializer and a seed derived from (project seed,
// node id, weight name) — so the same seed always gives the same weights.
import { paramKey, splitParamKey, type ParamSpec } from '../compile/program.ts';
import type { Project } from '../document/schema.ts';
import type { Inference } from '../graph/infer.ts';
import { storeWeight, weightValues } from '../document/weights.ts';
import { initialize } from '../layers/initializers.ts';
import { formatShape } from '../layers/shape.ts';
import { weightSeed } from '../random/rng.ts';
import { sameShape } from '../tensor.ts';

/** Weights by param key ('<nodeId>/<weight>'), plus which were loaded and which initialised. */
export interface WeightSet {
  values: Map<string, Float32Array>;
  kept: string[];
  initialised: string[];
}

/** Loads stored weights where they fit, initialises the rest. `fresh` ignores stored weights. */
export function initialWeights(
  doc: Project,
  params: readonly ParamSpec[],
  fresh = false,
): WeightSet {
  const values = new Map<string, Float32Array>();
  const kept: string[] = [];
  const initialised: string[] = [];
  for (const p of params) {
    const stored = fresh ? undefined : doc.weights?.[p.nodeId]?.[p.weight];
    if (stored && sameShape(stored.shape, p.shape)) {
      values.set(p.key, weightValues(stored, { node: p.layer, param: p.weight }));
      kept.push(p.key);
    } else {
      values.set(
        p.key,
        initialize(p.initializer, p.shape, weightSeed(doc.training.seed, p.nodeId, p.weight)),
      );
      initialised.push(p.key);
    }
  }
  return { values, kept, initialised };
}

/** The project's `weights` field for these values (params: a program's, or their key and shape). */
export function projectWeights(
  params: readonly { key: string; shape: readonly number[] }[],
  values: ReadonlyMap<string, Float32Array>,
): NonNullable<Project['weights']> {
  const out: NonNullable<Project['weights']> = {};
  for (const p of params) {
    const v = values.get(p.key);
    if (!v) continue;
    const { nodeId, weight } = splitParamKey(p.key);
    (out[nodeId] ??= {})[weight] = storeWeight(p.shape, v);
  }
  return out;
}

/** Which stored weights the model will keep, which it re-initialises (and why), which it drops. */
export interface WeightPlan {
  kept: string[];
  /** Keys with the reason: no stored value, or a stored value of another shape. */
  initialised: { key: string; node: string; reason: string }[];
  /** Stored weights no layer of the model uses any more. */
  dropped: string[];
}

/** The plan for a document's stored weights against its (inferred) model; pure, no compile. */
export function weightPlan(doc: Project, inf: Inference): WeightPlan {
  const plan: WeightPlan = { kept: [], initialised: [], dropped: [] };
  const used = new Set<string>();
  for (const [id, info] of inf.nodes)
    for (const w of info.weights) {
      const key = paramKey(id, w.name);
      used.add(key);
      const stored = doc.weights?.[id]?.[w.name];
      if (stored && sameShape(stored.shape, w.shape)) plan.kept.push(key);
      else
        plan.initialised.push({
          key,
          node: info.node.name,
          reason: stored
            ? `shape changed from ${formatShape(stored.shape)} to ${formatShape(w.shape)}`
            : 'new',
        });
    }
  for (const [id, ws] of Object.entries(doc.weights ?? {}))
    for (const name of Object.keys(ws))
      if (!used.has(paramKey(id, name))) plan.dropped.push(paramKey(id, name));
  return plan;
}
