// The positions of the nodes being dragged, outside React state: a drag frame moves the dragged
// nodes' elements and redraws only their edges, instead of handing React Flow a new 500-node list
// (which re-runs every node's, handle's and minimap node's store selector). The document gets the
// final positions once, when the drag ends.
import { useCallback, useSyncExternalStore } from 'react';
import type { XYPosition } from '@xyflow/react';
import { createStore, useStore } from '../state/createStore.ts';

/** Node id → live position, or null when no drag is under way. */
export type DragPositions = ReadonlyMap<string, XYPosition> | null;

const store = createStore<DragPositions>(null);

/** The live drag positions (null outside a drag). */
export const dragPositions = (): DragPositions => store.get();

/** Replaces the live drag positions and tells the subscribers. */
export const setDragPositions = (next: DragPositions): void => store.set(next);

/** Subscribes to drag position changes; returns the unsubscribe function. */
export const subscribeDrag = (listener: () => void): (() => void) => store.subscribe(listener);

/** The live drag positions, as a React hook. */
export function useDragPositions(): DragPositions {
  return useStore(store);
}

// Per-node listeners, told only when their node's position changes: 500 minimap nodes each
// subscribed to the whole store would all be asked on every drag frame.
const byNode = new Map<string, Set<() => void>>();
let told: DragPositions = null;
store.subscribe(() => {
  const next = store.get();
  const ids = new Set([...(told?.keys() ?? []), ...(next?.keys() ?? [])]);
  told = next;
  for (const id of ids) for (const l of byNode.get(id) ?? []) l();
});

/** Subscribes to one node's drag position: told when it starts, moves or stops being dragged. */
export function subscribeDragOf(id: string, listener: () => void): () => void {
  let set = byNode.get(id);
  if (!set) byNode.set(id, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (!set.size) byNode.delete(id);
  };
}

/** One node's live drag position (undefined when it is not being dragged), as a React hook. */
export function useDragPosition(id: string): XYPosition | undefined {
  const subscribe = useCallback((l: () => void) => subscribeDragOf(id, l), [id]);
  return useSyncExternalStore(subscribe, () => store.get()?.get(id));
}
