import { describe, expect, it, vi } from 'vitest';
import { createStore } from './createStore.ts';

describe('createStore', () => {
  it('notifies subscribers of a new value, not of the same one, until they unsubscribe', () => {
    const store = createStore({ n: 1 });
    const listener = vi.fn();
    const off = store.subscribe(listener);
    const same = store.get();
    store.set(same);
    expect(listener).not.toHaveBeenCalled();
    store.set({ n: 2 });
    expect(store.get()).toEqual({ n: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    store.set({ n: 3 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get()).toEqual({ n: 3 });
  });
});
