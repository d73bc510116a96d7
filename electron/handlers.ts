// What each IPC channel does, given the already-validated arguments. One handler per bridge method
// (the mapped type makes a missing one a compile error). Everything Electron-specific arrives
// through ShellServices, so the registry is exercised in unit tests with fakes.
import path from 'node:path';
import type {
  ExportFormat,
  FileRef,
  ImportKind,
  ImportedFile,
  InvokeMethod,
  LayerloomBridge,
  OpenedFile,
} from './api.ts';
import { LoomError } from '../engine/errors.ts';
import {
  EXPORT_FILTERS,
  ensureExtension,
  importFilters,
  PROJECT_FILTER,
  suggestedFileName,
  type FileFilter,
} from './files/dialogFilters.ts';
import type { HandleTable } from './files/handles.ts';
import type { RecoverySlot } from './files/recovery.ts';

/** Largest project text read on open (matches engine/document/parse.ts's limit). */
export const MAX_PROJECT_FILE_BYTES = 512 * 1024 * 1024;
/** Largest data file read on import. */
export const MAX_IMPORT_FILE_BYTES = 1024 * 1024 * 1024;

/** The per-window state handlers act on. */
export interface ShellWindow {
  readonly handles: HandleTable;
  readonly recovery: RecoverySlot;
  /** The document title last set by the renderer (also the recovery backup's name). */
  readonly title: string;
  setTitle(title: string): void;
  setDirty(dirty: boolean): void;
  /** A document save (save/saveAs) succeeded. */
  saved(): void;
  /** A document save was cancelled or failed (ends a pending save-before-close). */
  saveAbandoned(): void;
}

/** Native services: dialogs and files (real ones in main.ts, fakes in tests). */
export interface ShellServices {
  readonly appVersion: string;
  newWindow(): void;
  /** Absolute path the user picked, or null when cancelled. */
  showOpenDialog(win: ShellWindow, title: string, filters: FileFilter[]): Promise<string | null>;
  showSaveDialog(
    win: ShellWindow,
    title: string,
    defaultName: string,
    filters: FileFilter[],
  ): Promise<string | null>;
  /** Reads at most `maxBytes` (else an 'io/read' LoomError). */
  readFile(file: string, maxBytes: number): Promise<Uint8Array>;
  /** Atomic write (see files/atomic.ts). */
  writeFile(file: string, data: string | Uint8Array, backup: boolean): Promise<void>;
  /** Remembers a project path in Open Recent. */
  addRecent(file: string): void;
}

type Result<M extends InvokeMethod> = Awaited<ReturnType<LayerloomBridge[M]>>;

/** A handler: the window, then the method's arguments exactly as typed in api.ts. */
export type Handler<M extends InvokeMethod> = (
  win: ShellWindow,
  ...args: Parameters<LayerloomBridge[M]>
) => Promise<Result<M>>;

/** One handler per bridge method. */
export type HandlerRegistry = { readonly [M in InvokeMethod]: Handler<M> };

/** Decodes a project file's bytes as strict UTF-8 (a BOM is dropped). */
export function decodeProjectText(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new LoomError(
      'io/read',
      'the file is not UTF-8 text, so it cannot be a Layerloom project',
      { file },
      'Open a .loom file saved by Layerloom.',
    );
  }
}

/** Reads a project file and hands the window a handle to it. */
export async function openProjectFile(
  services: ShellServices,
  win: ShellWindow,
  file: string,
): Promise<OpenedFile> {
  const text = decodeProjectText(await services.readFile(file, MAX_PROJECT_FILE_BYTES), file);
  services.addRecent(file);
  return { handle: win.handles.register(file), name: path.basename(file), text };
}

/** Builds the handler registry over `services`. */
export function createHandlers(services: ShellServices): HandlerRegistry {
  async function saveDocument(win: ShellWindow, file: string, text: string): Promise<FileRef> {
    try {
      await services.writeFile(file, text, true);
    } catch (e) {
      win.saveAbandoned();
      throw e;
    }
    services.addRecent(file);
    await win.recovery.clear();
    win.saved();
    return { handle: win.handles.register(file), name: path.basename(file) };
  }

  return {
    version: async () => services.appVersion,
    newWindow: async () => services.newWindow(),
    open: async (win) => {
      const file = await services.showOpenDialog(win, 'Open Project', [PROJECT_FILTER]);
      return file === null ? null : openProjectFile(services, win, file);
    },
    save: (win, handle, text) => {
      let file: string;
      try {
        file = win.handles.resolve(handle);
      } catch (e) {
        win.saveAbandoned();
        throw e;
      }
      return saveDocument(win, file, text);
    },
    saveAs: async (win, suggestedName, text) => {
      const picked = await services.showSaveDialog(
        win,
        'Save Project As',
        suggestedFileName(suggestedName, 'loom'),
        [PROJECT_FILTER],
      );
      if (picked === null) {
        win.saveAbandoned();
        return null;
      }
      return saveDocument(win, ensureExtension(picked, 'loom'), text);
    },
    exportFile: async (win, format: ExportFormat, suggestedName, bytes) => {
      const filter = EXPORT_FILTERS[format];
      const ext = filter.extensions[0] ?? format;
      const picked = await services.showSaveDialog(
        win,
        `Export ${filter.name}`,
        suggestedFileName(suggestedName, ext),
        [filter],
      );
      if (picked === null) return null;
      const file = ensureExtension(picked, ext);
      await services.writeFile(file, bytes, false);
      return { name: path.basename(file) };
    },
    importFile: async (win, kinds: readonly ImportKind[]): Promise<ImportedFile | null> => {
      const file = await services.showOpenDialog(win, 'Import', importFilters(kinds));
      if (file === null) return null;
      const bytes = await services.readFile(file, MAX_IMPORT_FILE_BYTES);
      return { name: path.basename(file), bytes };
    },
    writeRecovery: async (win, text) => win.recovery.write(win.title, text),
    readRecovery: (win) => win.recovery.claim(),
    clearRecovery: (win) => win.recovery.clear(),
    setTitle: async (win, title) => win.setTitle(title),
    setDirty: async (win, dirty) => win.setDirty(dirty),
  };
}
