// The right-hand inspector: what is selected decides what it edits — the project (nothing), one
// layer, several layers of one type, or a connection.
import type { LayerDef } from '../../../engine/layers/types.ts';
import { layerRegistry } from '../../../engine/layers/registry.ts';
import { formatShape } from '../../../engine/layers/shape.ts';
import { useEditor, useInference, useProject } from '../state/store.ts';
import { NodePanel } from './NodePanel.tsx';
import { ProjectPanel } from './ProjectPanel.tsx';

function EdgePanel({ id }: { id: string }) {
  const doc = useProject();
  const inf = useInference();
  const edge = doc.edges.find((e) => e.id === id);
  if (!edge) return null;
  const name = (nodeId: string) => doc.nodes.find((n) => n.id === nodeId)?.name ?? nodeId;
  const shape = inf.edgeShapes.get(id);
  return (
    <div className="edge-panel">
      <h3 className="inspector__type">Connection</h3>
      <dl className="facts">
        <dt>From</dt>
        <dd>{name(edge.source.node)}</dd>
        <dt>To</dt>
        <dd>
          {name(edge.target.node)} ({edge.target.port})
        </dd>
        <dt>Shape</dt>
        <dd>{shape ? formatShape(shape) : 'unknown'}</dd>
      </dl>
    </div>
  );
}

/** The inspector pane's content. */
export function Inspector() {
  const doc = useProject();
  const selectedNodes = useEditor((s) => s.nodes);
  const selectedEdges = useEditor((s) => s.edges);
  const nodes = doc.nodes.filter((n) => selectedNodes.includes(n.id));
  if (!nodes.length) {
    if (selectedEdges.length === 1) return <EdgePanel id={selectedEdges[0]} />;
    return <ProjectPanel />;
  }
  const types = new Set(nodes.map((n) => n.type));
  const def = layerRegistry.get(nodes[0].type) as LayerDef | undefined;
  if (types.size > 1 || !def)
    return (
      <p className="inspector__note">
        {nodes.length} layers of different types are selected; select layers of one type to edit
        their shared params.
      </p>
    );
  return <NodePanel key={nodes.map((n) => n.id).join(',')} def={def} nodes={nodes} />;
}
