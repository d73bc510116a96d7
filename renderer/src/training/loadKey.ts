// What decides whether the training session must be reloaded, and the project form of the
// session's weights. Pure.
import type { Project } from '../../../engine/document/schema.ts';
import { storeWeight } from '../../../engine/document/weights.ts';

/**
 * Everything about a document that the compiled session depends on: layers and their params,
 * edges, the training config and the data binding — not node positions, names of the project or
 * the stored weights (compared separately, by identity).
 */
export function structuralKey(doc: Project): string {
  return JSON.stringify([
    doc.nodes.map((n) => [n.id, n.type, n.name, n.params]),
    doc.edges,
    doc.training,
    doc.data,
  ]);
}

/** The project's `weights` field for session weights keyed '<nodeId>/<weight>'. */
export function projectWeightsOf(
  params: readonly { key: string; shape: number[] }[],
  values: ReadonlyMap<string, Float32Array>,
): NonNullable<Project['weights']> {
  const out: NonNullable<Project['weights']> = {};
  for (const p of params) {
    const v = values.get(p.key);
    if (!v) continue;
    const slash = p.key.lastIndexOf('/');
    (out[p.key.slice(0, slash)] ??= {})[p.key.slice(slash + 1)] = storeWeight(p.shape, v);
  }
  return out;
}
