// Copy/paste/duplicate as data: a selection travels as JSON (a "fragment": nodes plus the edges
// between them), and pasting remaps ids and names so it never collides with the target document.
// Pure; the system clipboard lives in clipboard.ts.
import { z } from 'zod';
import type { Command } from '../../../engine/document/commands.ts';
import { uniqueId, uniqueName } from '../../../engine/document/commands.ts';
import {
  EdgeSchema,
  NodeSchema,
  type Project,
  type ProjectEdge,
  type ProjectNode,
} from '../../../engine/document/schema.ts';

/** Marks clipboard text written by Layerloom. */
export const FRAGMENT_KIND = 'layerloom/selection';

/** A copied selection. */
export interface Fragment {
  kind: typeof FRAGMENT_KIND;
  nodes: ProjectNode[];
  edges: ProjectEdge[];
}

const FragmentSchema = z.object({
  nodes: z.array(NodeSchema).min(1),
  edges: z.array(EdgeSchema).default([]),
});

/** The selected nodes and the edges between them. */
export function selectionFragment(doc: Project, nodeIds: Iterable<string>): Fragment {
  const ids = new Set(nodeIds);
  return {
    kind: FRAGMENT_KIND,
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.source.node) && ids.has(e.target.node)),
  };
}

/** Reads clipboard text: a Layerloom fragment or a whole project document; null for anything else. */
export function parseFragment(text: string): Fragment | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = FragmentSchema.safeParse(raw);
  if (!parsed.success) return null;
  const ids = new Set(parsed.data.nodes.map((n) => n.id));
  return {
    kind: FRAGMENT_KIND,
    nodes: parsed.data.nodes,
    edges: parsed.data.edges.filter((e) => ids.has(e.source.node) && ids.has(e.target.node)),
  };
}

/** 'dense_3' → 'dense', so a pasted copy takes the next free Keras-style name. */
function nameBase(name: string): string {
  return name.replace(/_\d+$/, '') || name;
}

/**
 * The command that inserts `frag` into `doc` with fresh ids and names, shifted by `offset`;
 * also returns the new node ids (to select them).
 */
export function pasteCommand(
  doc: Project,
  frag: Fragment,
  offset: { x: number; y: number },
): { command: Command; ids: string[] } {
  const takenIds: string[] = [];
  const takenNames: string[] = [];
  const idMap = new Map<string, string>();
  const nodes = frag.nodes.map((n) => {
    const id = uniqueId(doc, n.id, takenIds);
    const used = doc.nodes.some((m) => m.name === n.name) || takenNames.includes(n.name);
    const name = used ? uniqueName(doc, nameBase(n.name), takenNames) : n.name;
    takenIds.push(id);
    takenNames.push(name);
    idMap.set(n.id, id);
    return {
      ...n,
      id,
      name,
      params: structuredClone(n.params),
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    };
  });
  const edges = frag.edges.map((e) => {
    const source = idMap.get(e.source.node)!;
    const target = idMap.get(e.target.node)!;
    const id = uniqueId(doc, `${source}-${target}-${e.target.port}`, takenIds);
    takenIds.push(id);
    return {
      id,
      source: { node: source, port: e.source.port },
      target: { node: target, port: e.target.port },
    };
  });
  return { command: { type: 'addNodes', nodes, edges }, ids: nodes.map((n) => n.id) };
}
