// The model canvas: React Flow over the open document. The document is the only source of truth:
// nodes/edges are derived from it (and its inference), every edit is a store command, and only
// transient state lives here (positions during a drag, measured sizes, the snap toggle).
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
  type XYPosition,
} from '@xyflow/react';
import { checkConnection, makeEdge } from '../../../engine/graph/connect.ts';
import {
  actions,
  getState,
  inferenceOf,
  useEditor,
  useInference,
  useProject,
} from '../state/store.ts';
import { LAYER_MIME } from '../palette/addLayer.ts';
import { insertLayer } from '../palette/insert.ts';
import { ConnectionHint } from './ConnectionHint.tsx';
import {
  createCache,
  deriveEdges,
  deriveNodes,
  type LayerFlowNode,
  type Measured,
  type ShapeFlowEdge,
} from './derive.ts';
import { autoLayout, deleteSelection } from './edits.ts';
import { DEFAULT_NODE_SIZE, type Size } from './layout.ts';
import { edgeTypes } from './ShapeEdge.tsx';
import { nodeTypes } from './LayerNode.tsx';
import { useCanvasKeys } from './useCanvasKeys.ts';
import { registerViewCentre } from './view.ts';
import { CanvasToolbar } from './CanvasToolbar.tsx';

/** Grid size for snapping and the background dots. */
export const GRID = 16;

const DELETE_KEYS = ['Delete', 'Backspace'];
const PRO_OPTIONS = { hideAttribution: true };

/** The graph editor pane, wrapped in its own ReactFlowProvider. */
export function Canvas() {
  return (
    <ReactFlowProvider>
      <CanvasView />
    </ReactFlowProvider>
  );
}

/** Applies React Flow's select changes to a selection list. */
function applySelect(
  current: readonly string[],
  changes: readonly { id: string; selected: boolean }[],
) {
  const next = new Set(current);
  for (const c of changes) {
    if (c.selected) next.add(c.id);
    else next.delete(c.id);
  }
  return [...next];
}

function isValidConnection(c: Connection | Edge): boolean {
  if (!c.source || !c.target) return false;
  const doc = getState().history.present;
  return checkConnection(doc, inferenceOf(doc), c.source, c.target, c.targetHandle ?? undefined).ok;
}

function onConnect(c: Connection): void {
  if (!isValidConnection(c) || !c.targetHandle) return;
  const doc = getState().history.present;
  actions.execute({ type: 'connect', edge: makeEdge(doc, c.source, c.target, c.targetHandle) });
}

const onDelete: OnDelete<LayerFlowNode, ShapeFlowEdge> = ({ nodes, edges }) => {
  deleteSelection(
    nodes.map((n) => n.id),
    edges.map((e) => e.id),
  );
};

function onEdgesChange(changes: EdgeChange<ShapeFlowEdge>[]): void {
  const select = changes.flatMap((c) => (c.type === 'select' ? [c] : []));
  if (!select.length) return;
  const s = getState();
  actions.select(s.nodes, applySelect(s.edges, select));
}

function onDragOver(e: DragEvent): void {
  if (!e.dataTransfer.types.includes(LAYER_MIME)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
}

let dragCount = 0;

function CanvasView() {
  const doc = useProject();
  const inf = useInference();
  const selectedNodes = useEditor((s) => s.nodes);
  const selectedEdges = useEditor((s) => s.edges);
  const flow = useReactFlow<LayerFlowNode, ShapeFlowEdge>();
  const root = useRef<HTMLDivElement>(null);
  const cache = useRef(createCache());
  const [snap, setSnap] = useState(false);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(new Map());
  // Positions of the nodes being dragged; committed to the document when the drag ends.
  const [dragging, setDragging] = useState<ReadonlyMap<string, XYPosition> | null>(null);
  const draggingRef = useRef(dragging);
  draggingRef.current = dragging;

  const nodeSel = useMemo(() => new Set(selectedNodes), [selectedNodes]);
  const edgeSel = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const derivedNodes = useMemo(
    () => deriveNodes(doc, inf, nodeSel, measured, cache.current),
    [doc, inf, nodeSel, measured],
  );
  const edges = useMemo(() => deriveEdges(doc, inf, edgeSel, cache.current), [doc, inf, edgeSel]);
  const nodes = useMemo(() => {
    if (!dragging) return derivedNodes;
    return derivedNodes.map((n) => {
      const p = dragging.get(n.id);
      return p ? { ...n, position: p } : n;
    });
  }, [derivedNodes, dragging]);

  // One drag is one undo step: its final positions are committed once, under a fresh key.
  const commitDrag = useCallback((moved: ReadonlyMap<string, XYPosition>) => {
    const moves = [...moved].map(([id, p]) => ({
      id,
      position: { x: Math.round(p.x), y: Math.round(p.y) },
    }));
    actions.execute({ type: 'moveNodes', moves }, `drag-${++dragCount}`);
    actions.seal();
    draggingRef.current = null;
    setDragging(null);
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<LayerFlowNode>[]) => {
      const select: { id: string; selected: boolean }[] = [];
      let sizes: Map<string, Measured> | null = null;
      let moved: Map<string, XYPosition> | null = null;
      let dragEnded = false;
      for (const c of changes) {
        if (c.type === 'select') select.push(c);
        else if (c.type === 'dimensions' && c.dimensions) {
          sizes ??= new Map();
          sizes.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
        } else if (c.type === 'position' && c.position) {
          moved ??= new Map(draggingRef.current ?? []);
          moved.set(c.id, c.position);
          if (c.dragging === false) dragEnded = true;
        }
      }
      if (sizes) {
        const next = sizes;
        // Only real size changes make a new map: an unchanged one must not re-derive the graph.
        setMeasured((old) => {
          let merged: Map<string, Measured> | null = null;
          for (const [id, m] of next) {
            const prev = old.get(id);
            if (prev && prev.width === m.width && prev.height === m.height) continue;
            merged ??= new Map(old);
            merged.set(id, m);
          }
          return merged ?? old;
        });
      }
      if (moved && dragEnded) commitDrag(moved);
      else if (moved) {
        draggingRef.current = moved;
        setDragging(moved);
      }
      if (select.length) {
        const s = getState();
        actions.select(applySelect(s.nodes, select), s.edges);
      }
    },
    [commitDrag],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(LAYER_MIME);
      if (!type) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      insertLayer(type, {
        x: p.x - DEFAULT_NODE_SIZE.width / 2,
        y: p.y - DEFAULT_NODE_SIZE.height / 2,
      });
    },
    [flow],
  );

  const layout = useCallback(() => {
    const sizes = new Map<string, Size>();
    for (const n of flow.getNodes())
      if (n.measured?.width && n.measured.height)
        sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
    autoLayout(sizes);
    requestAnimationFrame(() => void flow.fitView({ duration: 200 }));
  }, [flow]);

  useCanvasKeys(root, layout);

  // A document that was just opened (a fresh history) is brought into view once.
  const opened = useEditor((s) =>
    s.history.past.length === 0 && s.history.future.length === 0 ? s.history.present : null,
  );
  useEffect(() => {
    if (opened?.nodes.length) void flow.fitView({ maxZoom: 1 });
  }, [opened, flow]);

  useEffect(
    () =>
      registerViewCentre(() => {
        const r = root.current?.getBoundingClientRect();
        if (!r) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      }),
    [flow],
  );

  // The overlays do not depend on node positions: one element tree, so a drag frame skips them.
  const chrome = useMemo(
    () => (
      <>
        <Background gap={GRID} />
        <Controls position="bottom-left" />
        <MiniMap position="bottom-right" pannable zoomable ariaLabel="Minimap" />
        <Panel position="top-right">
          <CanvasToolbar snap={snap} onSnap={setSnap} onLayout={layout} />
        </Panel>
        <ConnectionHint />
      </>
    ),
    [snap, layout],
  );

  return (
    <div className="canvas" ref={root} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<LayerFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        isValidConnection={isValidConnection}
        deleteKeyCode={DELETE_KEYS}
        snapToGrid={snap}
        snapGrid={[GRID, GRID]}
        disableKeyboardA11y
        minZoom={0.1}
        maxZoom={2}
        proOptions={PRO_OPTIONS}
        aria-label="Model graph"
      >
        {chrome}
      </ReactFlow>
    </div>
  );
}
