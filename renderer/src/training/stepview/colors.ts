// Colour scales for the Step view's heatmaps and tables and the histogram chart, as 256-entry RGBA
// lookup tables so painting a 784×512 tensor is one tight loop of table reads. The diverging scale
// is symmetric around 0 (index 127.5 is zero); its middle is the theme's background so zero reads as
// "nothing" in both light and dark themes.

/** An RGB triple (0–255). */
export type Rgb = readonly [number, number, number];

/** Entries in a lookup table. */
export const LUT_SIZE = 256;

/** Non-finite values are painted in this colour (on every scale). */
export const NAN_RGB: Rgb = [255, 0, 255];

/** Diverging stops (most negative → most positive) for light and dark themes. */
const DIVERGING: Record<'light' | 'dark', Rgb[]> = {
  light: [
    [33, 102, 172],
    [146, 197, 222],
    [247, 247, 247],
    [244, 165, 130],
    [178, 24, 43],
  ],
  dark: [
    [122, 182, 240],
    [45, 94, 140],
    [29, 33, 40],
    [150, 62, 48],
    [250, 148, 110],
  ],
};

/** Sequential stops (viridis-like), readable on both themes. */
const SEQUENTIAL: Rgb[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** A LUT_SIZE × RGBA table interpolating evenly spaced colour stops. */
export function lutFromStops(stops: Rgb[]): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(LUT_SIZE * 4);
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = (i / (LUT_SIZE - 1)) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(t));
    const f = t - k;
    for (let c = 0; c < 3; c++)
      lut[i * 4 + c] = Math.round(stops[k][c] * (1 - f) + stops[k + 1][c] * f);
    lut[i * 4 + 3] = 255;
  }
  return lut;
}

const luts = new Map<string, Uint8ClampedArray>();

/** The diverging (negative blue, positive red) table for a theme. */
export function divergingLut(dark: boolean): Uint8ClampedArray {
  const key = dark ? 'div-dark' : 'div-light';
  let lut = luts.get(key);
  if (!lut) luts.set(key, (lut = lutFromStops(DIVERGING[dark ? 'dark' : 'light'])));
  return lut;
}

/** The sequential (low → high) table. */
export function sequentialLut(): Uint8ClampedArray {
  let lut = luts.get('seq');
  if (!lut) luts.set('seq', (lut = lutFromStops(SEQUENTIAL)));
  return lut;
}

/** Table index of `v` on a diverging scale of ±scale (clamped), or -1 when v is not finite. */
export function divergingIndex(v: number, scale: number): number {
  if (!Number.isFinite(v)) return -1;
  const t = scale > 0 ? v / scale : 0;
  const c = t < -1 ? -1 : t > 1 ? 1 : t;
  return Math.round((c + 1) * 0.5 * (LUT_SIZE - 1));
}

/**
 * Paints `values` into RGBA pixels (one per value, same order) on a diverging scale of ±scale.
 * `out` must hold values.length × 4 bytes.
 */
export function paintDiverging(
  values: ArrayLike<number>,
  scale: number,
  lut: Uint8ClampedArray,
  out: Uint8ClampedArray,
): void {
  const k = scale > 0 ? (0.5 * (LUT_SIZE - 1)) / scale : 0;
  const mid = 0.5 * (LUT_SIZE - 1);
  const top = LUT_SIZE - 1;
  for (let i = 0, o = 0; i < values.length; i++, o += 4) {
    const v = values[i];
    if (v !== v || v === Infinity || v === -Infinity) {
      out[o] = NAN_RGB[0];
      out[o + 1] = NAN_RGB[1];
      out[o + 2] = NAN_RGB[2];
      out[o + 3] = 255;
      continue;
    }
    let j = Math.round(mid + v * k);
    if (j < 0) j = 0;
    else if (j > top) j = top;
    j <<= 2;
    out[o] = lut[j];
    out[o + 1] = lut[j + 1];
    out[o + 2] = lut[j + 2];
    out[o + 3] = 255;
  }
}

/** The table entry as an rgb() CSS colour (index -1: the non-finite colour). */
export function lutCss(lut: Uint8ClampedArray, index: number): string {
  if (index < 0) return `rgb(${NAN_RGB.join(', ')})`;
  const j = index * 4;
  return `rgb(${lut[j]}, ${lut[j + 1]}, ${lut[j + 2]})`;
}

/** Whether dark text reads better than light text on the table entry. */
export function darkTextOn(lut: Uint8ClampedArray, index: number): boolean {
  const [r, g, b] = index < 0 ? NAN_RGB : [lut[index * 4], lut[index * 4 + 1], lut[index * 4 + 2]];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140;
}

/** A CSS linear-gradient (left → right) through the table, for a colour-scale legend. */
export function lutGradient(lut: Uint8ClampedArray, steps = 9): string {
  const parts: string[] = [];
  for (let i = 0; i < steps; i++) {
    const index = Math.round((i / (steps - 1)) * (LUT_SIZE - 1));
    parts.push(`${lutCss(lut, index)} ${((i / (steps - 1)) * 100).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${parts.join(', ')})`;
}
