// The Step view: everything the last detailed step (the Step button) did to the batch it used —
// the loss and metrics before and after the update, and for every parameter tensor its weights
// before, gradient, update and weights after. Re-renders only when a new detailed step arrives.
import { useMemo } from 'react';
import { useDarkTheme } from '../charts/theme.ts';
import { useTraining } from '../store.ts';
import { divergingLut } from './colors.ts';
import { formatDelta, formatPercent, formatValue } from './format.ts';
import { ParamSection } from './ParamSection.tsx';
import { SMALL_TENSOR, logChanges, type LogChange } from './stats.ts';
import './stepview.css';

/** Optional settings of the Step view. */
export interface StepViewProps {
  /** Tensors with at most this many values are shown as numbers (default 64), larger as heatmaps. */
  smallLimit?: number;
  className?: string;
}

function LossLine({ loss }: { loss: LogChange }) {
  const trend = loss.delta < 0 ? 'down' : loss.delta > 0 ? 'up' : 'same';
  return (
    <p className="stepview__loss" data-trend={trend}>
      <span className="stepview__loss-label">Loss on this batch</span>
      <span data-testid="loss-before" data-value={String(loss.before)}>
        {formatValue(loss.before)}
      </span>
      <span aria-hidden="true">→</span>
      <span data-testid="loss-after" data-value={String(loss.after)}>
        {formatValue(loss.after)}
      </span>
      <span className="stepview__delta" data-testid="loss-delta" data-value={String(loss.delta)}>
        {formatDelta(loss.delta)}{' '}
        {formatPercent(loss.relative) && `(${formatPercent(loss.relative)})`}
      </span>
    </p>
  );
}

function OtherLogs({ rows }: { rows: LogChange[] }) {
  if (!rows.length) return null;
  return (
    <table className="stepview__logs">
      <thead>
        <tr>
          <th scope="col">log</th>
          <th scope="col">before</th>
          <th scope="col">after</th>
          <th scope="col">change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} data-log={r.name}>
            <th scope="row">{r.name}</th>
            <td data-value={String(r.before)}>{formatValue(r.before)}</td>
            <td data-value={String(r.after)}>{formatValue(r.after)}</td>
            <td>{formatDelta(r.delta)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The last Step's batch, loss change and every parameter's before/gradient/update/after. */
export function StepView({ smallLimit = SMALL_TENSOR, className }: StepViewProps) {
  const detail = useTraining((s) => s.lastStep);
  const params = useTraining((s) => s.params);
  const batches = useTraining((s) => s.batchesPerEpoch);
  const movedOn = useTraining((s) => (s.lastStep ? s.step > s.lastStep.step : false));
  const dark = useDarkTheme();
  const lut = divergingLut(dark);
  const logs = useMemo(
    () => (detail ? logChanges(detail.logsBefore, detail.logsAfter) : []),
    [detail],
  );
  const cls = className ? `stepview ${className}` : 'stepview';

  if (!detail)
    return (
      <div className={`${cls} stepview--empty`} data-testid="step-view">
        <p className="stepview__empty">
          Press Step to run one gradient update and see it here: the loss on the batch before and
          after, and for every weight tensor its values, gradient and update.
        </p>
      </div>
    );

  const shapes = new Map(params.map((p) => [p.key, p.shape]));
  const keys = [
    ...params.filter((p) => p.key in detail.grads).map((p) => p.key),
    ...Object.keys(detail.grads).filter((k) => !shapes.has(k)),
  ];
  const loss = logs.find((l) => l.name === 'loss');
  return (
    <div className={cls} data-testid="step-view" data-step={detail.step}>
      <header className="stepview__head">
        <h3 className="stepview__title">Step {detail.step}</h3>
        <span className="stepview__muted">
          epoch {detail.epoch + 1}, batch {detail.batch + 1}
          {batches ? ` of ${batches}` : ''} · {detail.batchSize} samples
        </span>
      </header>
      {movedOn && (
        <p className="stepview__note">
          Training has moved on since this step; press Step to see the latest update.
        </p>
      )}
      {loss && <LossLine loss={loss} />}
      <OtherLogs rows={logs.filter((l) => l !== loss)} />
      {keys.map((k) => (
        <ParamSection
          key={k}
          paramKey={k}
          shape={shapes.get(k) ?? [detail.grads[k].length]}
          detail={detail}
          lut={lut}
          smallLimit={smallLimit}
        />
      ))}
    </div>
  );
}
