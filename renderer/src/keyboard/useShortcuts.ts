// Binds the global shortcuts (shortcuts.ts) to the window: undo/redo, the file commands, training.
import { useEffect } from 'react';
import { newProject, openProject, saveProject } from '../projects/projectActions.ts';
import { actions } from '../state/store.ts';
import { training } from '../training/controller.ts';
import { isMacPlatform, isTextField, shortcutFor, type ShortcutCommand } from './shortcuts.ts';

const run: Record<ShortcutCommand, () => void> = {
  undo: () => actions.undo(),
  redo: () => actions.redo(),
  save: () => void saveProject(false),
  saveAs: () => void saveProject(true),
  open: () => void openProject(),
  new: () => void newProject(),
  trainStep: () => void training.step(),
  trainEpoch: () => void training.epoch(),
  trainRunPause: () => void training.runOrPause(),
};

/** Listens for the global shortcuts while the app is mounted. */
export function useShortcuts(): void {
  useEffect(() => {
    const mac = isMacPlatform(navigator.platform);
    const onKeyDown = (e: KeyboardEvent) => {
      // A modal dialog owns the keyboard while it is open.
      if (document.querySelector('[aria-modal="true"]')) return;
      const command = shortcutFor(e, { mac, inTextField: isTextField(e.target) });
      if (!command) return;
      e.preventDefault();
      actions.seal();
      run[command]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
