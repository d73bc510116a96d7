// The positions of the nodes being dragged, outside React state: a drag frame moves the dragged
// nodes' elements and redraws only their edges, instead of handing React Flow a new 500-node list
// (which re-runs every node's, handle's and minimap node's store selector). The document gets the
// final positions once, when the drag ends.
import { useSyncExternalStore } from 'react';
import type { XYPosition } from '@xyflow/react';

/** Node id → live position, or null when no drag is under way. */
export type DragPositions = ReadonlyMap<string, XYPosition> | null;

let current: DragPositions = null;
const listeners = new Set<() => void>();

/** The live drag positions (null outside a drag). */
export function dragPositions(): DragPositions {
  return current;
}

/** Replaces the live drag positions and tells the subscribers. */
export function setDragPositions(next: DragPositions): void {
  if (next === current) return;
  current = next;
  for (const l of listeners) l();
}

/** Subscribes to drag position changes; returns the unsubscribe function. */
export function subscribeDrag(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The live drag positions, as a React hook. */
export function useDragPositions(): DragPositions {
  return useSyncExternalStore(subscribeDrag, dragPositions);
}
