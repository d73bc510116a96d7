// Gradient norm per parameter over time, from the sampled statistics: vanishing or exploding
// gradients show up as curves sinking or shooting up. Log scale by default, since norms of
// different layers differ by orders of magnitude. Drawn outside React like the loss chart.
import { useRef, useState } from 'react';
import 'uplot/dist/uPlot.min.css';
import { useTraining } from '../store.ts';
import { gradNormColumns } from './gradNormData.ts';
import { lineChartOptions } from './plotOptions.ts';
import { seriesColor, useDarkTheme } from './theme.ts';
import { useLivePlot } from './useLivePlot.ts';
import './charts.css';

/** Optional settings of the gradient-norm chart. */
export interface GradNormChartProps {
  /** Start on a log y axis (default true). */
  initialLog?: boolean;
  className?: string;
}

/** One ‖gradient‖ curve per trainable parameter. */
export function GradNormChart({ initialLog = true, className }: GradNormChartProps) {
  const [log, setLog] = useState(initialLog);
  const dark = useDarkTheme();
  const host = useRef<HTMLDivElement>(null);
  const legend = useRef<HTMLDivElement>(null);
  const hasStats = useTraining((s) => s.statsHistory.length > 0);

  useLivePlot(
    host,
    legend,
    (s) => {
      if (!s.statsHistory.length) return null;
      const { keys, columns } = gradNormColumns(s.statsHistory, log);
      if (!keys.length) return null;
      return {
        signature: keys.join('|'),
        options: () =>
          lineChartOptions(
            host.current!,
            'step',
            keys.map((k, i) => ({ label: k, scale: 'norm', stroke: seriesColor(i, dark) })),
            [{ scale: 'norm', side: 'left', label: '‖gradient‖' }],
            log,
          ),
        data: [columns.x, ...columns.ys],
      };
    },
    (s) => [s.statsHistory, s.statsHistory.length, s.statsHistory.at(-1)],
    [log, dark],
  );

  return (
    <div
      className={className ? `chart chart--gradnorm ${className}` : 'chart chart--gradnorm'}
      data-testid="grad-norm-chart"
    >
      <div className="chart__head">
        <h4 className="chart__title">Gradient norms</h4>
        <label className="chart__check">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
          Log scale
        </label>
      </div>
      <div className="chart__body">
        <div className="chart__plot" ref={host} />
        {!hasStats && (
          <p className="chart__empty">Gradient norms per parameter appear once training starts</p>
        )}
      </div>
      <div className="chart__legend" ref={legend} />
    </div>
  );
}
