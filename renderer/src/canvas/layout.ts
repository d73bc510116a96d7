// Auto-layout: left-to-right layers with dagre, as one moveNodes command (one undo step).
import dagre from '@dagrejs/dagre';
import type { Command } from '../../../engine/document/commands.ts';
import type { Project } from '../../../engine/document/schema.ts';

/** Width and height of a node on screen (flow units). */
export interface Size {
  width: number;
  height: number;
}

/** Fallback size for nodes React Flow has not measured yet. */
export const DEFAULT_NODE_SIZE: Size = { width: 180, height: 72 };

/** A moveNodes command that lays the graph out left to right; null when nothing would move. */
export function layoutCommand(doc: Project, sizes: ReadonlyMap<string, Size>): Command | null {
  if (!doc.nodes.length) return null;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) {
    const size = sizes.get(n.id) ?? DEFAULT_NODE_SIZE;
    g.setNode(n.id, { width: size.width, height: size.height });
  }
  for (const e of doc.edges) g.setEdge(e.source.node, e.target.node);
  dagre.layout(g);
  // Keep the graph where the user is looking: anchor the layout's top-left at the old top-left.
  const minX = Math.min(...doc.nodes.map((n) => n.position.x));
  const minY = Math.min(...doc.nodes.map((n) => n.position.y));
  const laid = doc.nodes.map((n) => {
    const p = g.node(n.id);
    return { id: n.id, x: p.x - p.width / 2, y: p.y - p.height / 2 };
  });
  const lx = Math.min(...laid.map((p) => p.x));
  const ly = Math.min(...laid.map((p) => p.y));
  const moves = laid.map((p) => ({
    id: p.id,
    position: { x: Math.round(p.x - lx + minX), y: Math.round(p.y - ly + minY) },
  }));
  const moved = moves.some((m, i) => {
    const old = doc.nodes[i].position;
    return old.x !== m.position.x || old.y !== m.position.y;
  });
  return moved ? { type: 'moveNodes', moves } : null;
}
