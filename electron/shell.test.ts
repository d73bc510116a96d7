// The main-process glue (shell.ts + windows.ts) against a fake `electron` module, since the real
// binary is not available everywhere: IPC registration, sender checks, saving, the close prompt,
// files opened from outside, menus and remembered window state — with real files in a temp dir.
import type { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcResult } from './api.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './channels.ts';

const fake = vi.hoisted(() => {
  // vi.hoisted runs before imports are bound, so the module is required here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as { EventEmitter: typeof EventEmitter };
  let nextId = 1;
  class FakeWebContents extends Emitter {
    readonly sent: Array<[string, unknown]> = [];
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }
  class FakeBrowserWindow extends Emitter {
    static all: FakeBrowserWindow[] = [];
    static focused: FakeBrowserWindow | null = null;
    static getFocusedWindow = () => FakeBrowserWindow.focused;
    static getAllWindows = () => FakeBrowserWindow.all;
    static fromWebContents = (wc: unknown) =>
      FakeBrowserWindow.all.find((w) => w.webContents === wc) ?? null;
    readonly id = nextId++;
    readonly webContents = new FakeWebContents();
    title = '';
    edited = false;
    destroyed = false;
    maximized = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.all.push(this);
      FakeBrowserWindow.focused = this;
    }
    loadURL = async (url: string) => {
      this.url = url;
      this.webContents.emit('did-finish-load');
    };
    url = '';
    setTitle(t: string) {
      this.title = t;
    }
    getTitle() {
      return this.title;
    }
    setDocumentEdited(e: boolean) {
      this.edited = e;
    }
    isDestroyed() {
      return this.destroyed;
    }
    show() {}
    focus() {
      FakeBrowserWindow.focused = this;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    getPosition() {
      return [(this.options.x as number) ?? 0, (this.options.y as number) ?? 0];
    }
    getNormalBounds() {
      return {
        x: (this.options.x as number) ?? 10,
        y: (this.options.y as number) ?? 20,
        width: this.options.width as number,
        height: this.options.height as number,
      };
    }
    close() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      this.destroyed = true;
      FakeBrowserWindow.all = FakeBrowserWindow.all.filter((w) => w !== this);
      if (FakeBrowserWindow.focused === this) FakeBrowserWindow.focused = null;
      this.emit('closed');
    }
  }
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const menu = { current: null as null | { template: unknown[] } };
  return {
    FakeBrowserWindow,
    handlers,
    menu,
    userData: { dir: '' },
    dialog: {
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
      showMessageBox: vi.fn(),
      showErrorBox: vi.fn(),
    },
    recentDocs: [] as string[],
  };
});

vi.mock('electron', () => ({
  app: {
    getPath: () => fake.userData.dir,
    getVersion: () => '1.2.3',
    getName: () => 'Layerloom',
    isPackaged: false,
    addRecentDocument: (p: string) => fake.recentDocs.push(p),
    clearRecentDocuments: () => (fake.recentDocs.length = 0),
  },
  BrowserWindow: fake.FakeBrowserWindow,
  dialog: fake.dialog,
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
      if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      fake.handlers.set(channel, fn);
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu: (m: { template: unknown[] }) => (fake.menu.current = m),
  },
  nativeTheme: { shouldUseDarkColors: false, themeSource: 'system' },
  shell: { openExternal: vi.fn() },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
}));

const { DesktopShell } = await import('./shell.ts');

type Win = InstanceType<typeof fake.FakeBrowserWindow>;
let work: string;

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'loom-shell-'));
  fake.userData.dir = path.join(work, 'userData');
  fake.handlers.clear();
  fake.FakeBrowserWindow.all = [];
  fake.FakeBrowserWindow.focused = null;
  for (const fn of Object.values(fake.dialog)) fn.mockReset();
});
afterEach(async () => {
  for (const shell of shells.splice(0)) await shell.flush();
  rmSync(work, { recursive: true, force: true });
});

const shells: Array<InstanceType<typeof DesktopShell>> = [];
async function started() {
  const shell = new DesktopShell('/opt/layerloom/electron/dist/preload.cjs');
  await shell.start();
  shells.push(shell);
  return shell;
}

/** Calls a channel as the renderer of `win` would, from its top app:// frame by default. */
async function invoke(
  win: Win,
  channel: string,
  args: unknown[],
  frame = { url: 'app://layerloom/index.html', parent: null as unknown },
): Promise<IpcResult<unknown>> {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return (await handler(
    { senderFrame: frame, sender: win.webContents },
    ...args,
  )) as IpcResult<unknown>;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('DesktopShell', () => {
  it('registers exactly one handler per channel in channels.ts', async () => {
    await started();
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('opens a secure window on app:// and answers the version', async () => {
    const shell = await started();
    const win = shell.newWindow().browserWindow as unknown as Win;
    expect(win.url).toBe('app://layerloom/index.html');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(await invoke(win, 'app:version', [])).toEqual({ ok: true, value: '1.2.3' });
  });

  it('refuses iframes and foreign origins before any handler runs', async () => {
    const shell = await started();
    const win = shell.newWindow().browserWindow as unknown as Win;
    const iframe = await invoke(win, 'app:version', [], {
      url: 'app://layerloom/index.html',
      parent: {},
    });
    const foreign = await invoke(win, 'file:open', [], {
      url: 'https://evil.example/',
      parent: null,
    });
    expect([iframe.ok, foreign.ok]).toEqual([false, false]);
    expect(!foreign.ok && foreign.error.code).toBe('ipc/sender');
    expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('saveAs → save: atomic files, recent list, title with dirty marker', async () => {
    const shell = await started();
    const win = shell.newWindow().browserWindow as unknown as Win;
    const file = path.join(work, 'net.loom');
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: file });
    await invoke(win, 'window:setTitle', ['net.loom']);
    await invoke(win, 'window:setDirty', [true]);
    expect(win.title).toMatch(/net\.loom — Layerloom$/);
    expect(win.edited).toBe(true);
    const r = await invoke(win, 'file:saveAs', ['net', '{"v":1}']);
    expect(r).toMatchObject({ ok: true, value: { name: 'net.loom' } });
    const handle = (r as { value: { handle: string } }).value.handle;
    expect(await invoke(win, 'file:save', [handle, '{"v":2}'])).toMatchObject({ ok: true });
    expect(readFileSync(file, 'utf8')).toBe('{"v":2}');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('{"v":1}');
    expect(win.edited).toBe(false);
    expect(fake.recentDocs).toContain(file);
    await shell.flush();
    const recent = JSON.parse(
      readFileSync(path.join(fake.userData.dir, 'recent-files.json'), 'utf8'),
    );
    expect(recent.files).toEqual([file]);
  });

  it('a clean window closes at once; a dirty one prompts and Cancel keeps it', async () => {
    const shell = await started();
    const clean = shell.newWindow().browserWindow as unknown as Win;
    clean.close();
    expect(clean.destroyed).toBe(true);

    const dirty = shell.newWindow().browserWindow as unknown as Win;
    await invoke(dirty, 'window:setDirty', [true]);
    fake.dialog.showMessageBox.mockResolvedValue({ response: 2 });
    dirty.close();
    await tick();
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(dirty.destroyed).toBe(false);
  });

  it('Save on close asks the renderer to save, then closes after the save', async () => {
    const shell = await started();
    const pw = shell.newWindow();
    const win = pw.browserWindow as unknown as Win;
    const file = path.join(work, 'a.loom');
    writeFileSync(file, 'old');
    const handle = pw.handles.register(file);
    await invoke(win, 'window:setDirty', [true]);
    fake.dialog.showMessageBox.mockResolvedValue({ response: 0 });
    win.close();
    await tick();
    expect(win.webContents.sent).toContainEqual([
      EVENT_CHANNELS.menuCommand,
      'app:save-before-close',
    ]);
    expect(win.destroyed).toBe(false);
    await invoke(win, 'file:save', [handle, 'new']);
    await tick();
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(win.destroyed).toBe(true);
  });

  it("Don't Save closes and deletes the crash backup", async () => {
    const shell = await started();
    const pw = shell.newWindow();
    const win = pw.browserWindow as unknown as Win;
    await invoke(win, 'window:setDirty', [true]);
    await invoke(win, 'recovery:write', ['{"x":1}']);
    await pw.recovery.flush();
    const dir = path.join(fake.userData.dir, 'recovery');
    expect(existsSync(dir) && readdirSync(dir).length).toBe(1);
    fake.dialog.showMessageBox.mockResolvedValue({ response: 1 });
    win.close();
    await tick();
    await tick();
    await pw.recovery.flush();
    expect(win.destroyed).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('opens a file from outside in the clean focused window, else a new one', async () => {
    const shell = await started();
    const file = path.join(work, 'outside.loom');
    writeFileSync(file, '{"o":1}');
    const first = shell.newWindow().browserWindow as unknown as Win;
    await shell.openPath(file);
    const [channel, payload] = first.webContents.sent.at(-1)!;
    expect(channel).toBe(EVENT_CHANNELS.fileOpened);
    expect(payload).toMatchObject({ name: 'outside.loom', text: '{"o":1}' });
    expect(JSON.stringify(payload)).not.toContain(work);

    await invoke(first, 'window:setDirty', [true]);
    await shell.openPath(file);
    expect(fake.FakeBrowserWindow.all.length).toBe(2);
    const second = fake.FakeBrowserWindow.all[1]!;
    expect(second.webContents.sent.at(-1)?.[0]).toBe(EVENT_CHANNELS.fileOpened);
  });

  it('a file from the OS goes to the last used window while another app has the focus', async () => {
    const shell = await started();
    const file = path.join(work, 'os.loom');
    writeFileSync(file, '{}');
    const win = shell.newWindow().browserWindow as unknown as Win;
    fake.FakeBrowserWindow.focused = null;
    await shell.openPath(file);
    expect(fake.FakeBrowserWindow.all.length).toBe(1);
    expect(win.webContents.sent.at(-1)?.[0]).toBe(EVENT_CHANNELS.fileOpened);
  });

  it('reports an unreadable project and drops it from Open Recent', async () => {
    const shell = await started();
    shell.newWindow();
    const file = path.join(work, 'soon-gone.loom');
    writeFileSync(file, '{}');
    await shell.openPath(file);
    type Item = { id?: string; label?: string; submenu?: Item[] };
    const recentLabels = () =>
      (
        (fake.menu.current!.template as Item[])[0]!.submenu!.find((i) => i.id === 'recent')!
          .submenu ?? []
      ).map((i) => i.label);
    expect(recentLabels()).toContain(file);
    rmSync(file);
    await shell.openPath(file);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      'Could not open the project',
      expect.stringContaining('does not exist'),
    );
    expect(recentLabels()).not.toContain(file);
  });

  it('menu commands go to the focused window', async () => {
    const shell = await started();
    const win = shell.newWindow().browserWindow as unknown as Win;
    type Item = { id?: string; submenu?: Item[]; click?: () => void };
    const items = (list: Item[]): Item[] => list.flatMap((i) => [i, ...items(i.submenu ?? [])]);
    const save = items(fake.menu.current!.template as Item[]).find((i) => i.id === 'menu:save');
    save!.click!();
    expect(win.webContents.sent.at(-1)).toEqual([EVENT_CHANNELS.menuCommand, 'menu:save']);
  });

  it('remembers the window size and position for the next window', async () => {
    const shell = await started();
    const win = shell.newWindow().browserWindow as unknown as Win;
    win.options.width = 1111;
    win.options.height = 777;
    win.close();
    await shell.flush();
    const saved = JSON.parse(
      readFileSync(path.join(fake.userData.dir, 'window-state.json'), 'utf8'),
    );
    expect(saved).toMatchObject({ width: 1111, height: 777, maximized: false });
    const next = new DesktopShell('/opt/layerloom/electron/dist/preload.cjs');
    fake.handlers.clear();
    await next.start();
    const reopened = next.newWindow().browserWindow as unknown as Win;
    expect([reopened.options.width, reopened.options.height]).toEqual([1111, 777]);
  });
});
