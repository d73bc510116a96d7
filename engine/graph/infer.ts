// Shape inference and diagnostics over a project document. Pure and fast (runs on every edit):
// output shape of every node and edge, parameter counts, errors pinned to nodes/edges/ports, and
// the Keras summary model when the graph is valid.
import { isLoomError, type LoomErrorCode } from '../errors.ts';
import { layerRegistry } from '../layers/registry.ts';
import type { LayerDef, SymShape, WeightSpec } from '../layers/types.ts';
import type { Project, ProjectEdge, ProjectNode } from '../document/schema.ts';
import type { SummaryModel } from '../summary/types.ts';
import { nodesOnCycles } from './cycles.ts';
import { OUTPUT_PORT, SINGLE_INPUT_PORT, isInputPort, variadicIndex } from './ports.ts';

/** A problem pinned to the place a user can fix it. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: LoomErrorCode;
  message: string;
  node?: string;
  edge?: string;
  port?: string;
  param?: string;
}

/** Everything inference learns about one node. */
export interface NodeInfo {
  node: ProjectNode;
  def: LayerDef | null;
  /** Params with defaults filled in; null when invalid. */
  params: Record<string, unknown> | null;
  /** Incoming edges in input order. */
  inputs: ProjectEdge[];
  shape: SymShape | null;
  weights: WeightSpec[];
  paramCount: number;
  trainableCount: number;
}

/** The result of inferShapes. */
export interface Inference {
  nodes: Map<string, NodeInfo>;
  /** Shape carried by each edge (its source's output), null when unknown. */
  edgeShapes: Map<string, SymShape | null>;
  diagnostics: Diagnostic[];
  /** Node ids in a topological order (nodes on cycles omitted). */
  order: string[];
  /** Input node ids and output (sink) node ids, in document order. */
  inputs: string[];
  outputs: string[];
  /** True when there is no error: the model can be summarised, compiled and trained. */
  valid: boolean;
  /** The Keras summary model, or null when the graph is invalid. */
  summary: SummaryModel | null;
}

/** Infers shapes, params and diagnostics for every node and edge. */
export function inferShapes(doc: Project): Inference {
  const diagnostics: Diagnostic[] = [];
  const error = (d: Omit<Diagnostic, 'severity'>) => diagnostics.push({ severity: 'error', ...d });
  const nodes = new Map<string, NodeInfo>();
  const names = new Map<string, string[]>();

  for (const node of doc.nodes) {
    const def = (layerRegistry.get(node.type) as LayerDef | undefined) ?? null;
    if (!def)
      error({
        code: 'graph/structure',
        node: node.id,
        message: `unknown layer type '${node.type}'`,
      });
    let params: Record<string, unknown> | null = null;
    if (def) {
      const parsed = def.params.safeParse(node.params);
      if (parsed.success) params = parsed.data as Record<string, unknown>;
      else
        for (const issue of parsed.error.issues)
          error({
            code: 'graph/param',
            node: node.id,
            param: issue.path.join('.') || undefined,
            message: `${node.name}: ${issue.path.length ? `'${issue.path.join('.')}' ` : ''}${issue.message}`,
          });
    }
    nodes.set(node.id, {
      node,
      def,
      params,
      inputs: [],
      shape: null,
      weights: [],
      paramCount: 0,
      trainableCount: 0,
    });
    names.set(node.name, [...(names.get(node.name) ?? []), node.id]);
  }
  for (const [name, ids] of names)
    if (ids.length > 1)
      for (const id of ids)
        error({
          code: 'graph/structure',
          node: id,
          param: 'name',
          message: `the name '${name}' is used by ${ids.length} layers; names must be unique`,
        });

  // Wire edges to ports.
  const outgoing = new Map<string, ProjectEdge[]>();
  for (const edge of doc.edges) {
    const src = nodes.get(edge.source.node);
    const dst = nodes.get(edge.target.node);
    if (!src || !dst) continue; // parseProject guarantees both exist
    if (edge.source.port !== OUTPUT_PORT) {
      error({
        code: 'graph/structure',
        edge: edge.id,
        message: `edge '${edge.id}' leaves '${src.node.name}' from unknown port '${edge.source.port}'`,
      });
      continue;
    }
    if (dst.def && !isInputPort(dst.def.inputs, edge.target.port)) {
      error({
        code: 'graph/structure',
        edge: edge.id,
        port: edge.target.port,
        node: dst.node.id,
        message: `${dst.node.name} has no input port '${edge.target.port}'`,
      });
      continue;
    }
    dst.inputs.push(edge);
    outgoing.set(src.node.id, [...(outgoing.get(src.node.id) ?? []), edge]);
  }
  for (const info of nodes.values())
    info.inputs.sort(
      (a, b) => (variadicIndex(a.target.port) ?? 0) - (variadicIndex(b.target.port) ?? 0),
    );

  const order = topologicalOrder(doc, nodes, outgoing);
  const cyclic = nodesOnCycles(
    doc.nodes.map((n) => n.id),
    doc.edges.map((e) => ({ from: e.source.node, to: e.target.node })),
  );
  if (cyclic.size) {
    const cycleNames = doc.nodes.filter((n) => cyclic.has(n.id)).map((n) => n.name);
    for (const id of cyclic)
      error({
        code: 'graph/cycle',
        node: id,
        message: `${nodes.get(id)!.node.name} is on a cycle (${cycleNames.join(', ')}); a model must flow one way — remove one of the edges between them`,
      });
    for (const e of doc.edges)
      if (cyclic.has(e.source.node) && cyclic.has(e.target.node))
        error({ code: 'graph/cycle', edge: e.id, message: 'this edge is part of a cycle' });
  }

  // Shapes, in topological order; a node with a bad input stays unknown without more noise.
  for (const id of order) inferNode(nodes.get(id)!, nodes, error);

  const inputs = doc.nodes.filter((n) => n.type === 'Input').map((n) => n.id);
  const outputs = doc.nodes
    .filter((n) => n.type !== 'Input' && !outgoing.has(n.id))
    .map((n) => n.id);
  if (doc.nodes.length && !inputs.length)
    error({
      code: 'graph/structure',
      message: 'the model has no Input layer; add one from the palette',
    });
  if (doc.nodes.length && !outputs.length && !cyclic.size)
    error({
      code: 'graph/structure',
      message: 'the model has no output: connect at least one layer after an Input',
    });
  for (const id of inputs)
    if (!outgoing.has(id))
      error({
        code: 'graph/structure',
        node: id,
        message: `Input ${nodes.get(id)!.node.name} is not connected to any layer`,
      });
  if (!doc.nodes.length)
    error({
      code: 'graph/structure',
      message: 'the model is empty: drag an Input and a layer onto the canvas',
    });

  const edgeShapes = new Map<string, SymShape | null>();
  for (const e of doc.edges) edgeShapes.set(e.id, nodes.get(e.source.node)?.shape ?? null);
  const valid = !diagnostics.some((d) => d.severity === 'error');
  return {
    nodes,
    edgeShapes,
    diagnostics,
    order,
    inputs,
    outputs,
    valid,
    summary: valid ? summaryModel(doc, nodes, inputs, outputs) : null,
  };
}

function inferNode(
  info: NodeInfo,
  nodes: Map<string, NodeInfo>,
  error: (d: Omit<Diagnostic, 'severity'>) => void,
): void {
  const { def, params, node } = info;
  if (!def || !params) return;
  const ports = def.inputs;
  if (ports.kind === 'single' && info.inputs.length === 0) {
    error({
      code: 'graph/structure',
      node: node.id,
      port: SINGLE_INPUT_PORT,
      message: `${node.name} has no input: connect a layer to it`,
    });
    return;
  }
  if (ports.kind === 'variadic' && info.inputs.length < ports.min) {
    error({
      code: 'graph/structure',
      node: node.id,
      port: `in${info.inputs.length}`,
      message: `${node.name} needs at least ${ports.min} inputs, has ${info.inputs.length}`,
    });
    return;
  }
  const inShapes = info.inputs.map((e) => nodes.get(e.source.node)?.shape ?? null);
  if (inShapes.some((s) => s === null)) return;
  try {
    info.shape = def.outputShape(params, inShapes as SymShape[]);
    info.weights = def.weights(params, inShapes as SymShape[]);
    for (const w of info.weights) {
      const n = w.shape.reduce((a, b) => a * b, 1);
      info.paramCount += n;
      if (w.trainable) info.trainableCount += n;
    }
  } catch (e) {
    if (!isLoomError(e)) throw e;
    info.shape = null;
    error({
      code: e.code,
      node: node.id,
      port: e.where.port,
      param: e.where.param,
      message: `${node.name}: ${e.message}`,
    });
  }
}

function topologicalOrder(
  doc: Project,
  nodes: Map<string, NodeInfo>,
  outgoing: Map<string, ProjectEdge[]>,
): string[] {
  const indegree = new Map<string, number>();
  for (const n of doc.nodes) indegree.set(n.id, nodes.get(n.id)!.inputs.length);
  // Stable Kahn: ready nodes leave in document order.
  const position = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const ready = doc.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const e of outgoing.get(id) ?? []) {
      const d = indegree.get(e.target.node)! - 1;
      indegree.set(e.target.node, d);
      if (d === 0) ready.push(e.target.node);
    }
  }
  return order;
}

function summaryModel(
  doc: Project,
  nodes: Map<string, NodeInfo>,
  inputs: string[],
  outputs: string[],
): SummaryModel {
  const name = (id: string) => nodes.get(id)!.node.name;
  return {
    name: doc.name || 'functional',
    layers: doc.nodes.map((n) => {
      const info = nodes.get(n.id)!;
      return {
        name: n.name,
        className: info.def!.kerasClass,
        outputShape: info.shape!,
        params: info.paramCount,
        trainableParams: info.trainableCount,
        inbound: info.inputs.map((e) => name(e.source.node)),
      };
    }),
    inputs: inputs.map(name),
    outputs: outputs.map(name),
  };
}
