// Which dock tab is showing, as a tiny external store, so other parts of the app can bring a
// panel forward (a file dropped on the window shows the Data tab).
import { useSyncExternalStore } from 'react';

let active: string | null = null;
const listeners = new Set<() => void>();

/** Shows the dock tab with this id. */
export function showDockTab(id: string): void {
  if (id === active) return;
  active = id;
  for (const l of listeners) l();
}

/** The active dock tab id (null until one is chosen: the dock shows its first tab). */
export function useDockTab(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => active,
  );
}
