import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  MIN_SIZE,
  saveWindowState,
  stateFromBounds,
  type Rect,
} from './windowState.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'loom-winstate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('fitToDisplays', () => {
  it('keeps a window that is on a connected display', () => {
    const s = { x: 100, y: 50, width: 1200, height: 700, maximized: false };
    expect(fitToDisplays(s, [laptop])).toEqual(s);
  });

  it('keeps a position on a second monitor while it is connected', () => {
    const s = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(fitToDisplays(s, [laptop, rightMonitor])).toEqual(s);
  });

  it('drops the position when that monitor is gone, and shrinks to the largest display', () => {
    const s = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(fitToDisplays(s, [laptop])).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('drops a position whose title bar is off-screen (above or too far left)', () => {
    expect(
      fitToDisplays({ x: 10, y: -300, width: 800, height: 600, maximized: false }, [laptop]).x,
    ).toBeUndefined();
    expect(
      fitToDisplays({ x: -790, y: 10, width: 800, height: 600, maximized: false }, [laptop]).x,
    ).toBeUndefined();
    expect(
      fitToDisplays({ x: -700, y: 10, width: 800, height: 600, maximized: false }, [laptop]).x,
    ).toBe(-700);
  });

  it('enforces the minimum size', () => {
    const s = fitToDisplays({ width: 10, height: 10, maximized: false }, [laptop]);
    expect([s.width, s.height]).toEqual([MIN_SIZE.width, MIN_SIZE.height]);
  });

  it('falls back to defaults with no displays', () => {
    expect(fitToDisplays({ x: 1, y: 1, width: 900, height: 900, maximized: true }, [])).toEqual(
      DEFAULT_WINDOW_STATE,
    );
  });
});

describe('stateFromBounds', () => {
  it('rounds fractional (scaled-display) bounds', () => {
    expect(stateFromBounds({ x: 10.4, y: 20.6, width: 1000.5, height: 700.2 }, true)).toEqual({
      x: 10,
      y: 21,
      width: 1001,
      height: 700,
      maximized: true,
    });
  });
});

describe('load/save', () => {
  it('round-trips', async () => {
    const file = path.join(dir, 'window-state.json');
    const s = { x: 5, y: 6, width: 1000, height: 700, maximized: true };
    await saveWindowState(file, s);
    expect(await loadWindowState(file)).toEqual(s);
  });

  it.each([
    ['missing', null],
    ['torn', '{"version":1,"wid'],
    ['NaN-ish', '{"version":1,"width":"1e999","height":700,"maximized":false}'],
    ['absurd', '{"version":1,"width":1e9,"height":700,"maximized":false}'],
    ['fractional', '{"version":1,"width":800.5,"height":700,"maximized":false}'],
  ])('gives the default when the file is %s', async (_label, content) => {
    const file = path.join(dir, 'window-state.json');
    if (content !== null) writeFileSync(file, content);
    expect(await loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
