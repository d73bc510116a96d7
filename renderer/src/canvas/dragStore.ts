// The positions of the nodes being dragged, outside React state: a drag frame moves the dragged
// nodes' elements and redraws only their edges and minimap rectangles, instead of handing React Flow a new 500-node list
// (which re-runs every node's, handle's and minimap node's store selector). The document gets the
// final positions once, when the drag ends.
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

/**
 * One node's live drag position (undefined when it is not being dragged), as a React hook: a
 * cached Map lookup per drag frame, and a re-render only for the dragged nodes.
 */
export function useDragPosition(id: string): XYPosition | undefined {
  return useStore(store, (d) => d?.get(id));
}
