// What the loss chart draws, as plain data: which series (loss on the left axis, metrics on the
// right; a validation series shares its training series' colour, dashed) and the columns, per step
// (decimated) or per epoch. Nothing here touches the DOM, so it is unit tested.
import type { TrainingHistory } from '../history.ts';
import { decimate, type Columns, type Decimator } from './decimate.ts';

/** Per-step history, or Keras epoch logs (which include the val_* series). */
export type LossMode = 'step' | 'epoch';

/** One line of the loss chart. */
export interface LossSeries {
  name: string;
  /** 'loss' (left axis) for losses, 'metric' (right axis) for everything else. */
  scale: 'loss' | 'metric';
  validation: boolean;
  /** Palette index, shared by a series and its val_ twin. */
  color: number;
}

/** A whole chart: its series (in draw order) and the columns (ys in the same order). */
export interface LossFrame {
  series: LossSeries[];
  columns: Columns;
}

/** The training name a log belongs to ('val_loss' → 'loss'). */
export function baseName(name: string): string {
  return name.startsWith('val_') ? name.slice(4) : name;
}

/** Whether a log is a loss (left axis) rather than a metric. */
export function isLoss(name: string): boolean {
  const base = baseName(name);
  return base === 'loss' || base.endsWith('_loss');
}

/** Series for these log names: losses first, each training series followed by its val_ twin. */
export function lossSeries(names: string[]): LossSeries[] {
  const bases: string[] = [];
  for (const n of names) if (!bases.includes(baseName(n))) bases.push(baseName(n));
  bases.sort((a, b) => Number(isLoss(b)) - Number(isLoss(a)));
  const out: LossSeries[] = [];
  bases.forEach((base, color) => {
    const scale = isLoss(base) ? 'loss' : 'metric';
    if (names.includes(base)) out.push({ name: base, scale, validation: false, color });
    const val = `val_${base}`;
    if (names.includes(val)) out.push({ name: val, scale, validation: true, color });
  });
  return out;
}

/**
 * The chart's series and columns for a mode, or null when there is nothing to draw yet. Per-step
 * columns hold at most `maxPoints` points (min/max per bucket beyond that); a `decimator` (made
 * for the same `log`) makes repeated frames of a growing history cheap.
 */
export function lossFrame(
  history: TrainingHistory,
  mode: LossMode,
  log: boolean,
  maxPoints: number,
  decimator?: Decimator,
): LossFrame | null {
  if (mode === 'step') {
    if (!history.length) return null;
    const { x, series: cols } = history.steps();
    const series = lossSeries(Object.keys(cols));
    const ys = series.map((s) => cols[s.name]);
    const columns = decimator
      ? decimator.columns(history, seriesSignature(series), x, ys, maxPoints)
      : decimate(x, ys, maxPoints, log);
    return { series, columns };
  }
  if (!history.epochs.length) return null;
  const { x, series: cols } = history.epochColumns();
  const series = lossSeries(Object.keys(cols));
  return {
    series,
    columns: decimate(
      x,
      series.map((s) => cols[s.name]),
      Infinity,
      log,
    ),
  };
}

/** A key that changes when the chart must be rebuilt (other series), not when data grows. */
export function seriesSignature(series: LossSeries[]): string {
  return series.map((s) => s.name).join('|');
}
