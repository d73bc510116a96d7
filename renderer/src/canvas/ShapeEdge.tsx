// The one edge component: a bezier labelled with the shape it carries, drawn as an error when
// inference pins a problem to it (a cycle, an input the target cannot take). Clicking the label
// selects the edge. While training, its colour and width show how much gradient flows back
// through it (a per-edge training-store subscription, see GradientBadge.tsx).
import { memo, type CSSProperties } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { actions } from '../state/store.ts';
import type { ShapeFlowEdge } from './derive.ts';
import { useEdgeGradient } from './GradientBadge.tsx';
import { formatNorm, type EdgeGradient } from './gradients.ts';

/** Widest gradient stroke, in px (the thinnest is 1). */
const MAX_EXTRA_WIDTH = 4;

function gradientStyle(g: EdgeGradient, selected: boolean): CSSProperties {
  const width = 1 + MAX_EXTRA_WIDTH * g.scale;
  // A selected edge keeps React Flow's selection colour; only its width follows the gradient.
  if (selected) return { strokeWidth: width };
  const stroke = g.nonFinite
    ? 'var(--canvas-error)'
    : `color-mix(in srgb, var(--grad-hi) ${Math.round(g.scale * 100)}%, var(--grad-lo))`;
  return { stroke, strokeWidth: width };
}

function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const { id, source, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const gradient = useEdgeGradient(source);
  const error = data?.error ?? null;
  const cls = `shape-edge${error ? ' shape-edge--error' : ''}${selected ? ' shape-edge--selected' : ''}${gradient ? ' shape-edge--grad' : ''}`;
  const title =
    error ??
    (gradient
      ? `Gradient flowing back: RMS ${formatNorm(gradient.rms)}${gradient.nonFinite ? ' (contains NaN/Inf)' : ''}`
      : undefined);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={cls}
        interactionWidth={16}
        style={gradient ? gradientStyle(gradient, Boolean(selected)) : undefined}
      />
      <EdgeLabelRenderer>
        <div
          className={`shape-edge__label${error ? ' shape-edge__label--error' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          title={title}
          data-edge-id={id}
          data-grad-scale={gradient ? gradient.scale.toFixed(3) : undefined}
          onClick={() => actions.select([], [id])}
        >
          {data?.shape ?? '?'}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** The memoised shape-labelled edge. */
export const ShapeEdge = memo(ShapeEdgeView);

/** Edge types, defined once at module scope. */
export const edgeTypes = { shape: ShapeEdge };
