// The desktop shell's side of the editor: the native window title and its unsaved-changes state,
// the native menu's file and edit commands, and files opened from outside (Open Recent, the command
// line, the OS). Does nothing in a plain browser.
import { useEffect } from 'react';
import type { MenuCommand } from '../../../electron/api.ts';
import { EXPORT_FORMATS } from '../../../engine/export/index.ts';
import { actions, useDirty, useEditor } from '../state/store.ts';
import { exportAs, importAny } from './exportImport.ts';
import { newProject, openExternal, openProject, saveProject } from './projectActions.ts';

/** The menu commands the editor shell answers (file, export/import, undo/redo); the canvas owns the rest. */
const MENU: Partial<Record<MenuCommand, () => void>> = {
  'menu:new': () => void newProject(),
  'menu:open': () => void openProject(),
  'menu:save': () => void saveProject(false),
  'menu:saveAs': () => void saveProject(true),
  'menu:import': () => void importAny(),
  ...Object.fromEntries(EXPORT_FORMATS.map((f) => [`menu:export:${f}`, () => void exportAs(f)])),
  'menu:undo': () => actions.undo(),
  'menu:redo': () => actions.redo(),
  // The user chose "Save" when closing a dirty window: main closes it once setDirty(false) arrives.
  'app:save-before-close': () => void saveProject(false),
};

/** Keeps the desktop window in step with the editor and routes native menu commands. */
export function useDesktopBridge(): void {
  const fileName = useEditor((s) => s.file.name);
  const dirty = useDirty();
  useEffect(() => {
    void window.layerloom?.setTitle(fileName).catch(() => undefined);
  }, [fileName]);
  useEffect(() => {
    void window.layerloom?.setDirty(dirty).catch(() => undefined);
  }, [dirty]);
  useEffect(() => {
    const bridge = window.layerloom;
    if (!bridge) return;
    const offMenu = bridge.onMenuCommand((command) => MENU[command]?.());
    const offFile = bridge.onFileOpened((file) => void openExternal(file));
    return () => {
      offMenu();
      offFile();
    };
  }, []);
}
