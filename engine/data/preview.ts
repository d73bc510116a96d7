// What the Data tab shows about a dataset without the UI touching every value: per-column statistics,
// the first rows as formatted cells, image-shape detection and thumbnail pixels. Pure functions over
// Dataset/TensorData, so the data worker can compute them off the UI thread and tests can check them.
import { sizeOf, type TensorData } from '../tensor.ts';
import type { Dataset } from './dataset.ts';

/** Statistics of one column (or of a whole wide array); NaN values are counted, not averaged. */
export interface ColumnStats {
  /** Number of values, NaN included. */
  count: number;
  nan: number;
  /** Over the non-NaN values; NaN when there are none. */
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation (as numpy's std). */
  std: number;
}

/** One column of the preview table: a feature of a narrow array, or a whole wide array. */
export interface PreviewColumn {
  /** Display label: 'Hours', 'x[1]', or the array name for a whole array. */
  label: string;
  array: string;
  /** Index into the flattened sample, or null when the column stands for the whole array. */
  feature: number | null;
  /** The first rows, formatted for display. */
  cells: string[];
  stats: ColumnStats;
}

/** How one sample of an array can be drawn as an image (channels last). */
export interface ImageLayout {
  height: number;
  width: number;
  channels: 1 | 3;
}

/** Everything the Data tab shows about one array. */
export interface ArraySummary {
  name: string;
  shape: number[];
  dtype: string;
  samples: number;
  /** Values per sample (the product of the non-sample dims). */
  width: number;
  columns: PreviewColumn[];
  image: ImageLayout | null;
}

/** Up to `count` images of one array, as RGBA pixels (count × height × width × 4 bytes). */
export interface Thumbnails {
  array: string;
  layout: ImageLayout;
  count: number;
  rgba: Uint8ClampedArray;
}

/** The summary of a dataset, in display order (CSV column order, else array order). */
export interface DatasetSummary {
  name: string;
  source: string;
  arrays: ArraySummary[];
  thumbnails: Thumbnails[];
}

/** Limits of a summary: preview rows, per-feature columns per array, thumbnails per image array. */
export interface SummaryLimits {
  rows: number;
  features: number;
  thumbnails: number;
}

export const DEFAULT_LIMITS: SummaryLimits = { rows: 32, features: 8, thumbnails: 32 };

/** Statistics of data[offset + k·stride] for k < n (Welford's update, in float64). */
export function columnStats(
  data: Float32Array,
  offset = 0,
  stride = 1,
  n = Math.ceil((data.length - offset) / stride),
): ColumnStats {
  let nan = 0;
  let k = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0, o = offset; i < n; i++, o += stride) {
    const v = data[o];
    if (Number.isNaN(v)) {
      nan++;
      continue;
    }
    k++;
    const d = v - mean;
    mean += d / k;
    m2 += d * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (k === 0) return { count: n, nan, min: NaN, max: NaN, mean: NaN, std: NaN };
  return { count: n, nan, min, max, mean, std: Math.sqrt(m2 / k) };
}

/** The sample count of an array (its first dim; 1 for a scalar). */
export function samplesOf(shape: readonly number[]): number {
  return shape.length ? shape[0] : 1;
}

/** Values per sample: the product of the dims after the first. */
export function widthOf(shape: readonly number[]): number {
  return shape.length ? sizeOf(shape.slice(1)) : 1;
}

/** The image layout of an array shape: [n,h,w], [n,h,w,1|3], or [n,784] as 28×28; else null. */
export function imageLayout(shape: readonly number[]): ImageLayout | null {
  const [, h, w, c] = shape;
  const big = (d: number) => d >= 4;
  if (shape.length === 3 && big(h) && big(w)) return { height: h, width: w, channels: 1 };
  if (shape.length === 4 && big(h) && big(w) && (c === 1 || c === 3))
    return { height: h, width: w, channels: c };
  if (shape.length === 2 && h === 784) return { height: 28, width: 28, channels: 1 };
  return null;
}

/** A compact display of one value: integers as they are, others with 4 significant digits. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

/** The dims of a shape after the sample axis, as "28×28" (or "scalar"). */
function sampleDims(shape: readonly number[]): string {
  return shape.length > 1 ? shape.slice(1).join('×') : 'scalar';
}

/** Summarises one array: per-feature columns when narrow, else one whole-array column. */
export function summarizeArray(
  name: string,
  a: TensorData,
  dtype: string,
  limits: SummaryLimits = DEFAULT_LIMITS,
): ArraySummary {
  const shape = [...a.shape];
  const samples = samplesOf(shape);
  const width = widthOf(shape);
  const rows = Math.min(limits.rows, samples);
  const columns: PreviewColumn[] = [];
  if (width <= limits.features) {
    for (let j = 0; j < width; j++) {
      const cells: string[] = [];
      for (let i = 0; i < rows; i++) cells.push(formatValue(a.data[i * width + j]));
      columns.push({
        label: width === 1 ? name : `${name}[${j}]`,
        array: name,
        feature: j,
        cells,
        stats: columnStats(a.data, j, width, samples),
      });
    }
  } else {
    const cells: string[] = [];
    for (let i = 0; i < rows; i++) {
      const s = columnStats(a.data, i * width, 1, width);
      cells.push(`${sampleDims(shape)} · mean ${formatValue(s.mean)}`);
    }
    columns.push({ label: name, array: name, feature: null, cells, stats: columnStats(a.data) });
  }
  return { name, shape, dtype, samples, width, columns, image: imageLayout(shape) };
}

/** RGBA pixels of the first `count` images, values mapped linearly from [lo, hi] to 0…255. */
export function thumbnailPixels(
  a: TensorData,
  layout: ImageLayout,
  count: number,
  lo: number,
  hi: number,
): Uint8ClampedArray {
  const { height, width, channels } = layout;
  const pixels = height * width;
  const n = Math.min(count, samplesOf(a.shape));
  const out = new Uint8ClampedArray(n * pixels * 4);
  const range = hi > lo ? hi - lo : 1;
  const level = (v: number) => (Number.isNaN(v) ? 0 : ((v - lo) / range) * 255);
  for (let i = 0; i < n; i++) {
    const base = i * pixels * channels;
    for (let p = 0; p < pixels; p++) {
      const o = (i * pixels + p) * 4;
      const src = base + p * channels;
      const r = level(a.data[src]);
      out[o] = r;
      out[o + 1] = channels === 3 ? level(a.data[src + 1]) : r;
      out[o + 2] = channels === 3 ? level(a.data[src + 2]) : r;
      out[o + 3] = 255;
    }
  }
  return out;
}

/** The arrays of a dataset in display order: CSV column order first, then the rest. */
export function arrayOrder(ds: Dataset): string[] {
  const names = Object.keys(ds.arrays);
  const first = (ds.columns ?? []).filter((c) => c in ds.arrays);
  return [...first, ...names.filter((n) => !first.includes(n))];
}

/**
 * Summarises every array of a dataset and draws thumbnails of the image-like ones (uint8 arrays on
 * their own 0…255 scale, others stretched from their min to their max; NaN is drawn black).
 */
export function summarizeDataset(
  ds: Dataset,
  limits: SummaryLimits = DEFAULT_LIMITS,
): DatasetSummary {
  const arrays: ArraySummary[] = [];
  const thumbnails: Thumbnails[] = [];
  for (const name of arrayOrder(ds)) {
    const a = ds.arrays[name];
    const summary = summarizeArray(name, a, ds.dtypes?.[name] ?? 'float32', limits);
    arrays.push(summary);
    if (summary.image && limits.thumbnails > 0) {
      const { min, max } = summary.columns[0].stats;
      const [lo, hi] = summary.dtype === 'uint8' ? [0, 255] : [min, max];
      const rgba = thumbnailPixels(a, summary.image, limits.thumbnails, lo, hi);
      const per = summary.image.height * summary.image.width * 4;
      thumbnails.push({ array: name, layout: summary.image, count: rgba.length / per, rgba });
    }
  }
  return { name: ds.name, source: ds.source, arrays, thumbnails };
}

/** The preview table of several summaries side by side: a header and up to `rows` text rows. */
export function previewTable(
  summaries: readonly DatasetSummary[],
  rows = 20,
): { header: string[]; rows: string[][]; samples: number } {
  const columns = summaries.flatMap((s) => s.arrays.flatMap((a) => a.columns));
  const samples = Math.max(0, ...summaries.flatMap((s) => s.arrays.map((a) => a.samples)));
  const shown = Math.min(rows, Math.max(0, ...columns.map((c) => c.cells.length)));
  const body: string[][] = [];
  for (let i = 0; i < shown; i++) body.push(columns.map((c) => c.cells[i] ?? ''));
  return { header: columns.map((c) => c.label), rows: body, samples };
}
