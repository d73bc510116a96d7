// Autosave of the working document to localStorage, so a crash or a closed tab never loses work.
// The record holds the serialized project (the same text a save writes) and the file name.

/** localStorage key of the autosave record. */
export const AUTOSAVE_KEY = 'layerloom.autosave';

/** What an autosave holds. */
export interface AutosaveRecord {
  /** serializeProject(doc) of the working document. */
  text: string;
  /** The file name it belongs to, e.g. 'two-tower.loom'. */
  fileName: string;
  /** When it was written (ms since the epoch). */
  savedAt: number;
}

/** The subset of Storage used (localStorage in the app, a Map in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Writes the autosave; storage errors (quota, private mode) are ignored: autosave is best-effort. */
export function writeAutosave(store: KeyValueStore, record: AutosaveRecord): void {
  try {
    store.setItem(AUTOSAVE_KEY, JSON.stringify(record));
  } catch {
    // Best-effort: a full or disabled storage must not break editing.
  }
}

/** Reads the autosave, or null when there is none or it is not a record this app wrote. */
export function readAutosave(store: KeyValueStore): AutosaveRecord | null {
  let raw: string | null;
  try {
    raw = store.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as Partial<AutosaveRecord>;
    if (
      typeof r.text === 'string' &&
      typeof r.fileName === 'string' &&
      typeof r.savedAt === 'number'
    )
      return { text: r.text, fileName: r.fileName, savedAt: r.savedAt };
  } catch {
    // Not JSON: treated as no autosave.
  }
  return null;
}

/** Removes the autosave (after a save, a discard, or when the work matches a saved state). */
export function clearAutosave(store: KeyValueStore): void {
  try {
    store.removeItem(AUTOSAVE_KEY);
  } catch {
    // Best-effort, as writeAutosave.
  }
}

/**
 * Calls `flush` once `delayMs` after the last `schedule`; `cancel` drops a pending call. Used to
 * write the autosave ~1 s after the last edit rather than on every keystroke.
 */
export function debounce(flush: () => void, delayMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    schedule(): void {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        flush();
      }, delayMs);
    },
    cancel(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
