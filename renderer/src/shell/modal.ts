// The one modal the shell shows at a time (a confirmation, a message, the template gallery or the
// restore offer), as a tiny external store so non-React code (project actions) can ask the user.
import { useSyncExternalStore } from 'react';

/** What the modal shows; `confirm` resolves its promise with the user's answer. */
export type Modal =
  | {
      kind: 'confirm';
      title: string;
      message: string;
      confirmLabel: string;
      cancelLabel: string;
      /** False when the question must be answered with a button (Escape does nothing). */
      dismissable: boolean;
      resolve: (ok: boolean) => void;
    }
  | { kind: 'message'; title: string; message: string }
  | { kind: 'gallery' };

let current: Modal | null = null;
const listeners = new Set<() => void>();

function show(next: Modal | null): void {
  current = next;
  for (const l of listeners) l();
}

/** The modal on screen, or null. */
export function useModal(): Modal | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** Closes the modal; an open confirmation is answered "no". */
export function closeModal(): void {
  if (current?.kind === 'confirm') current.resolve(false);
  show(null);
}

/** Asks a yes/no question; resolves true when the user confirms. */
export function confirmModal(opts: {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string;
  dismissable?: boolean;
}): Promise<boolean> {
  if (current?.kind === 'confirm') current.resolve(false);
  return new Promise((resolve) =>
    show({
      kind: 'confirm',
      cancelLabel: 'Cancel',
      dismissable: true,
      ...opts,
      resolve: (ok) => {
        show(null);
        resolve(ok);
      },
    }),
  );
}

/** Shows a message (e.g. why a file could not be opened) until the user closes it. */
export function messageModal(title: string, message: string): void {
  closeModal();
  show({ kind: 'message', title, message });
}

/** Opens the template gallery (New). */
export function galleryModal(): void {
  closeModal();
  show({ kind: 'gallery' });
}
