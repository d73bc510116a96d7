// Project windows: each BrowserWindow with its handle table, recovery slot and close state. Thin
// glue: decisions come from closeFlow.ts, windowState.ts and windowOptions.ts.
import { BrowserWindow, dialog, type WebContents } from 'electron';
import type { MenuCommand, OpenedFile } from './api.ts';
import { EVENT_CHANNELS } from './channels.ts';
import {
  choiceFromResponse,
  closeReducer,
  INITIAL_CLOSE_STATE,
  unsavedChangesPrompt,
  windowTitle,
  type CloseEvent,
  type CloseState,
} from './closeFlow.ts';
import { HandleTable } from './files/handles.ts';
import { RecoverySlot, type RecoveryStore } from './files/recovery.ts';
import type { WindowState } from './files/windowState.ts';
import { stateFromBounds } from './files/windowState.ts';
import type { ShellWindow } from './handlers.ts';
import { APP_ENTRY_URL } from './protocol.ts';
import { mainWindowOptions } from './windowOptions.ts';

/** Settings shared by all windows. */
export interface WindowEnvironment {
  readonly preloadPath: string;
  readonly platform: NodeJS.Platform;
  readonly recovery: RecoveryStore;
  readonly onError: (context: string, error: unknown) => void;
  /** Runs a background write that quitting must wait for. */
  readonly track: (context: string, write: Promise<void>) => void;
  /** Called with the window's last normal bounds when it closes. */
  readonly rememberState: (state: WindowState) => void;
}

/** One project window. */
export class ProjectWindow implements ShellWindow {
  readonly handles = new HandleTable();
  readonly recovery: RecoverySlot;
  readonly browserWindow: BrowserWindow;
  #title = 'Untitled';
  #close: CloseState = INITIAL_CLOSE_STATE;
  #loaded = false;
  readonly #pendingOpens: OpenedFile[] = [];

  constructor(
    private readonly env: WindowEnvironment,
    placement: WindowState | undefined,
  ) {
    this.browserWindow = new BrowserWindow(mainWindowOptions(env.preloadPath, placement));
    const win = this.browserWindow;
    this.recovery = new RecoverySlot(env.recovery, `w${win.id}`, (e) =>
      env.onError('crash-recovery backup', e),
    );
    if (placement?.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    // The window title is the shell's (document name + dirty marker), not the page's <title>.
    win.on('page-title-updated', (event) => event.preventDefault());
    win.webContents.on('did-finish-load', () => {
      this.#loaded = true;
      for (const file of this.#pendingOpens.splice(0)) this.#send(EVENT_CHANNELS.fileOpened, file);
    });
    win.on('close', (event) => {
      const effects = this.#dispatch({ type: 'close-requested' });
      if (effects.includes('prevent-close')) event.preventDefault();
      else env.rememberState(stateFromBounds(win.getNormalBounds(), win.isMaximized()));
    });
    this.#applyTitle();
    void win.loadURL(APP_ENTRY_URL);
  }

  get title(): string {
    return this.#title;
  }

  get dirty(): boolean {
    return this.#close.dirty;
  }

  get webContents(): WebContents {
    return this.browserWindow.webContents;
  }

  setTitle(title: string): void {
    this.#title = title;
    this.#applyTitle();
  }

  setDirty(dirty: boolean): void {
    this.#dispatch({ type: 'dirty', dirty });
    this.browserWindow.setDocumentEdited(dirty);
    this.#applyTitle();
  }

  saved(): void {
    this.#dispatch({ type: 'saved' });
    this.browserWindow.setDocumentEdited(false);
    this.#applyTitle();
  }

  saveAbandoned(): void {
    this.#dispatch({ type: 'save-abandoned' });
  }

  /** Sends a menu command to the renderer. */
  sendCommand(command: MenuCommand): void {
    this.#send(EVENT_CHANNELS.menuCommand, command);
  }

  /** Hands the renderer a file opened from outside; queued until the page has loaded. */
  sendOpened(file: OpenedFile): void {
    if (this.#loaded) this.#send(EVENT_CHANNELS.fileOpened, file);
    else this.#pendingOpens.push(file);
  }

  /** Brings the window to the front. */
  focus(): void {
    if (this.browserWindow.isMinimized()) this.browserWindow.restore();
    this.browserWindow.focus();
  }

  #send(channel: string, payload: unknown): void {
    if (!this.browserWindow.isDestroyed()) this.webContents.send(channel, payload);
  }

  #applyTitle(): void {
    if (this.browserWindow.isDestroyed()) return;
    this.browserWindow.setTitle(windowTitle(this.#title, this.#close.dirty, this.env.platform));
  }

  #dispatch(event: CloseEvent): string[] {
    const { state, effects } = closeReducer(this.#close, event);
    this.#close = state;
    for (const effect of effects) {
      if (effect === 'show-prompt') void this.#prompt();
      else if (effect === 'ask-renderer-to-save') this.sendCommand('app:save-before-close');
      else if (effect === 'clear-recovery') {
        this.env.track('clearing a crash-recovery backup', this.recovery.clear());
      } else if (effect === 'close-window') setImmediate(() => this.browserWindow.close());
    }
    return effects;
  }

  async #prompt(): Promise<void> {
    const { response } = await dialog.showMessageBox(
      this.browserWindow,
      unsavedChangesPrompt(this.#title),
    );
    this.#dispatch({ type: 'choice', choice: choiceFromResponse(response) });
  }
}
