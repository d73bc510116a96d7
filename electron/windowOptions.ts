// The BrowserWindow options. The webPreferences are the secure set required by shared/DESIGN.md;
// the unit test pins them so a weakened flag fails CI.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import path from 'node:path';
import { LoomError } from '../engine/errors.ts';
import { DEFAULT_WINDOW_STATE, MIN_SIZE, type WindowState } from './files/windowState.ts';

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

/**
 * Options for a project window; `preloadPath` must be absolute (Electron requires it). `placement`
 * is a remembered size/position already fitted to the displays (files/windowState.ts).
 */
export function mainWindowOptions(
  preloadPath: string,
  placement?: WindowState,
): BrowserWindowConstructorOptions {
  if (!path.isAbsolute(preloadPath)) {
    throw new LoomError(
      'internal',
      `preload path '${preloadPath}' is not absolute`,
      { path: preloadPath },
      'Pass an absolute path, e.g. path.join(app.getAppPath(), "electron/dist/preload.cjs").',
    );
  }
  return {
    width: placement?.width ?? DEFAULT_WINDOW_STATE.width,
    height: placement?.height ?? DEFAULT_WINDOW_STATE.height,
    ...(placement?.x !== undefined && placement.y !== undefined
      ? { x: placement.x, y: placement.y }
      : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Layerloom',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  };
}
