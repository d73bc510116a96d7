// Panel sizes of the shell (palette and inspector widths, dock height): clamped to sane bounds and
// remembered in localStorage so the layout survives restarts.

/** The resizable sizes, in CSS pixels. */
export interface PanelSizes {
  palette: number;
  inspector: number;
  dock: number;
}

/** localStorage key of the remembered sizes. */
export const LAYOUT_KEY = 'layerloom.layout';

export const DEFAULT_SIZES: PanelSizes = { palette: 200, inspector: 300, dock: 240 };

/** Allowed range of each size. */
export const SIZE_LIMITS: Record<keyof PanelSizes, { min: number; max: number }> = {
  palette: { min: 140, max: 480 },
  inspector: { min: 220, max: 640 },
  dock: { min: 80, max: 720 },
};

/** A size clamped into its range (and rounded to whole pixels). */
export function clampSize(key: keyof PanelSizes, value: number): number {
  const { min, max } = SIZE_LIMITS[key];
  return Math.round(Math.min(max, Math.max(min, value)));
}

/** Reads remembered sizes; anything missing or malformed falls back to the default. */
export function loadSizes(store: Pick<Storage, 'getItem'>): PanelSizes {
  let raw: unknown;
  try {
    raw = JSON.parse(store.getItem(LAYOUT_KEY) ?? 'null');
  } catch {
    raw = null;
  }
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const pick = (key: keyof PanelSizes) =>
    typeof r[key] === 'number' && Number.isFinite(r[key])
      ? clampSize(key, r[key] as number)
      : DEFAULT_SIZES[key];
  return { palette: pick('palette'), inspector: pick('inspector'), dock: pick('dock') };
}

/** Remembers sizes (best-effort: storage errors are ignored). */
export function saveSizes(store: Pick<Storage, 'setItem'>, sizes: PanelSizes): void {
  try {
    store.setItem(LAYOUT_KEY, JSON.stringify(sizes));
  } catch {
    // A full or disabled storage only means the layout is not remembered.
  }
}
