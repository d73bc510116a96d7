// The one edge component: a bezier labelled with the shape it carries, drawn as an error when
// inference pins a problem to it (a cycle, an input the target cannot take). Clicking the label
// selects the edge.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { actions } from '../state/store.ts';
import type { ShapeFlowEdge } from './derive.ts';

function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const { id, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const error = data?.error ?? null;
  const cls = `shape-edge${error ? ' shape-edge--error' : ''}${selected ? ' shape-edge--selected' : ''}`;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cls} interactionWidth={16} />
      <EdgeLabelRenderer>
        <div
          className={`shape-edge__label${error ? ' shape-edge__label--error' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          title={error ?? undefined}
          data-edge-id={id}
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
