// Projects the document and its inference onto React Flow nodes and the edges EdgeLayer.tsx draws.
// Pure; a per-canvas cache keeps the object of every unchanged node/edge, so only what changed
// re-renders (a 500-node graph where one node moves re-renders one node).
import type { Edge, Node } from '@xyflow/react';
import type { Project } from '../../../engine/document/schema.ts';
import type { Inference } from '../../../engine/graph/infer.ts';
import { SINGLE_INPUT_PORT, variadicIndex, variadicPort } from '../../../engine/graph/ports.ts';
import { formatShape } from '../../../engine/layers/shape.ts';

/** Everything a layer node shows; plain values so equality is cheap. */
export type LayerNodeData = {
  name: string;
  type: string;
  inline: string;
  /** Output shape as Keras prints it, or null when unknown. */
  shape: string | null;
  /** Parameter count, or null while the shape is unknown. */
  params: number | null;
  /** The first error inference pinned to this node. */
  error: string | null;
  /** Target handle ids in input order: 'in'; or the connected in0, in1, … plus the next free one. */
  ports: string[];
};

/** What an edge shows: the shape it carries and whether it is in error. */
export type ShapeEdgeData = { shape: string | null; error: string | null };

export type LayerFlowNode = Node<LayerNodeData, 'layer'>;
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

/** Objects from the previous derivation, by id. */
export interface DeriveCache {
  nodes: Map<string, LayerFlowNode>;
  edges: Map<string, ShapeFlowEdge>;
}

/** An empty cache. */
export function createCache(): DeriveCache {
  return { nodes: new Map(), edges: new Map() };
}

function sameData(a: LayerNodeData, b: LayerNodeData): boolean {
  return (
    a.name === b.name &&
    a.type === b.type &&
    a.inline === b.inline &&
    a.shape === b.shape &&
    a.params === b.params &&
    a.error === b.error &&
    a.ports.length === b.ports.length &&
    a.ports.every((p, i) => p === b.ports[i])
  );
}

function nodeData(inf: Inference, id: string, error: string | null): LayerNodeData {
  const info = inf.nodes.get(id)!;
  const { def, params, node } = info;
  let inline = '';
  if (def && params) inline = def.inline(params);
  let ports: string[] = [];
  if (def?.inputs.kind === 'single') ports = [SINGLE_INPUT_PORT];
  if (def?.inputs.kind === 'variadic') {
    const used = info.inputs.map((e) => e.target.port);
    const taken = new Set(used.map(variadicIndex));
    let free = 0;
    while (taken.has(free)) free++;
    ports = [...used, variadicPort(free)];
  }
  return {
    name: node.name,
    type: node.type,
    inline,
    shape: info.shape ? formatShape(info.shape) : null,
    params: info.shape ? info.paramCount : null,
    error,
    ports,
  };
}

/** A node's measured size; React Flow needs it on every node object it is given. */
export type Measured = { width: number; height: number };

/**
 * React Flow nodes for the document; `selected` is the store's node selection, `measured` the
 * sizes React Flow reported (kept by identity: replace the object when a size changes).
 */
export function deriveNodes(
  doc: Project,
  inf: Inference,
  selected: ReadonlySet<string>,
  measured: ReadonlyMap<string, Measured>,
  cache: DeriveCache,
): LayerFlowNode[] {
  const errors = new Map<string, string>();
  for (const d of inf.diagnostics)
    if (d.severity === 'error' && d.node && !errors.has(d.node)) errors.set(d.node, d.message);
  const next = new Map<string, LayerFlowNode>();
  const out = doc.nodes.map((n) => {
    const data = nodeData(inf, n.id, errors.get(n.id) ?? null);
    const old = cache.nodes.get(n.id);
    const isSelected = selected.has(n.id);
    const size = measured.get(n.id);
    const keep =
      old &&
      old.measured === size &&
      old.position.x === n.position.x &&
      old.position.y === n.position.y &&
      Boolean(old.selected) === isSelected &&
      sameData(old.data, data);
    const node: LayerFlowNode = keep
      ? old
      : {
          id: n.id,
          type: 'layer',
          position: n.position,
          data,
          selected: isSelected,
          measured: size,
        };
    next.set(n.id, node);
    return node;
  });
  cache.nodes = next;
  return out;
}

/** The canvas edges for the document (in React Flow's edge shape), labelled with the shape each one carries. */
export function deriveEdges(
  doc: Project,
  inf: Inference,
  selected: ReadonlySet<string>,
  cache: DeriveCache,
): ShapeFlowEdge[] {
  const errors = new Map<string, string>();
  const portErrors = new Map<string, string>();
  for (const d of inf.diagnostics) {
    if (d.severity !== 'error') continue;
    if (d.edge && !errors.has(d.edge)) errors.set(d.edge, d.message);
    else if (d.node && d.port) portErrors.set(`${d.node}\u0000${d.port}`, d.message);
  }
  const next = new Map<string, ShapeFlowEdge>();
  const out = doc.edges.map((e) => {
    const carried = inf.edgeShapes.get(e.id);
    const data: ShapeEdgeData = {
      shape: carried ? formatShape(carried) : null,
      error: errors.get(e.id) ?? portErrors.get(`${e.target.node}\u0000${e.target.port}`) ?? null,
    };
    const isSelected = selected.has(e.id);
    const old = cache.edges.get(e.id);
    const keep =
      old &&
      old.source === e.source.node &&
      old.target === e.target.node &&
      old.targetHandle === e.target.port &&
      Boolean(old.selected) === isSelected &&
      old.data?.shape === data.shape &&
      old.data?.error === data.error;
    const edge: ShapeFlowEdge = keep
      ? old
      : {
          id: e.id,
          type: 'shape',
          source: e.source.node,
          sourceHandle: e.source.port,
          target: e.target.node,
          targetHandle: e.target.port,
          selected: isSelected,
          data,
        };
    next.set(e.id, edge);
    return edge;
  });
  cache.edges = next;
  return out;
}
