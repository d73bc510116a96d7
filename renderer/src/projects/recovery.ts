// Where the autosave of unsaved work lives: localStorage in a browser, the desktop shell's crash
// recovery (a backup file written by main) in Electron. One interface so useAutosave has one flow.
import type { LayerloomBridge } from '../../../electron/api.ts';
import {
  clearAutosave,
  readAutosave,
  writeAutosave,
  type AutosaveRecord,
  type KeyValueStore,
} from './autosave.ts';

/** Reads, writes and clears the autosave record. Writes and clears are best-effort. */
export interface RecoveryStore {
  read(): Promise<AutosaveRecord | null>;
  write(record: AutosaveRecord): void;
  clear(): void;
}

/** The autosave in a browser's storage. */
export function localRecovery(store: KeyValueStore): RecoveryStore {
  return {
    read: async () => readAutosave(store),
    write: (record) => writeAutosave(store, record),
    clear: () => clearAutosave(store),
  };
}

/** The autosave as the desktop shell's recovery backup (its name is the window title, the file name). */
export function desktopRecovery(bridge: LayerloomBridge): RecoveryStore {
  const ignore = () => undefined;
  return {
    async read() {
      const r = await bridge.readRecovery().catch(() => null);
      if (!r) return null;
      const savedAt = Date.parse(r.savedAt);
      return {
        text: r.text,
        fileName: r.name,
        savedAt: Number.isNaN(savedAt) ? Date.now() : savedAt,
      };
    },
    write: (record) => void bridge.writeRecovery(record.text).catch(ignore),
    clear: () => void bridge.clearRecovery().catch(ignore),
  };
}

let current: RecoveryStore | null = null;

/** The recovery store for where the app runs. */
export function recoveryStore(): RecoveryStore {
  current ??= window.layerloom ? desktopRecovery(window.layerloom) : localRecovery(localStorage);
  return current;
}
