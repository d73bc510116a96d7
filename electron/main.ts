// Electron main process. Kept thin: security decisions live in pure, unit-tested modules
// (windowOptions, csp, protocol, navigation, ipc), file safety in files/, and window/menu state in
// shell.ts; this file only wires the app's lifecycle.
import { app, BrowserWindow, protocol, session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectPathsFromArgv } from './launchArgs.ts';
import { isAllowedNavigation } from './navigation.ts';
import { APP_SCHEME, APP_SCHEME_DEFINITION, createAppProtocolHandler } from './protocol.ts';
import { DesktopShell } from './shell.ts';

// Must happen before `ready`. LAYERLOOM_USER_DATA gives tests (and portable setups) their own
// settings, recovery folder and single-instance lock.
if (process.env.LAYERLOOM_USER_DATA) app.setPath('userData', process.env.LAYERLOOM_USER_DATA);
protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
app.enableSandbox();

let shell: DesktopShell | null = null;
// Projects the OS asked to open before the shell was ready (macOS open-file, argv).
const pendingOpens: string[] = projectPathsFromArgv(process.argv, process.cwd());

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

function openProjects(files: readonly string[]): void {
  if (!shell) {
    pendingOpens.push(...files);
    return;
  }
  for (const file of files) void shell.openPath(file);
}

async function start(): Promise<void> {
  await app.whenReady();
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  const root = path.join(app.getAppPath(), 'dist', 'renderer');
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root, readFile));
  const ready = new DesktopShell(path.join(app.getAppPath(), 'electron', 'dist', 'preload.cjs'));
  await ready.start();
  shell = ready;
  const files = pendingOpens.splice(0);
  if (files.length === 0) shell.newWindow();
  else openProjects(files);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = projectPathsFromArgv(argv, workingDirectory);
    if (files.length > 0) openProjects(files);
    else shell?.showSomeWindow();
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openProjects([file]);
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  // Let settings writes (recent files, window state) finish before the process exits.
  let flushed = false;
  app.on('will-quit', (event) => {
    if (flushed || !shell) return;
    event.preventDefault();
    void shell.flush().finally(() => {
      flushed = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (shell && BrowserWindow.getAllWindows().length === 0) shell.newWindow();
  });
  start().catch((error: unknown) => {
    console.error('Layerloom failed to start:', error);
    app.exit(1);
  });
}
