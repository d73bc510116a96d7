// uPlot options shared by the training charts: theme-coloured axes, a numeric x axis, log or
// linear y scales, and legend values formatted like the rest of the app.
import type uPlot from 'uplot';
import { formatTick, formatValue } from '../stepview/format.ts';
import { axisColors } from './theme.ts';

/** One y series of a chart. */
export interface LineSpec {
  label: string;
  scale: string;
  stroke: string;
  dashed?: boolean;
}

/** A y axis: the scale it shows and which side it sits on. */
export interface AxisSpec {
  scale: string;
  side: 'left' | 'right';
  label?: string;
}

const legendValue = (_u: uPlot, v: number | null) => (v == null ? '–' : formatValue(v));

/** Options for a line chart of `lines` against a numeric x axis called `xLabel`. */
export function lineChartOptions(
  el: Element,
  xLabel: string,
  lines: LineSpec[],
  yAxes: AxisSpec[],
  log: boolean,
): Omit<uPlot.Options, 'width' | 'height'> {
  const { text, grid } = axisColors(el);
  const axisBase = {
    stroke: text,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
    font: '11px system-ui, sans-serif',
    labelFont: '11px system-ui, sans-serif',
  };
  const scales: uPlot.Scales = { x: { time: false } };
  for (const a of yAxes) scales[a.scale] = { distr: log ? 3 : 1 };
  return {
    scales,
    series: [
      { label: xLabel, value: (_u, v) => (v == null ? '–' : String(v)) },
      ...lines.map((l): uPlot.Series => ({
        label: l.label,
        scale: l.scale,
        stroke: l.stroke,
        width: 1.5,
        dash: l.dashed ? [6, 4] : undefined,
        value: legendValue,
      })),
    ],
    axes: [
      { ...axisBase, label: xLabel, labelSize: 18, size: 36 },
      ...yAxes.map((a, i): uPlot.Axis => ({
        ...axisBase,
        scale: a.scale,
        side: a.side === 'left' ? 3 : 1,
        label: a.label,
        labelSize: a.label ? 18 : 0,
        size: 56,
        grid: i === 0 ? axisBase.grid : { show: false },
        values: (_u, splits) => splits.map((v) => (v == null ? '' : formatTick(v))),
      })),
    ],
    cursor: { drag: { x: true, y: false } },
    legend: { live: true },
  };
}
