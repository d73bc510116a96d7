// Electron main process. Kept thin: every security decision lives in a pure, unit-tested module
// (windowOptions, csp, protocol, navigation, ipc); this file only wires them to Electron.
import { app, BrowserWindow, ipcMain, protocol, session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { IPC_CHANNELS } from './channels.ts';
import { assertTrustedSender, parseIpcArgs } from './ipc.ts';
import { isAllowedNavigation } from './navigation.ts';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_DEFINITION,
  createAppProtocolHandler,
} from './protocol.ts';
import { mainWindowOptions } from './windowOptions.ts';

// Must happen before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

/** Denies new windows, off-origin navigation in any frame, and <webview>. */
function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function registerIpc(): void {
  ipcMain.handle(IPC_CHANNELS.version, (event, ...args: unknown[]) => {
    assertTrustedSender(IPC_CHANNELS.version, event.senderFrame?.url);
    parseIpcArgs(IPC_CHANNELS.version, args);
    return app.getVersion();
  });
}

function createWindow(): BrowserWindow {
  const preload = path.join(app.getAppPath(), 'electron', 'dist', 'preload.cjs');
  const win = new BrowserWindow(mainWindowOptions(preload));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  const root = path.join(app.getAppPath(), 'dist', 'renderer');
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root, readFile));
  registerIpc();
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  start().catch((error: unknown) => {
    console.error('Layerloom failed to start:', error);
    app.exit(1);
  });
}
