// What decides whether the training session must be reloaded, and which optimizer settings a
// loaded session is sent without a reload. Pure.
import type { Project } from '../../../engine/document/schema.ts';

/**
 * Everything about a document that the compiled session depends on: layers and their params,
 * edges, the training config (but the epoch count and the optimizer's hyperparameters) and the data
 * binding — not node positions, the project's name or the stored weights (compared separately).
 */
export function structuralKey(doc: Project): string {
  let key = keys.get(doc);
  if (key === undefined) {
    // Epochs only say how long Run trains, and optimizer hyperparameters are sent to a running
    // session (optimizerKey): neither needs a reload.
    const { epochs: _epochs, optimizer, ...training } = doc.training;
    key = JSON.stringify([
      doc.nodes.map((n) => [n.id, n.type, n.name, n.params]),
      doc.edges,
      training,
      optimizer.type,
      doc.data,
    ]);
    keys.set(doc, key);
  }
  return key;
}

/** The optimizer hyperparameters as a comparable string. */
export function optimizerKey(doc: Project): string {
  return JSON.stringify(doc.training.optimizer.params);
}

/** Documents are immutable, so each one's key is computed once. */
const keys = new WeakMap<Project, string>();
