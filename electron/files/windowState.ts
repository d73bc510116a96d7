// Remembered window size, position and maximized state (userData/window-state.json). Pure
// validation decides whether a saved position is still on a connected display; otherwise the
// window opens centred at its saved (clamped) size.
import { z } from 'zod';
import { readJson, writeJson } from './jsonStore.ts';

/** A rectangle in screen coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered about the main window. */
export interface WindowState {
  width: number;
  height: number;
  /** Absent: let the OS place the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

/** Size used on first launch or when the saved state is unusable. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
/** Smallest size the window may have (windowOptions' minWidth/minHeight). */
export const MIN_SIZE = { width: 720, height: 480 } as const;

const int = z.number().int().min(-100_000).max(100_000);
const WindowStateSchema = z.object({
  version: z.literal(1),
  width: int,
  height: int,
  x: int.optional(),
  y: int.optional(),
  maximized: z.boolean(),
});

/** How much of the title bar must lie on a display for a saved position to be kept. */
const VISIBLE_MARGIN = 64;

function overlaps(a: Rect, b: Rect): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w >= VISIBLE_MARGIN && h >= Math.min(VISIBLE_MARGIN, a.height);
}

/**
 * `state` made safe for the current displays (their work areas): size clamped to
 * [MIN_SIZE, the largest display], position dropped unless the window's top strip is visible.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return { ...DEFAULT_WINDOW_STATE };
  const maxW = Math.max(...workAreas.map((a) => a.width));
  const maxH = Math.max(...workAreas.map((a) => a.height));
  const width = Math.max(MIN_SIZE.width, Math.min(state.width, maxW));
  const height = Math.max(MIN_SIZE.height, Math.min(state.height, maxH));
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x !== undefined && state.y !== undefined) {
    const titleStrip = { x: state.x, y: state.y, width, height: VISIBLE_MARGIN };
    if (workAreas.some((a) => overlaps(titleStrip, a))) {
      fitted.x = state.x;
      fitted.y = state.y;
    }
  }
  return fitted;
}

/** The state to save for a window with `normalBounds` (its un-maximized bounds). */
export function stateFromBounds(normalBounds: Rect, maximized: boolean): WindowState {
  return {
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    maximized,
  };
}

/** Loads the saved state (DEFAULT_WINDOW_STATE when missing or invalid). */
export async function loadWindowState(file: string): Promise<WindowState> {
  const fallback = { version: 1 as const, ...DEFAULT_WINDOW_STATE };
  const { version: _version, ...state } = await readJson(file, WindowStateSchema, fallback);
  return state;
}

/** Saves `state` atomically. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeJson(file, { version: 1, ...state });
}
