// Where edges are drawn: the flow coordinates of a handle's connection point, and an edge's bezier
// and label position. Pure functions over node positions and the handle bounds React Flow measured,
// so the edge layer can place every edge from one position map (a live drag included).
import { getBezierPath, Position, type XYPosition } from '@xyflow/react';

/** A measured handle, relative to its node's top-left corner (React Flow's handle bounds). */
export interface HandleBox {
  id?: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  position: Position;
}

/** The handles React Flow measured on one node. */
export interface NodeHandles {
  source: readonly HandleBox[] | null;
  target: readonly HandleBox[] | null;
}

/** Where an edge is drawn: the bezier path and the point its label sits on. */
export interface EdgeGeometry {
  path: string;
  labelX: number;
  labelY: number;
}

/** The point on a handle an edge attaches to: the middle of the side the handle faces. */
export function anchorOf(nodeAt: XYPosition, h: HandleBox): XYPosition {
  const x = nodeAt.x + h.x;
  const y = nodeAt.y + h.y;
  switch (h.position) {
    case Position.Left:
      return { x, y: y + h.height / 2 };
    case Position.Right:
      return { x: x + h.width, y: y + h.height / 2 };
    case Position.Top:
      return { x: x + h.width / 2, y };
    case Position.Bottom:
      return { x: x + h.width / 2, y: y + h.height };
  }
}

/** The handle with `id` (or the only/first handle when the edge names none). */
export function findHandle(
  handles: readonly HandleBox[] | null,
  id: string | null | undefined,
): HandleBox | null {
  if (!handles?.length) return null;
  if (id == null) return handles[0];
  return handles.find((h) => h.id === id) ?? null;
}

/**
 * The geometry of an edge from `source`'s handle `sourceHandle` to `target`'s `targetHandle`, or
 * null while either node or handle is unmeasured (React Flow draws no edge then either).
 */
export function edgeGeometry(
  sourceAt: XYPosition | undefined,
  sourceHandles: NodeHandles | undefined,
  sourceHandle: string | null | undefined,
  targetAt: XYPosition | undefined,
  targetHandles: NodeHandles | undefined,
  targetHandle: string | null | undefined,
): EdgeGeometry | null {
  if (!sourceAt || !targetAt) return null;
  const s = findHandle(sourceHandles?.source ?? null, sourceHandle);
  const t = findHandle(targetHandles?.target ?? null, targetHandle);
  if (!s || !t) return null;
  const a = anchorOf(sourceAt, s);
  const b = anchorOf(targetAt, t);
  const [path, labelX, labelY] = getBezierPath({
    sourceX: a.x,
    sourceY: a.y,
    sourcePosition: s.position,
    targetX: b.x,
    targetY: b.y,
    targetPosition: t.position,
  });
  return { path, labelX, labelY };
}

/** Label box width for `text` in the 10 px monospace label font (0.6 em per character + padding). */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * 6.02) + 8;
}
