import { describe, expect, it } from 'vitest';
import { isLoomError } from '../engine/errors.ts';
import { mainWindowOptions, SECURE_WEB_PREFERENCES } from './windowOptions.ts';

describe('mainWindowOptions', () => {
  const preload = '/opt/layerloom/electron/dist/preload.cjs';

  it('uses exactly the secure webPreferences plus the preload', () => {
    expect(mainWindowOptions(preload).webPreferences).toEqual({
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
      preload,
    });
  });

  it('keeps the shared secure set unchanged by building a window', () => {
    mainWindowOptions(preload);
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('preload');
    expect(SECURE_WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(SECURE_WEB_PREFERENCES.sandbox).toBe(true);
    expect(SECURE_WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(SECURE_WEB_PREFERENCES.webSecurity).toBe(true);
  });

  it('titles the window and shows it only when ready', () => {
    const options = mainWindowOptions(preload);
    expect(options.title).toBe('Layerloom');
    expect(options.show).toBe(false);
  });

  it('rejects a relative preload path with a LoomError', () => {
    let caught: unknown;
    try {
      mainWindowOptions('electron/dist/preload.cjs');
    } catch (e) {
      caught = e;
    }
    expect(isLoomError(caught)).toBe(true);
    expect((caught as Error).message).toContain('electron/dist/preload.cjs');
  });

  it('applies a remembered size and position, and keeps the secure set with one', () => {
    const placed = mainWindowOptions(preload, {
      x: 40,
      y: 30,
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect([placed.x, placed.y, placed.width, placed.height]).toEqual([40, 30, 1000, 700]);
    expect(placed.webPreferences).toEqual(mainWindowOptions(preload).webPreferences);
    const unplaced = mainWindowOptions(preload, { width: 900, height: 600, maximized: true });
    expect('x' in unplaced || 'y' in unplaced).toBe(false);
    expect([unplaced.width, unplaced.height]).toEqual([900, 600]);
  });
});
