// One parameter tensor in the Step view: its weights before, the gradient, the applied update and
// the weights after (numbers for small tensors, heatmaps for large ones), and their norm, mean,
// min and max. Before and after share one colour range so they compare by eye; gradient and
// update each get their own (they are orders of magnitude smaller than the weights).
import { memo, useMemo } from 'react';
import type { StepDetailWire, TensorStats } from '../../../../engine/worker/protocol.ts';
import { Heatmap } from './Heatmap.tsx';
import { MatrixTable } from './MatrixTable.tsx';
import { formatPercent, formatShape, formatValue } from './format.ts';
import {
  QUANTITIES,
  ROLE,
  matrixShape,
  maxAbs,
  paramStepStats,
  stepArrays,
  updateRatio,
  type Quantity,
} from './stats.ts';

const CAPTION: Record<Quantity, string> = {
  before: 'Weights before',
  grads: 'Gradient ∂loss/∂w',
  updates: 'Update (after − before)',
  after: 'Weights after',
};

/** Props of one parameter's section. */
export interface ParamSectionProps {
  paramKey: string;
  shape: readonly number[];
  detail: StepDetailWire;
  lut: Uint8ClampedArray;
  /** Tensors with at most this many values are shown as numbers. */
  smallLimit: number;
}

function StatsRow({ q, s }: { q: Quantity; s: TensorStats }) {
  const cells: [string, number][] = [
    ['norm', s.norm],
    ['mean', s.mean],
    ['min', s.min],
    ['max', s.max],
  ];
  return (
    <tr>
      <th scope="row">{CAPTION[q]}</th>
      {cells.map(([name, v]) => (
        <td key={name} data-stat={`${ROLE[q]}-${name}`} data-value={String(v)}>
          {formatValue(v)}
        </td>
      ))}
      <td className={s.nonFinite ? 'stepview__bad' : undefined}>{s.nonFinite || ''}</td>
    </tr>
  );
}

/** Weights before, gradient, update and weights after of one parameter, with their statistics. */
export const ParamSection = memo(function ParamSection({
  paramKey,
  shape,
  detail,
  lut,
  smallLimit,
}: ParamSectionProps) {
  const arrays = useMemo(() => stepArrays(detail, paramKey), [detail, paramKey]);
  const stats = useMemo(() => paramStepStats(detail, paramKey), [detail, paramKey]);
  const scales = useMemo(() => {
    const weights = maxAbs(arrays.before, arrays.after);
    return {
      before: weights,
      after: weights,
      grads: maxAbs(arrays.grads),
      updates: maxAbs(arrays.updates),
    };
  }, [arrays]);

  const size = arrays.grads.length;
  let { rows, cols } = matrixShape(shape);
  if (rows * cols !== size) ({ rows, cols } = { rows: 1, cols: size });
  const small = size <= smallLimit;
  const ratio = updateRatio(stats);

  return (
    <section className="stepview__param" data-param={paramKey}>
      <h4 className="stepview__param-title">
        {paramKey}
        <span className="stepview__muted">
          {formatShape(shape)} · {size} values
        </span>
      </h4>
      <div className="stepview__quantities">
        {QUANTITIES.map((q) => {
          const props = {
            caption: CAPTION[q],
            values: arrays[q],
            rows,
            cols,
            role: ROLE[q],
            scale: scales[q],
            lut,
          };
          return small ? (
            <MatrixTable key={q} {...props} />
          ) : (
            <Heatmap key={q} {...props} vector={shape.length <= 1} />
          );
        })}
      </div>
      <table className="stepview__stats">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">norm</th>
            <th scope="col">mean</th>
            <th scope="col">min</th>
            <th scope="col">max</th>
            <th scope="col">NaN/Inf</th>
          </tr>
        </thead>
        <tbody>
          {QUANTITIES.map((q) => (
            <StatsRow key={q} q={q} s={stats[q]} />
          ))}
        </tbody>
      </table>
      <p className="stepview__ratio">
        ‖update‖ / ‖weights‖ = <span data-stat="update-ratio">{formatValue(ratio)}</span>
        {Number.isFinite(ratio) && (
          <span className="stepview__muted">
            {' '}
            (each weight moved about {formatPercent(ratio).replace('+', '')} of its size)
          </span>
        )}
      </p>
    </section>
  );
});
