// Which dock tab is showing, as a tiny external store, so other parts of the app can bring a
// panel forward (a file dropped on the window shows the Data tab).
import { createStore, useStore } from '../state/createStore.ts';

/** The active tab id (null until one is chosen). */
const active = createStore<string | null>(null);

/** Shows the dock tab with this id. */
export function showDockTab(id: string): void {
  active.set(id);
}

/** The active dock tab id (null until one is chosen: the dock shows its first tab). */
export function useDockTab(): string | null {
  return useStore(active);
}
