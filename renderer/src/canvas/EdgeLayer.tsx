// All edges in one SVG: a bezier per edge labelled with the shape it carries, drawn as an error
// when inference pins a problem to it (a cycle, an input the target cannot take). Clicking an edge
// or its label selects it (Shift/Ctrl/Cmd adds to the selection). While training, its colour and
// width show how much gradient flows back through it (a per-edge training-store subscription).
//
// Why not React Flow's edges: React Flow draws each edge in its own absolutely positioned <svg>
// with its own store subscription, so with 500 edges every drag frame re-ran 500 selectors and the
// browser re-layered ~1,500 paint chunks. Here edges are placed from the document positions (or
// the live drag positions, dragStore.ts) and the handle bounds React Flow measured; a drag frame
// re-renders only the edges whose ends moved.
import { memo, useMemo, type CSSProperties, type MouseEvent } from 'react';
import { EdgeLabelRenderer, useStore, type ReactFlowState, type XYPosition } from '@xyflow/react';
import { actions, getState } from '../state/store.ts';
import type { LayerFlowNode, ShapeFlowEdge } from './derive.ts';
import { useDragPositions, type DragPositions } from './dragStore.ts';
import { edgeGeometry, labelWidth, type NodeHandles } from './edgeGeometry.ts';
import { useEdgeGradient } from './GradientBadge.tsx';
import { formatNorm, type EdgeGradient } from './gradients.ts';

/** Widest gradient stroke, in px (the thinnest is 1). */
const MAX_EXTRA_WIDTH = 4;
/** Label box height, in px. */
const LABEL_HEIGHT = 16;

type HandleMap = ReadonlyMap<string, NodeHandles>;

/** Every node's measured handle bounds (objects React Flow replaces only when it re-measures). */
function handlesOf(s: ReactFlowState): HandleMap {
  const m = new Map<string, NodeHandles>();
  for (const [id, n] of s.nodeLookup)
    if (n.internals.handleBounds) m.set(id, n.internals.handleBounds);
  return m;
}

function sameHandles(a: HandleMap, b: HandleMap): boolean {
  if (a.size !== b.size) return false;
  for (const [id, h] of a) if (b.get(id) !== h) return false;
  return true;
}

function gradientStyle(g: EdgeGradient, selected: boolean): CSSProperties {
  const width = 1 + MAX_EXTRA_WIDTH * g.scale;
  // A selected edge keeps the selection colour; only its width follows the gradient.
  if (selected) return { strokeWidth: width };
  const stroke = g.nonFinite
    ? 'var(--canvas-error)'
    : `color-mix(in srgb, var(--grad-hi) ${Math.round(g.scale * 100)}%, var(--grad-lo))`;
  return { stroke, strokeWidth: width };
}

/** Selects the edge; with Shift/Ctrl/Cmd it is toggled in the current selection instead. */
function selectEdge(id: string, e: MouseEvent): void {
  e.stopPropagation();
  const s = getState();
  if (!(e.shiftKey || e.ctrlKey || e.metaKey)) return actions.select([], [id]);
  const edges = s.edges.includes(id) ? s.edges.filter((x) => x !== id) : [...s.edges, id];
  actions.select(s.nodes, edges);
}

interface EdgeViewProps {
  id: string;
  source: string;
  shape: string | null;
  error: string | null;
  selected: boolean;
  path: string;
  labelX: number;
  labelY: number;
}

function EdgeViewImpl({ id, source, shape, error, selected, path, labelX, labelY }: EdgeViewProps) {
  const gradient = useEdgeGradient(source);
  const cls = `shape-edge${error ? ' shape-edge--error' : ''}${selected ? ' shape-edge--selected' : ''}`;
  const title =
    error ??
    (gradient
      ? `Gradient flowing back: RMS ${formatNorm(gradient.rms)}${gradient.nonFinite ? ' (contains NaN/Inf)' : ''}`
      : undefined);
  const text = shape ?? '?';
  const w = labelWidth(text);
  const onClick = (e: MouseEvent) => selectEdge(id, e);
  return (
    <g>
      {title && <title>{title}</title>}
      <path
        className={cls}
        d={path}
        style={gradient ? gradientStyle(gradient, selected) : undefined}
      />
      <path className="shape-edge__hit" d={path} onClick={onClick} />
      <g
        className={`shape-edge__label${error ? ' shape-edge__label--error' : ''}`}
        data-edge-id={id}
        data-grad-scale={gradient ? gradient.scale.toFixed(3) : undefined}
        onClick={onClick}
      >
        <rect
          x={labelX - w / 2}
          y={labelY - LABEL_HEIGHT / 2}
          width={w}
          height={LABEL_HEIGHT}
          rx={3}
        />
        <text x={labelX} y={labelY}>
          {text}
        </text>
      </g>
    </g>
  );
}

/** One edge; re-renders only when its shape, state or geometry changes. */
const EdgeView = memo(EdgeViewImpl);

interface EdgeSetProps {
  edges: readonly ShapeFlowEdge[];
  positions: ReadonlyMap<string, XYPosition>;
  handles: HandleMap;
  drag: DragPositions;
}

/** One SVG of edges, placed at the live drag positions where given, else the document's. */
const EdgeSet = memo(function EdgeSet({ edges, positions, handles, drag }: EdgeSetProps) {
  const at = (id: string) => drag?.get(id) ?? positions.get(id);
  return (
    <svg className="edge-layer" role="presentation">
      {edges.map((e) => {
        const g = edgeGeometry(
          at(e.source),
          handles.get(e.source),
          e.sourceHandle,
          at(e.target),
          handles.get(e.target),
          e.targetHandle,
        );
        if (!g) return null;
        return (
          <EdgeView
            key={e.id}
            id={e.id}
            source={e.source}
            shape={e.data?.shape ?? null}
            error={e.data?.error ?? null}
            selected={Boolean(e.selected)}
            path={g.path}
            labelX={g.labelX}
            labelY={g.labelY}
          />
        );
      })}
    </svg>
  );
});

/**
 * The edge layer, drawn beneath the nodes inside React Flow's viewport. During a drag the edges of
 * the dragged nodes move to a second, small SVG: a drag frame repaints only that one, while the
 * SVG of all other edges keeps its props and is neither re-rendered nor repainted.
 */
export function EdgeLayer({
  edges,
  nodes,
}: {
  edges: readonly ShapeFlowEdge[];
  nodes: readonly LayerFlowNode[];
}) {
  const handles = useStore(handlesOf, sameHandles);
  const drag = useDragPositions();
  const positions = useMemo(() => {
    const m = new Map<string, XYPosition>();
    for (const n of nodes) m.set(n.id, n.position);
    return m;
  }, [nodes]);
  // Changes when a drag starts or ends (or picks up a node), not on every frame.
  const draggedKey = drag ? [...drag.keys()].join('\n') : '';
  const [still, moving] = useMemo(() => {
    if (!draggedKey) return [edges, []];
    const ids = new Set(draggedKey.split('\n'));
    const touches = (e: ShapeFlowEdge) => ids.has(e.source) || ids.has(e.target);
    return [edges.filter((e) => !touches(e)), edges.filter(touches)];
  }, [edges, draggedKey]);
  return (
    <EdgeLabelRenderer>
      <EdgeSet edges={still} positions={positions} handles={handles} drag={null} />
      {moving.length > 0 && (
        <EdgeSet edges={moving} positions={positions} handles={handles} drag={drag} />
      )}
    </EdgeLabelRenderer>
  );
}
