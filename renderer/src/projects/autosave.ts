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
  /** True when the trained weights and history did not fit and were left out. */
  withoutWeights?: boolean;
}

/** The subset of Storage used (localStorage in the app, a Map in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Writes the autosave. When it does not fit (a trained model's weights can exceed the browser's
 * storage quota), the graph, settings and bindings are kept without the weights and history;
 * when even that fails, an older record is removed rather than offered back later as if current.
 * Storage errors never reach the caller: autosave is best-effort.
 */
export function writeAutosave(store: KeyValueStore, record: AutosaveRecord): void {
  if (trySet(store, record)) return;
  const lite = withoutTraining(record.text);
  if (lite !== null && trySet(store, { ...record, text: lite, withoutWeights: true })) return;
  clearAutosave(store);
}

function trySet(store: KeyValueStore, record: AutosaveRecord): boolean {
  try {
    store.setItem(AUTOSAVE_KEY, JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

/** The project text without its weights and training history (null if it is not a project). */
function withoutTraining(text: string): string | null {
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    if (typeof doc !== 'object' || doc === null || !('weights' in doc || 'history' in doc))
      return null;
    delete doc.weights;
    delete doc.history;
    return JSON.stringify(doc, null, 2) + '\n';
  } catch {
    return null;
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
      return {
        text: r.text,
        fileName: r.fileName,
        savedAt: r.savedAt,
        ...(r.withoutWeights === true ? { withoutWeights: true } : {}),
      };
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
