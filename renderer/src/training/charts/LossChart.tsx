// The loss chart: loss and metrics per step (decimated to the pixels available) or per epoch
// (with validation), linear or log. The plot is drawn outside React (useLivePlot): metrics events
// never re-render this component, only toggles and the empty/non-empty switch do.
import { useEffect, useMemo, useRef, useState } from 'react';
import 'uplot/dist/uPlot.min.css';
import { getTraining, subscribeTraining, useTraining } from '../store.ts';
import { Decimator } from './decimate.ts';
import { lossFrame, seriesSignature, type LossMode } from './lossData.ts';
import { lineChartOptions, type AxisSpec } from './plotOptions.ts';
import { seriesColor, useDarkTheme } from './theme.ts';
import { useLivePlot } from './useLivePlot.ts';
import './charts.css';

/** Optional settings of the loss chart. */
export interface LossChartProps {
  /** Per step (default) or per epoch. */
  initialMode?: LossMode;
  /** Start on a log y axis (default false). */
  initialLog?: boolean;
  className?: string;
}

/** Loss and metric curves of the live training session. */
export function LossChart({ initialMode = 'step', initialLog = false, className }: LossChartProps) {
  const [mode, setMode] = useState<LossMode>(initialMode);
  const [log, setLog] = useState(initialLog);
  const dark = useDarkTheme();
  const wrap = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const legend = useRef<HTMLDivElement>(null);
  const hasSteps = useTraining((s) => s.history.length > 0);
  const hasEpochs = useTraining((s) => s.history.epochs.length > 0);
  const decimator = useMemo(() => new Decimator(log), [log]);

  // The number of recorded steps, for tests and tools; kept current even while the plot is hidden.
  useEffect(() => {
    let shown = -1;
    const sync = () => {
      const n = getTraining().history.length;
      if (n !== shown) wrap.current?.setAttribute('data-points', String((shown = n)));
    };
    sync();
    const unsubscribe = subscribeTraining(sync);
    return () => {
      unsubscribe();
    };
  }, []);

  useLivePlot(
    host,
    legend,
    (s, width) => {
      const frame = lossFrame(s.history, mode, log, Math.max(200, 2 * width), decimator);
      if (!frame) return null;
      const axes: AxisSpec[] = [];
      if (frame.series.some((x) => x.scale === 'loss'))
        axes.push({ scale: 'loss', side: 'left', label: 'loss' });
      if (frame.series.some((x) => x.scale === 'metric'))
        axes.push({ scale: 'metric', side: axes.length ? 'right' : 'left', label: 'metrics' });
      return {
        signature: seriesSignature(frame.series),
        options: () =>
          lineChartOptions(
            host.current!,
            mode === 'step' ? 'step' : 'epoch',
            frame.series.map((x) => ({
              label: x.name,
              scale: x.scale,
              stroke: seriesColor(x.color, dark),
              dashed: x.validation,
            })),
            axes,
            log,
          ),
        data: [frame.columns.x, ...frame.columns.ys],
      };
    },
    (s) => [s.history, s.history.length, s.history.epochs.length],
    [mode, log, dark],
  );

  const empty = !hasSteps
    ? 'Press Step to train'
    : mode === 'epoch' && !hasEpochs
      ? 'No epoch has finished yet: per-epoch and validation curves appear after the first epoch'
      : null;

  return (
    <div
      ref={wrap}
      className={className ? `chart chart--loss ${className}` : 'chart chart--loss'}
      data-testid="loss-chart"
      data-mode={mode}
    >
      <div className="chart__head">
        <h4 className="chart__title">Loss and metrics</h4>
        <div className="chart__seg" role="group" aria-label="Chart x axis">
          <button type="button" aria-pressed={mode === 'step'} onClick={() => setMode('step')}>
            Per step
          </button>
          <button type="button" aria-pressed={mode === 'epoch'} onClick={() => setMode('epoch')}>
            Per epoch
          </button>
        </div>
        <label className="chart__check">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
          Log scale
        </label>
      </div>
      <div className="chart__body">
        <div className="chart__plot" ref={host} />
        {empty && <p className="chart__empty">{empty}</p>}
      </div>
      <div className="chart__legend" ref={legend} />
    </div>
  );
}
