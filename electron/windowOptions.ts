// The BrowserWindow options. The webPreferences are the secure set required by shared/DESIGN.md;
// the unit test pins them so a weakened flag fails CI.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import path from 'node:path';
import { LoomError } from '../engine/errors.ts';

/** Security-relevant webPreferences, identical for every window. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const satisfies WebPreferences;

/** Options for the main window; `preloadPath` must be absolute (Electron requires it). */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  if (!path.isAbsolute(preloadPath)) {
    throw new LoomError(
      'internal',
      `preload path '${preloadPath}' is not absolute`,
      { path: preloadPath },
      'Pass an absolute path, e.g. path.join(app.getAppPath(), "electron/dist/preload.cjs").',
    );
  }
  return {
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Layerloom',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  };
}
