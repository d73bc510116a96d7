// TensorBoard-style histograms over time for one chosen parameter: how its weights spread and
// drift, and how its gradients are distributed, at every sampled step. Re-renders only when the
// parameter list or the choice changes; the heatmaps redraw themselves from the store.
import { useState } from 'react';
import { useTraining } from '../store.ts';
import { sequentialLut, lutGradient } from '../stepview/colors.ts';
import { HistogramHeatmap } from './HistogramHeatmap.tsx';
import './charts.css';

/** Optional settings of the histogram chart. */
export interface HistogramChartProps {
  /** The parameter shown first (default: the first trainable one), e.g. 'dense1/kernel'. */
  initialParam?: string;
  className?: string;
}

/** Weight and gradient histograms over time for a parameter picked from a select box. */
export function HistogramChart({ initialParam, className }: HistogramChartProps) {
  const keyList = useTraining((s) =>
    s.params.length
      ? s.params
          .filter((p) => p.trainable)
          .map((p) => p.key)
          .join('\n')
      : Object.keys(s.stats?.params ?? {}).join('\n'),
  );
  const hasStats = useTraining((s) => s.statsHistory.length > 0);
  const keys = keyList ? keyList.split('\n') : [];
  const [chosen, setChosen] = useState(initialParam ?? '');
  const key = keys.includes(chosen) ? chosen : (keys[0] ?? '');

  return (
    <div
      className={className ? `chart chart--histo ${className}` : 'chart chart--histo'}
      data-testid="histogram-chart"
    >
      <div className="chart__head">
        <h4 className="chart__title">Histograms</h4>
        <label className="chart__select">
          Parameter
          <select value={key} onChange={(e) => setChosen(e.target.value)} disabled={!keys.length}>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <span
          className="histo__scale"
          title="Share of the step's values in a bin (per step, square-root scaled)"
        >
          few
          <span className="histo__ramp" style={{ background: lutGradient(sequentialLut()) }} />
          many
        </span>
      </div>
      {hasStats && key ? (
        <div className="histo__pair">
          <HistogramHeatmap paramKey={key} quantity="weight" />
          <HistogramHeatmap paramKey={key} quantity="grad" />
        </div>
      ) : (
        <div className="chart__body">
          <p className="chart__empty">Weight and gradient histograms appear once training starts</p>
        </div>
      )}
    </div>
  );
}
