// The desktop shell's state in the main process: open windows, Open Recent, the menu, and the
// services IPC handlers use. Glue only; the decisions live in the pure modules it calls.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  shell as electronShell,
  screen,
  type WebContents,
} from 'electron';
import path from 'node:path';
import { isLoomError } from '../engine/errors.ts';
import { INVOKE_CHANNELS } from './channels.ts';
import { atomicSave } from './files/atomic.ts';
import { PROJECT_FILTER } from './files/dialogFilters.ts';
import { chooseWindowForOpen } from './files/openTarget.ts';
import { readFileLimited } from './files/readLimited.ts';
import { addRecent, loadRecent, removeRecent, saveRecent } from './files/recentFiles.ts';
import { RecoveryStore } from './files/recovery.ts';
import {
  fitToDisplays,
  loadWindowState,
  saveWindowState,
  type WindowState,
} from './files/windowState.ts';
import {
  createHandlers,
  openProjectFile,
  type ShellServices,
  type ShellWindow,
} from './handlers.ts';
import { guardAll } from './ipc.ts';
import { buildMenuTemplate, DOCS_URL, type MenuAction } from './menu.ts';
import { ProjectWindow } from './windows.ts';

/** Where the shell keeps its files inside userData. */
export function shellPaths(userData: string) {
  return {
    recent: path.join(userData, 'recent-files.json'),
    windowState: path.join(userData, 'window-state.json'),
    recovery: path.join(userData, 'recovery'),
  };
}

/** Offset of each further window from the previous one, so they do not stack exactly. */
const CASCADE = 24;

/** Owns every project window and what they share. */
export class DesktopShell {
  readonly #windows = new Map<number, ProjectWindow>();
  readonly #paths = shellPaths(app.getPath('userData'));
  readonly #recovery: RecoveryStore;
  #recent: string[] = [];
  #windowState: WindowState | null = null;
  #lastDir: string | null = null;
  readonly #writes = new Set<Promise<void>>();
  /** The window the user used last, even while another app has the focus. */
  #lastFocusedId: number | null = null;

  constructor(private readonly preloadPath: string) {
    const sessionId = `${Date.now().toString(36)}-${process.pid.toString(36)}`;
    this.#recovery = new RecoveryStore(this.#paths.recovery, sessionId);
  }

  /** Loads settings, registers IPC and the menu. Call once, after `ready`. */
  async start(): Promise<void> {
    this.#recent = await loadRecent(this.#paths.recent, process.platform);
    this.#windowState = await loadWindowState(this.#paths.windowState);
    const guarded = guardAll(createHandlers(this.#services()));
    for (const [method, handler] of Object.entries(guarded)) {
      ipcMain.handle(INVOKE_CHANNELS[method as keyof typeof INVOKE_CHANNELS], (event, ...args) =>
        handler(
          { frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame?.parent === null },
          this.#fromContents(event.sender),
          args,
        ),
      );
    }
    this.#rebuildMenu();
  }

  /** Opens a new, empty project window. */
  newWindow(): ProjectWindow {
    const displays = screen.getAllDisplays().map((d) => d.workArea);
    let placement = this.#windowState ? fitToDisplays(this.#windowState, displays) : undefined;
    const focused = this.#focused();
    if (placement && focused) {
      const [x, y] = focused.browserWindow.getPosition();
      placement = fitToDisplays({ ...placement, x: x + CASCADE, y: y + CASCADE }, displays);
    }
    const win = new ProjectWindow(
      {
        preloadPath: this.preloadPath,
        platform: process.platform,
        recovery: this.#recovery,
        onError: (context, e) => console.error(`Layerloom: ${context} failed:`, e),
        track: (context, write) => this.#track(context, write),
        rememberState: (state) => {
          this.#windowState = state;
          this.#track('saving the window state', saveWindowState(this.#paths.windowState, state));
        },
      },
      placement,
    );
    const id = win.browserWindow.id;
    this.#windows.set(id, win);
    this.#lastFocusedId = id;
    win.browserWindow.on('focus', () => (this.#lastFocusedId = id));
    win.browserWindow.on('closed', () => {
      this.#windows.delete(id);
      if (this.#lastFocusedId === id) this.#lastFocusedId = null;
    });
    return win;
  }

  /** Focuses a window, creating one when there is none (second instance, macOS dock click). */
  showSomeWindow(): void {
    const win = this.#focused() ?? [...this.#windows.values()][0] ?? this.newWindow();
    win.focus();
  }

  /** Opens a project from outside (command line, OS, Open Recent) in a suitable window. */
  async openPath(file: string): Promise<void> {
    // A file opened from the OS arrives while the file manager has the focus: use the last window.
    const focusedId = BrowserWindow.getFocusedWindow()?.id ?? this.#lastFocusedId;
    const candidates = [...this.#windows.values()].map((w) => ({
      id: w.browserWindow.id,
      dirty: w.dirty,
    }));
    const target = chooseWindowForOpen(candidates, focusedId);
    const win = target === 'new' ? this.newWindow() : this.#windows.get(target);
    if (!win) return;
    try {
      win.sendOpened(await openProjectFile(this.#services(), win, file));
      win.focus();
    } catch (e) {
      if (isLoomError(e) && e.code === 'io/read') this.#forgetRecent(file);
      dialog.showErrorBox('Could not open the project', e instanceof Error ? e.message : String(e));
    }
  }

  async #openWithoutWindow(): Promise<void> {
    const r = await dialog.showOpenDialog({
      title: 'Open Project',
      filters: [PROJECT_FILTER],
      properties: ['openFile'],
    });
    const file = r.canceled ? undefined : r.filePaths[0];
    if (file !== undefined) await this.openPath(file);
  }

  /** Waits for background settings writes (recent files, window state); call before quitting. */
  async flush(): Promise<void> {
    while (this.#writes.size > 0) await Promise.all([...this.#writes]);
  }

  #track(what: string, write: Promise<void>): void {
    const tracked = write.catch((e: unknown) => console.error(`Layerloom: ${what} failed:`, e));
    this.#writes.add(tracked);
    void tracked.finally(() => this.#writes.delete(tracked));
  }

  #focused(): ProjectWindow | undefined {
    const focused = BrowserWindow.getFocusedWindow();
    return focused ? this.#windows.get(focused.id) : undefined;
  }

  #fromContents(contents: WebContents): ProjectWindow | undefined {
    const win = BrowserWindow.fromWebContents(contents);
    return win ? this.#windows.get(win.id) : undefined;
  }

  #browserWindowOf(win: ShellWindow): BrowserWindow | undefined {
    return win instanceof ProjectWindow ? win.browserWindow : undefined;
  }

  #services(): ShellServices {
    const parentOf = (win: ShellWindow) => this.#browserWindowOf(win);
    const defaultDir = () => this.#lastDir ?? app.getPath('documents');
    const remember = (file: string) => {
      this.#lastDir = path.dirname(file);
      return file;
    };
    return {
      appVersion: app.getVersion(),
      newWindow: () => void this.newWindow(),
      showOpenDialog: async (win, title, filters) => {
        const options = {
          title,
          filters,
          defaultPath: defaultDir(),
          properties: ['openFile' as const],
        };
        const parent = parentOf(win);
        const r = parent
          ? await dialog.showOpenDialog(parent, options)
          : await dialog.showOpenDialog(options);
        const file = r.canceled ? undefined : r.filePaths[0];
        return file === undefined ? null : remember(file);
      },
      showSaveDialog: async (win, title, defaultName, filters) => {
        const options = {
          title,
          filters,
          defaultPath: path.join(defaultDir(), defaultName),
          properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
        };
        const parent = parentOf(win);
        const r = parent
          ? await dialog.showSaveDialog(parent, options)
          : await dialog.showSaveDialog(options);
        return r.canceled || !r.filePath ? null : remember(r.filePath);
      },
      readFile: readFileLimited,
      writeFile: (file, data, backup) => atomicSave(file, data, { backup }),
      addRecent: (file) => {
        this.#recent = addRecent(this.#recent, file, process.platform);
        app.addRecentDocument(file);
        this.#recentChanged();
      },
    };
  }

  #forgetRecent(file: string): void {
    this.#recent = removeRecent(this.#recent, file, process.platform);
    this.#recentChanged();
  }

  #recentChanged(): void {
    this.#track('saving recent files', saveRecent(this.#paths.recent, this.#recent));
    this.#rebuildMenu();
  }

  #rebuildMenu(): void {
    const template = buildMenuTemplate(
      {
        platform: process.platform,
        appName: app.getName(),
        recentFiles: this.#recent,
        isDev: !app.isPackaged,
        darkMode: nativeTheme.shouldUseDarkColors,
      },
      (action) => this.#onMenu(action),
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  #onMenu(action: MenuAction): void {
    switch (action.kind) {
      case 'command': {
        const win = this.#focused();
        if (win) win.sendCommand(action.command);
        // With no window (macOS keeps running), a fresh page could miss the command: act here.
        else if (action.command === 'menu:new') this.newWindow();
        else if (action.command === 'menu:open') void this.#openWithoutWindow();
        return;
      }
      case 'newWindow':
        this.newWindow();
        return;
      case 'openRecent':
        void this.openPath(action.path);
        return;
      case 'clearRecent':
        this.#recent = [];
        app.clearRecentDocuments();
        this.#recentChanged();
        return;
      case 'toggleDarkMode':
        nativeTheme.themeSource = nativeTheme.shouldUseDarkColors ? 'light' : 'dark';
        this.#rebuildMenu();
        return;
      case 'about':
        void dialog.showMessageBox({
          type: 'info',
          title: `About ${app.getName()}`,
          message: `${app.getName()} ${app.getVersion()}`,
          detail:
            'Build, train and inspect neural networks on a canvas.\n' +
            `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
        });
        return;
      case 'docs':
        void electronShell.openExternal(DOCS_URL);
        return;
    }
  }
}
