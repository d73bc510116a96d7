// Whether a new edge may be drawn, and why not: checked live while the user drags a connection, so
// an invalid connection is refused with its reason instead of producing a broken graph.
import type { Project, ProjectEdge } from '../document/schema.ts';
import { isLoomError } from '../errors.ts';
import type { LayerDef, SymShape } from '../layers/types.ts';
import type { Inference } from './infer.ts';
import {
  OUTPUT_PORT,
  SINGLE_INPUT_PORT,
  isInputPort,
  variadicIndex,
  variadicPort,
} from './ports.ts';

/** The verdict on a proposed connection. */
export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks an edge from `source`'s output to `target`'s input `port` (for Concatenate/Add, omit the
 * port to append a new input). Refuses self-loops, cycles, occupied ports and shapes the target
 * layer cannot take.
 */
export function checkConnection(
  doc: Project,
  inf: Inference,
  source: string,
  target: string,
  port?: string,
): ConnectionCheck {
  const src = inf.nodes.get(source);
  const dst = inf.nodes.get(target);
  if (!src || !dst) return { ok: false, reason: 'That layer no longer exists.' };
  if (source === target) return { ok: false, reason: `${dst.node.name} cannot feed itself.` };
  const def = dst.def as LayerDef | null;
  if (!def) return { ok: false, reason: `${dst.node.name} has an unknown layer type.` };
  if (def.inputs.kind === 'none')
    return { ok: false, reason: `${dst.node.name} is an Input: it takes no incoming connections.` };
  const targetPort = port ?? nextPort(doc, dst.node.id, def);
  if (!isInputPort(def.inputs, targetPort))
    return { ok: false, reason: `${dst.node.name} has no input '${targetPort}'.` };
  if (doc.edges.some((e) => e.target.node === target && e.target.port === targetPort))
    return {
      ok: false,
      reason: `That input of ${dst.node.name} is already connected; delete its edge first.`,
    };
  if (doc.edges.some((e) => e.source.node === source && e.target.node === target))
    return { ok: false, reason: `${src.node.name} already feeds ${dst.node.name}.` };
  if (reaches(doc, target, source))
    return {
      ok: false,
      reason: `This would create a cycle: ${dst.node.name} already feeds ${src.node.name}.`,
    };
  // Shape check with the inputs the target would have; unknown shapes are checked later.
  if (src.shape && dst.params) {
    const incoming = dst.inputs.map((e) => ({
      port: e.target.port,
      shape: inf.nodes.get(e.source.node)?.shape ?? null,
    }));
    incoming.push({ port: targetPort, shape: src.shape });
    incoming.sort((a, b) => (variadicIndex(a.port) ?? 0) - (variadicIndex(b.port) ?? 0));
    const shapes = incoming.map((i) => i.shape);
    const enough = def.inputs.kind === 'variadic' ? shapes.length >= def.inputs.min : true;
    if (enough && shapes.every((s) => s !== null)) {
      try {
        def.outputShape(dst.params, shapes as SymShape[]);
      } catch (e) {
        if (!isLoomError(e)) throw e;
        return { ok: false, reason: `Incompatible shape: ${e.what}.` };
      }
    }
  }
  return { ok: true };
}

/** The edge checkConnection approved, with a fresh id. */
export function makeEdge(doc: Project, source: string, target: string, port: string): ProjectEdge {
  const used = new Set(doc.edges.map((e) => e.id));
  let id = `${source}->${target}:${port}`;
  for (let i = 1; used.has(id); i++) id = `${source}->${target}:${port}#${i}`;
  return { id, source: { node: source, port: OUTPUT_PORT }, target: { node: target, port } };
}

/** The port a new connection to `node` would use: 'in', or the next free variadic port. */
export function nextPort(doc: Project, node: string, def: LayerDef): string {
  if (def.inputs.kind !== 'variadic') return SINGLE_INPUT_PORT;
  const used = new Set(
    doc.edges.filter((e) => e.target.node === node).map((e) => variadicIndex(e.target.port)),
  );
  let i = 0;
  while (used.has(i)) i++;
  return variadicPort(i);
}

/** Whether `to` is reachable from `from` along edges. */
function reaches(doc: Project, from: string, to: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of doc.edges)
    out.set(e.source.node, [...(out.get(e.source.node) ?? []), e.target.node]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === to) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(out.get(n) ?? []));
  }
  return false;
}
