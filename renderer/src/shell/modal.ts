// The one modal the shell shows at a time (a confirmation, a message, the template gallery or the
// restore offer), as a tiny external store so non-React code (project actions) can ask the user.
import { createStore, useStore } from '../state/createStore.ts';

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

const modal = createStore<Modal | null>(null);
const show = modal.set;

/** The modal on screen, or null. */
export function useModal(): Modal | null {
  return useStore(modal);
}

/** Answers an open confirmation "no" (which also closes it). */
function refuseOpenConfirm(): void {
  const current = modal.get();
  if (current?.kind === 'confirm') current.resolve(false);
}

/** Closes the modal; an open confirmation is answered "no". */
export function closeModal(): void {
  refuseOpenConfirm();
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
  refuseOpenConfirm();
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
