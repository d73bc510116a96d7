// Whether an Input's rows are images, and turning one row into RGBA pixels for a <canvas>. An
// Input is image-like when a known shape (its own, or the dataset array bound to it) is [h, w] or
// [h, w, c], or its width is 784 (28×28), a square (side ≥ 8), or three squares (RGB). Pure.

/** Height × width × channels of one image, in row-major HWC order. */
export interface ImageLayout {
  height: number;
  width: number;
  channels: number;
}

/** Smallest side a bare square width must have to be drawn as an image (8×8 digits and up). */
export const MIN_SQUARE_SIDE = 8;

function square(n: number): number | null {
  const side = Math.round(Math.sqrt(n));
  return side * side === n && side >= MIN_SQUARE_SIDE ? side : null;
}

function fromShape(shape: readonly (number | null)[], features: number): ImageLayout | null {
  if (shape.length !== 2 && shape.length !== 3) return null;
  const [h, w, c = 1] = shape;
  if (h === null || w === null || c === null || h < 2 || w < 2 || c < 1 || c > 4) return null;
  return h * w * c === features ? { height: h, width: w, channels: c } : null;
}

/**
 * The image layout of rows of `features` values, from candidate per-sample shapes (first match
 * wins, e.g. the Input's shape then its dataset array's shape without the sample axis), else from
 * the width alone; null when the rows do not look like images.
 */
export function imageLayout(
  features: number,
  shapes: readonly (readonly (number | null)[] | null | undefined)[] = [],
): ImageLayout | null {
  for (const s of shapes) {
    const layout = s ? fromShape(s, features) : null;
    if (layout) return layout;
  }
  if (features === 784) return { height: 28, width: 28, channels: 1 };
  const side = square(features);
  if (side) return { height: side, width: side, channels: 1 };
  const rgb = features % 3 === 0 ? square(features / 3) : null;
  if (rgb) return { height: rgb, width: rgb, channels: 3 };
  return null;
}

/**
 * RGBA pixels of the image at data[offset, offset + h·w·c), each channel stretched from the
 * image's own finite min..max to 0..255 (so raw, ÷255 and standardized inputs all show); one or
 * two channels draw grey from the first, three or four draw RGB. NaN/Inf draw black.
 */
export function toPixels(
  data: ArrayLike<number>,
  offset: number,
  layout: ImageLayout,
): Uint8ClampedArray<ArrayBuffer> {
  const { height, width, channels } = layout;
  const n = height * width;
  const out = new Uint8ClampedArray(n * 4);
  const colour = channels >= 3 ? 3 : 1;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++)
    for (let c = 0; c < colour; c++) {
      const v = data[offset + i * channels + c];
      if (Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  const span = max > min ? max - min : 0;
  const level = (v: number) => (Number.isFinite(v) && span > 0 ? ((v - min) / span) * 255 : 0);
  for (let i = 0; i < n; i++) {
    const base = offset + i * channels;
    const r = level(data[base]);
    out[i * 4] = r;
    out[i * 4 + 1] = colour === 3 ? level(data[base + 1]) : r;
    out[i * 4 + 2] = colour === 3 ? level(data[base + 2]) : r;
    out[i * 4 + 3] = 255;
  }
  return out;
}
