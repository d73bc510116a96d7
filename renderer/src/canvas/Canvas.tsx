// The model canvas: React Flow over the open document. The document is the only source of truth:
// nodes/edges are derived from it (and its inference), every edit is a store command, and only
// transient state lives here (positions during a drag, measured sizes, the snap toggle). Edges are
// drawn by EdgeLayer.tsx, not React Flow; a drag moves only the dragged elements (dragStore.ts).
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
  useStore,
  useStoreApi,
  type ReactFlowState,
  type Connection,
  type Edge,
  type NodeChange,
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
import { autoLayout } from './edits.ts';
import { DEFAULT_NODE_SIZE, type Size } from './layout.ts';
import { EdgeLayer } from './EdgeLayer.tsx';
import { setDragPositions } from './dragStore.ts';
import { nodeTypes } from './LayerNode.tsx';
import { MiniMapNode } from './MiniMapNode.tsx';
import { useCanvasKeys } from './useCanvasKeys.ts';
import { registerViewCentre } from './view.ts';
import { CanvasToolbar } from './CanvasToolbar.tsx';

/** Grid size for snapping and the background dots. */
export const GRID = 16;

const PRO_OPTIONS = { hideAttribution: true };

/**
 * Below this zoom the canvas draws a level of detail for overview: node text other than the name,
 * handles and edge labels are hidden (unreadable there: 10 px text at 0.4× is 4 px), so a drag in a
 * 500-node overview paints and hit-tests a fraction of the elements. Zooming in brings them back;
 * a selected node's handles, and all handles during a connection drag, show at any zoom.
 */
export const FAR_ZOOM = 0.45;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;
/** A connection is being made: dragged from a handle, or started by a click on one. */
const isConnecting = (s: ReactFlowState) =>
  s.connection.inProgress || s.connectionClickStartHandle !== null;

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

/**
 * A box selection replaces the selection, edges included: React Flow resets the nodes when the box
 * starts, and a box that catches no node would otherwise leave a selected edge behind.
 */
function onSelectionStart(): void {
  const s = getState();
  if (s.edges.length) actions.select(s.nodes, []);
}

/**
 * A finished box selection also selects the edges with both ends in it (React Flow does not know
 * our edges, see EdgeLayer.tsx).
 */
function onSelectionEnd(): void {
  const s = getState();
  const boxed = new Set(s.nodes);
  const between = s.history.present.edges
    .filter((e) => boxed.has(e.source.node) && boxed.has(e.target.node))
    .map((e) => e.id);
  if (between.length) actions.select(s.nodes, between);
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

/** A click on empty canvas clears the selection (edges included: React Flow does not know them). */
function onPaneClick(): void {
  const s = getState();
  if (s.nodes.length || s.edges.length) actions.select([], []);
}

function onDragOver(e: DragEvent): void {
  if (!e.dataTransfer.types.includes(LAYER_MIME)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
}

let dragCount = 0;

/**
 * Moves the dragged nodes' elements to their live positions without a React render; React Flow
 * sets the same transform when the drag is committed. `els` caches the elements for one drag.
 */
function moveElements(
  root: HTMLElement | null,
  moved: ReadonlyMap<string, XYPosition>,
  els: Map<string, HTMLElement>,
): void {
  for (const [id, p] of moved) {
    let el = els.get(id);
    if (!el) {
      const found = root?.querySelector<HTMLElement>(
        `.react-flow__node[data-id="${CSS.escape(id)}"]`,
      );
      if (!found) continue;
      el = found;
      el.classList.add('layer-dragging');
      els.set(id, el);
    }
    el.style.transform = `translate(${p.x}px,${p.y}px)`;
  }
}

function CanvasView() {
  const doc = useProject();
  const inf = useInference();
  const selectedNodes = useEditor((s) => s.nodes);
  const selectedEdges = useEditor((s) => s.edges);
  const flow = useReactFlow<LayerFlowNode, ShapeFlowEdge>();
  const flowStore = useStoreApi<LayerFlowNode, ShapeFlowEdge>();
  const far = useStore(isFar);
  const connecting = useStore(isConnecting);
  const root = useRef<HTMLDivElement>(null);
  const cache = useRef(createCache());
  const [snap, setSnap] = useState(false);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(new Map());
  // Positions of the nodes being dragged (shared with the edge layer through dragStore.ts) and
  // their elements; committed to the document when the drag ends.
  const draggingRef = useRef<ReadonlyMap<string, XYPosition> | null>(null);
  const dragEls = useRef(new Map<string, HTMLElement>());

  const nodeSel = useMemo(() => new Set(selectedNodes), [selectedNodes]);
  const edgeSel = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const derivedNodes = useMemo(
    () => deriveNodes(doc, inf, nodeSel, measured, cache.current),
    [doc, inf, nodeSel, measured],
  );
  const edges = useMemo(() => deriveEdges(doc, inf, edgeSel, cache.current), [doc, inf, edgeSel]);

  // One drag is one undo step: its final positions are committed once, under a fresh key.
  const commitDrag = useCallback((moved: ReadonlyMap<string, XYPosition>) => {
    const moves = [...moved].map(([id, p]) => ({
      id,
      position: { x: Math.round(p.x), y: Math.round(p.y) },
    }));
    actions.execute({ type: 'moveNodes', moves }, `drag-${++dragCount}`);
    actions.seal();
    draggingRef.current = null;
    setDragPositions(null);
    for (const el of dragEls.current.values()) el.classList.remove('layer-dragging');
    dragEls.current.clear();
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
        moveElements(root.current, moved, dragEls.current);
        setDragPositions(moved);
      }
      if (select.length) {
        const s = getState();
        // A plain click or box selection replaces the selection, selected edges included.
        const additive = flowStore.getState().multiSelectionActive;
        const edges = select.some((c) => c.selected) && !additive ? [] : s.edges;
        actions.select(applySelect(s.nodes, select), edges);
      }
    },
    [commitDrag, flowStore],
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

  // The overlays do not depend on node positions: one element tree, so a drag frame skips them
  // (the minimap's dragged rectangles follow through their own drag-store subscription).
  const chrome = useMemo(
    () => (
      <>
        <Background gap={GRID} />
        <Controls position="bottom-left" />
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          ariaLabel="Minimap"
          nodeComponent={MiniMapNode}
        />
        <Panel position="top-right">
          <CanvasToolbar snap={snap} onSnap={setSnap} onLayout={layout} />
        </Panel>
        <ConnectionHint />
      </>
    ),
    [snap, layout],
  );

  return (
    <div
      className={`canvas${far ? ' canvas--far' : ''}${connecting ? ' canvas--connecting' : ''}`}
      ref={root}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<LayerFlowNode, ShapeFlowEdge>
        nodes={derivedNodes}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        onPaneClick={onPaneClick}
        onSelectionStart={onSelectionStart}
        onSelectionEnd={onSelectionEnd}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        snapToGrid={snap}
        snapGrid={[GRID, GRID]}
        disableKeyboardA11y
        minZoom={0.1}
        maxZoom={2}
        proOptions={PRO_OPTIONS}
        aria-label="Model graph"
      >
        <EdgeLayer edges={edges} nodes={derivedNodes} />
        {chrome}
      </ReactFlow>
    </div>
  );
}
