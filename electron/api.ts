// The TYPE of the bridge electron/preload.ts exposes as `window.layerloom`: the single source of its
// shape. Type-only: the renderer imports it, and in a plain web build `window.layerloom` is simply
// undefined. channels.ts maps every method here to one IPC channel (checked at compile time).
//
// Errors: every invoking method rejects only with a BridgeError (a plain object, because Electron's
// context bridge drops custom properties of Error objects). Turn it back into a LoomError with
// `new LoomError(e.code, e.what, e.where, e.fix)`. Dialogs the user cancels resolve to null.

import type { LoomErrorCode, Where } from '../engine/errors.ts';

/** A typed rejection from the desktop shell; the fields of engine/errors.ts's LoomError. */
export interface BridgeError {
  readonly name: 'LoomError';
  readonly code: LoomErrorCode;
  readonly what: string;
  readonly where: Where;
  readonly fix: string;
  /** The complete sentence: what, where and how to fix it. */
  readonly message: string;
}

/** Export formats; the shell picks the file extension and dialog filter for each. */
export type ExportFormat = 'json' | 'safetensors' | 'npz' | 'tfjs' | 'keras' | 'python';

/** What file:import may offer in its dialog. */
export type ImportKind = 'project' | 'csv' | 'npy' | 'npz' | 'idx' | 'safetensors' | 'json';

/** A file the user chose in a main-process dialog. `handle` is opaque: never a path. */
export interface FileRef {
  readonly handle: string;
  /** The file name without folders, e.g. "two-tower.loom", for titles and messages. */
  readonly name: string;
}

/** A project file read by the shell. */
export interface OpenedFile extends FileRef {
  readonly text: string;
}

/** A data or weights file picked for import. */
export interface ImportedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** An unsaved document rescued after a crash. */
export interface RecoveredDocument {
  /** The window title when it was backed up, e.g. "two-tower.loom" or "Untitled". */
  readonly name: string;
  readonly text: string;
  /** ISO 8601 time of the backup. */
  readonly savedAt: string;
}

/**
 * Commands from the native menu. The renderer owns undo/redo/delete/select-all/zoom/fit: their
 * shortcuts are shown in the menu but not captured by it, so the renderer's own key handling (the
 * same as in the web build) keeps working. File commands' shortcuts are captured by the menu.
 * 'app:save-before-close' asks the renderer to save because the user chose "Save" when closing;
 * the window closes once a save succeeds and the renderer reports setDirty(false).
 */
export type MenuCommand =
  | 'menu:new'
  | 'menu:open'
  | 'menu:save'
  | 'menu:saveAs'
  | 'menu:import'
  | 'menu:export:json'
  | 'menu:export:safetensors'
  | 'menu:export:npz'
  | 'menu:export:tfjs'
  | 'menu:export:keras'
  | 'menu:export:python'
  | 'menu:undo'
  | 'menu:redo'
  | 'menu:delete'
  | 'menu:selectAll'
  | 'menu:zoomIn'
  | 'menu:zoomOut'
  | 'menu:fit'
  | 'app:save-before-close';

/** The functions the desktop shell offers the renderer; each invoking method is one IPC channel. */
export interface LayerloomBridge {
  /** The desktop app's version, e.g. "0.1.0". */
  version(): Promise<string>;
  /** Opens another empty project window. */
  newWindow(): Promise<void>;
  /** Shows the open dialog for .loom files; null when cancelled. */
  open(): Promise<OpenedFile | null>;
  /** Saves atomically over the file behind `handle`, keeping the old one as .bak. */
  save(handle: string, text: string): Promise<FileRef>;
  /** Shows the save dialog (".loom" added if missing) and saves; null when cancelled. */
  saveAs(suggestedName: string, text: string): Promise<FileRef | null>;
  /** Shows a save dialog for `format` and writes `bytes` atomically; null when cancelled. */
  exportFile(
    format: ExportFormat,
    suggestedName: string,
    bytes: Uint8Array,
  ): Promise<{ name: string } | null>;
  /** Shows an open dialog offering `kinds`; null when cancelled. */
  importFile(kinds: readonly ImportKind[]): Promise<ImportedFile | null>;
  /**
   * Backs up the dirty document (debounced: on disk within 2 s of the last call), under the name
   * last given to setTitle.
   */
  writeRecovery(text: string): Promise<void>;
  /** A document left unsaved by a crash, claimed by this window; null when there is none. */
  readRecovery(): Promise<RecoveredDocument | null>;
  /** Deletes this window's backup (done automatically after a successful save). */
  clearRecovery(): Promise<void>;
  /** Sets the window title to "<title> — Layerloom". */
  setTitle(title: string): Promise<void>;
  /** Marks unsaved changes; closing a dirty window asks to save first. */
  setDirty(dirty: boolean): Promise<void>;
  /** Subscribes to native-menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Subscribes to files opened from outside the window (Open Recent, the command line, the OS).
   * Files that arrive before anyone listens are queued and delivered to the first listener.
   */
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
}

/** Bridge methods that call main and await a reply (everything except the event subscriptions). */
export type InvokeMethod = Exclude<keyof LayerloomBridge, 'onMenuCommand' | 'onFileOpened'>;

/** What main resolves an invoke with; the preload unwraps it into a value or a BridgeError. */
export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BridgeError };

declare global {
  interface Window {
    /** Present only inside the Electron shell. */
    readonly layerloom?: LayerloomBridge;
  }
}
