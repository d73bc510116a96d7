// The inspector for one layer, or several of one type: name (single only), what it outputs, its
// problems, its params form and, for Concatenate/Add, the order of its inputs.
import { nameProblem } from '../../../engine/document/commands.ts';
import type { ProjectNode } from '../../../engine/document/schema.ts';
import { formatShape } from '../../../engine/layers/shape.ts';
import type { LayerDef } from '../../../engine/layers/types.ts';
import { formatCount } from '../../../engine/summary/table.ts';
import { actions, useInference, useProject } from '../state/store.ts';
import { DraftInput } from './DraftInput.tsx';
import { InputOrder } from './InputOrder.tsx';
import { ParamForm } from './ParamForm.tsx';

function NameField({ node }: { node: ProjectNode }) {
  const doc = useProject();
  return (
    <DraftInput
      key={node.id}
      label="Name"
      text={node.name}
      check={(text) => {
        const problem = nameProblem(doc, node.id, text);
        return problem ? { ok: false, message: problem } : { ok: true, value: text };
      }}
      apply={(name) =>
        actions.execute({ type: 'renameNode', id: node.id, name }, `rename:${node.id}`)
      }
      seal={() => actions.seal()}
    />
  );
}

/** Output shape, parameter count and the node's own diagnostics. */
function NodeFacts({ node }: { node: ProjectNode }) {
  const inf = useInference();
  const info = inf.nodes.get(node.id);
  const problems = inf.diagnostics.filter((d) => d.node === node.id && d.severity === 'error');
  return (
    <>
      <dl className="facts">
        <dt>Output shape</dt>
        <dd>{info?.shape ? formatShape(info.shape) : 'unknown'}</dd>
        <dt>Params</dt>
        <dd>{formatCount(info?.paramCount ?? 0)}</dd>
      </dl>
      {problems.length > 0 && (
        <ul className="node-problems" aria-label="Problems">
          {problems.map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The inspector body for `nodes` (one or more nodes of the layer type `def`). */
export function NodePanel({ def, nodes }: { def: LayerDef; nodes: readonly ProjectNode[] }) {
  const single = nodes.length === 1 ? nodes[0] : null;
  return (
    <div className="node-panel">
      <header className="inspector__header">
        <h3 className="inspector__type">
          {single ? def.type : `${nodes.length} ${def.type} layers`}
        </h3>
        <p className="inspector__description">{def.description}</p>
      </header>
      {single && <NameField node={single} />}
      {single && <NodeFacts node={single} />}
      <ParamForm def={def} nodes={nodes} />
      {single && def.inputs.kind === 'variadic' && <InputOrder id={single.id} />}
    </div>
  );
}
