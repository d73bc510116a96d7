// Autosave wiring: on start, offer back work an earlier session did not save; afterwards keep the
// autosave record in step with the document (written ~1 s after the last edit while there are
// unsaved changes, removed once the document matches its file again). The record lives in the
// RecoveryStore: localStorage in a browser, the shell's recovery backup in the desktop app.
import { useEffect } from 'react';
import { parseProjectText, serializeProject } from '../../../engine/document/parse.ts';
import { confirmModal, messageModal } from '../shell/modal.ts';
import { actions, blankProject, getState, isDirty, subscribe } from '../state/store.ts';
import { debounce, type AutosaveRecord } from './autosave.ts';
import { recoveryStore } from './recovery.ts';

/** Delay between the last edit and the autosave write. */
export const AUTOSAVE_DELAY_MS = 1000;

// Module-level so React StrictMode's double effect never asks twice.
let startupOffered = false;

function writeNow(): void {
  const { history, file } = getState();
  recoveryStore().write({
    text: serializeProject(history.present),
    fileName: file.name,
    savedAt: Date.now(),
  });
}

/** Asks whether to restore `record`; restores it as unsaved work, or discards it. */
async function offerRestore(record: AutosaveRecord): Promise<void> {
  const when = new Date(record.savedAt).toLocaleString();
  const restore = await confirmModal({
    title: 'Restore unsaved work?',
    message: `Restore unsaved work from ${when} (${record.fileName})?${
      record.withoutWeights
        ? ' Its trained weights were too large for the browser’s storage: the model, settings and data bindings come back, the weights start afresh.'
        : ''
    }`,
    confirmLabel: 'Restore',
    cancelLabel: 'Discard',
    dismissable: false,
  });
  if (!restore) {
    recoveryStore().clear();
    return;
  }
  try {
    const doc = parseProjectText(record.text, { file: record.fileName });
    actions.load(doc, record.fileName, null);
    // The restored work was never saved to a file: keep it marked as unsaved.
    actions.markSaved(blankProject(), record.fileName, null);
  } catch (e) {
    recoveryStore().clear();
    messageModal('Could not restore the unsaved work', (e as Error).message);
  }
}

/** Runs the startup restore offer, then keeps the autosave up to date. */
export function useAutosave(): void {
  useEffect(() => {
    let live = true;
    let unsubscribe: (() => void) | null = null;
    const writer = debounce(() => {
      if (isDirty()) writeNow();
    }, AUTOSAVE_DELAY_MS);
    let wasDirty = false;
    const track = () => {
      const dirty = isDirty();
      if (dirty) writer.schedule();
      else if (wasDirty) {
        // Back to the saved state (saved, or undone to it): nothing is left to recover.
        writer.cancel();
        recoveryStore().clear();
      }
      wasDirty = dirty;
    };
    const flushOnHide = () => {
      if (isDirty()) writeNow();
    };
    const start = () => {
      if (!live) return;
      wasDirty = isDirty();
      if (wasDirty) writer.schedule();
      unsubscribe = subscribe(track);
      window.addEventListener('pagehide', flushOnHide);
    };
    const first = !startupOffered;
    startupOffered = true;
    if (!first) start();
    else
      void recoveryStore()
        .read()
        .then((record) => {
          const current = serializeProject(getState().history.present);
          return record && record.text !== current ? offerRestore(record) : undefined;
        })
        .then(start);
    return () => {
      live = false;
      writer.cancel();
      unsubscribe?.();
      window.removeEventListener('pagehide', flushOnHide);
    };
  }, []);
}

/**
 * Asks the browser to confirm leaving the page while there are unsaved changes. Not in the desktop
 * app: there main asks on close (setDirty), and a renderer beforeunload would block it silently.
 */
export function useUnloadGuard(): void {
  useEffect(() => {
    if (window.layerloom) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      e.preventDefault();
      // Older Chromium versions need returnValue set to show the prompt.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
