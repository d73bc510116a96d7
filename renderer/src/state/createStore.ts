// A tiny external store for module-level UI state (the editor, the data store, the open modal, …),
// so code outside React can read and change it and components re-render through
// useSyncExternalStore.
import { useSyncExternalStore } from 'react';

/** One value with change notification. */
export interface Store<T> {
  get(): T;
  /** Replaces the value and notifies every subscriber (nothing happens for the same value). */
  set(next: T): void;
  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** A store holding `initial`. */
export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Reads a store (or a slice of it) in a component; re-renders when it changes (by identity). */
export function useStore<T>(store: Store<T>): T;
export function useStore<T, S>(store: Store<T>, selector: (value: T) => S): S;
export function useStore<T, S>(store: Store<T>, selector?: (value: T) => S): T | S {
  return useSyncExternalStore(store.subscribe, () =>
    selector ? selector(store.get()) : store.get(),
  );
}
