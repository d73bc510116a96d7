// ProjectFiles over the desktop bridge: main shows the native dialogs and writes atomically; the
// renderer only sees opaque handle ids, never paths.
import type { ImportKind, LayerloomBridge } from '../../../electron/api.ts';
import { browserFiles } from './browserFiles.ts';
import { viaBridge } from './bridgeError.ts';
import { loomFileName, type ImportAccept, type ProjectFiles } from './files.ts';

/**
 * The dialog filters of each import. The shell's dialog picks one file and has no filter for .zip
 * or .keras, so a model is a .zip or .keras chosen under "All files" (which it always adds).
 */
const IMPORT_KINDS: Record<ImportAccept, readonly ImportKind[]> = {
  model: ['json'],
  weights: ['safetensors', 'npz', 'json'],
  any: ['safetensors', 'npz', 'json'],
};

/** ProjectFiles over the desktop bridge. */
export function desktopFiles(bridge: LayerloomBridge): ProjectFiles {
  return {
    open: () => viaBridge(() => bridge.open()),
    save(text, name, handle) {
      if (typeof handle === 'string') return viaBridge(() => bridge.save(handle, text));
      return this.saveAs(text, name);
    },
    saveAs: (text, name) => viaBridge(() => bridge.saveAs(loomFileName(name), text)),
    exportBytes: (name, bytes, format) => viaBridge(() => bridge.exportFile(format, name, bytes)),
    async importFiles(accept) {
      const file = await viaBridge(() => bridge.importFile(IMPORT_KINDS[accept]));
      return file ? [{ name: file.name, bytes: file.bytes }] : null;
    },
  };
}

let current: ProjectFiles | null = null;

/** The files implementation for where the app runs: the desktop bridge when present, else the browser. */
export function projectFiles(): ProjectFiles {
  current ??= window.layerloom ? desktopFiles(window.layerloom) : browserFiles();
  return current;
}
