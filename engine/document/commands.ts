// Every edit of a project is a Command applied by the pure reducer `apply(doc, cmd) → doc`.
// Documents are treated as immutable: apply returns a new object and shares untouched parts, so
// undo is a stack of documents and React can compare by identity.
import type { DataConfig, Project, ProjectEdge, ProjectNode, TrainingConfig } from './schema.ts';
import { variadicIndex, variadicPort } from '../graph/ports.ts';

/** One edit. `batch` groups several into one undo step. */
export type Command =
  | { type: 'addNodes'; nodes: ProjectNode[]; edges?: ProjectEdge[] }
  | { type: 'removeNodes'; ids: string[] }
  | { type: 'moveNodes'; moves: { id: string; position: { x: number; y: number } }[] }
  | { type: 'setParams'; id: string; params: Record<string, unknown> }
  | { type: 'renameNode'; id: string; name: string }
  | { type: 'connect'; edge: ProjectEdge }
  | { type: 'removeEdges'; ids: string[] }
  /** Reorders the inputs of a Concatenate/Add: `edgeIds` in their new port order. */
  | { type: 'reorderInputs'; node: string; edgeIds: string[] }
  | { type: 'setTraining'; patch: Partial<TrainingConfig> }
  | { type: 'setData'; patch: Partial<DataConfig> }
  | { type: 'setWeights'; weights: Project['weights'] }
  /** Trained weights and the loss history together (what a Step/Run leaves behind). */
  | { type: 'recordTraining'; weights: Project['weights']; history: Project['history'] }
  | { type: 'setName'; name: string }
  | { type: 'batch'; commands: Command[] };

/** Applies one command; unknown ids are ignored so a stale UI event can never corrupt a document. */
export function apply(doc: Project, cmd: Command): Project {
  switch (cmd.type) {
    case 'addNodes': {
      const ids = new Set(doc.nodes.map((n) => n.id));
      const nodes = cmd.nodes.filter((n) => !ids.has(n.id));
      const all = new Set([...ids, ...nodes.map((n) => n.id)]);
      const edges = (cmd.edges ?? []).filter(
        (e) => all.has(e.source.node) && all.has(e.target.node),
      );
      return { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] };
    }
    case 'removeNodes': {
      const gone = new Set(cmd.ids);
      const touched = new Set(
        doc.edges.filter((e) => gone.has(e.source.node)).map((e) => e.target.node),
      );
      let next: Project = {
        ...doc,
        nodes: doc.nodes.filter((n) => !gone.has(n.id)),
        edges: doc.edges.filter((e) => !gone.has(e.source.node) && !gone.has(e.target.node)),
        training: { ...doc.training, losses: omit(doc.training.losses, gone) },
        data: {
          ...doc.data,
          inputs: omit(doc.data.inputs, gone),
          targets: omit(doc.data.targets, gone),
        },
        weights: doc.weights ? omit(doc.weights, gone) : undefined,
      };
      for (const id of touched) if (!gone.has(id)) next = compactPorts(next, id);
      return next;
    }
    case 'moveNodes': {
      const moves = new Map(cmd.moves.map((m) => [m.id, m.position]));
      return {
        ...doc,
        nodes: doc.nodes.map((n) =>
          moves.has(n.id) ? { ...n, position: { ...moves.get(n.id)! } } : n,
        ),
      };
    }
    case 'setParams':
      return mapNode(doc, cmd.id, (n) => ({ ...n, params: { ...n.params, ...cmd.params } }));
    case 'renameNode':
      return mapNode(doc, cmd.id, (n) => ({ ...n, name: cmd.name }));
    case 'connect': {
      const { edge } = cmd;
      const exists = (id: string) => doc.nodes.some((n) => n.id === id);
      const taken = doc.edges.some(
        (e) =>
          e.id === edge.id ||
          (e.target.node === edge.target.node && e.target.port === edge.target.port),
      );
      if (!exists(edge.source.node) || !exists(edge.target.node) || taken) return doc;
      return { ...doc, edges: [...doc.edges, edge] };
    }
    case 'removeEdges': {
      const gone = new Set(cmd.ids);
      const targets = new Set(doc.edges.filter((e) => gone.has(e.id)).map((e) => e.target.node));
      let next: Project = { ...doc, edges: doc.edges.filter((e) => !gone.has(e.id)) };
      for (const id of targets) next = compactPorts(next, id);
      return next;
    }
    case 'reorderInputs': {
      const order = new Map(cmd.edgeIds.map((id, i) => [id, i]));
      return {
        ...doc,
        edges: doc.edges.map((e) =>
          e.target.node === cmd.node && order.has(e.id)
            ? { ...e, target: { ...e.target, port: variadicPort(order.get(e.id)!) } }
            : e,
        ),
      };
    }
    case 'setTraining':
      return { ...doc, training: { ...doc.training, ...cmd.patch } };
    case 'setData':
      return { ...doc, data: { ...doc.data, ...cmd.patch } };
    case 'setWeights':
      return { ...doc, weights: cmd.weights };
    case 'recordTraining':
      return { ...doc, weights: cmd.weights, history: cmd.history };
    case 'setName':
      return { ...doc, name: cmd.name };
    case 'batch':
      return cmd.commands.reduce(apply, doc);
  }
}

/** Renumbers a variadic node's input ports to in0…inK−1, keeping their order (after a removal). */
function compactPorts(doc: Project, nodeId: string): Project {
  const incoming = doc.edges
    .filter((e) => e.target.node === nodeId && variadicIndex(e.target.port) !== null)
    .sort((a, b) => variadicIndex(a.target.port)! - variadicIndex(b.target.port)!);
  if (!incoming.length) return doc;
  const port = new Map(incoming.map((e, i) => [e.id, variadicPort(i)]));
  return {
    ...doc,
    edges: doc.edges.map((e) =>
      port.has(e.id) && port.get(e.id) !== e.target.port
        ? { ...e, target: { ...e.target, port: port.get(e.id)! } }
        : e,
    ),
  };
}

function mapNode(doc: Project, id: string, f: (n: ProjectNode) => ProjectNode): Project {
  if (!doc.nodes.some((n) => n.id === id)) return doc;
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? f(n) : n)) };
}

function omit<T>(record: Record<string, T>, keys: Set<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !keys.has(k)));
}

/** Keras-style unique name: `dense`, then `dense_1`, `dense_2`, … (names already used are skipped). */
export function uniqueName(doc: Project, base: string, taken: Iterable<string> = []): string {
  const used = new Set([...doc.nodes.map((n) => n.name), ...taken]);
  if (!used.has(base)) return base;
  for (let i = 1; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** A node id not used in the document (ids are stable across renames). */
export function uniqueId(doc: Project, base: string, taken: Iterable<string> = []): string {
  const used = new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id), ...taken]);
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '') || 'node';
  if (!used.has(clean)) return clean;
  for (let i = 1; ; i++) if (!used.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

/** Why a name cannot be used for node `id`, or null when it can. */
export function nameProblem(doc: Project, id: string, name: string): string | null {
  if (!name.trim()) return 'A layer name must not be empty.';
  if (name !== name.trim()) return 'A layer name must not start or end with spaces.';
  if (!/^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(name))
    return 'Use letters, digits, _ . - / and start with a letter or _ (Keras layer names must be valid identifiers for export).';
  if (doc.nodes.some((n) => n.id !== id && n.name === name))
    return `'${name}' is already used by another layer.`;
  return null;
}
