// The params form of one or more layers of the same type, generated from the layer's schema. An
// edit applies to every selected layer as one command, so it is one undo step.
import type { Command } from '../../../engine/document/commands.ts';
import type { ProjectNode } from '../../../engine/document/schema.ts';
import type { LayerDef } from '../../../engine/layers/types.ts';
import { actions } from '../state/store.ts';
import { formFields } from './formModel.ts';
import { ParamField } from './ParamField.tsx';
import { fieldProblem } from './validate.ts';

/** The value all nodes share for `key` (defaults filled in), or undefined when they differ. */
function sharedValue(nodes: readonly ProjectNode[], key: string, fallback: unknown): unknown {
  const values = nodes.map((n) => (key in n.params ? n.params[key] : fallback));
  const first = JSON.stringify(values[0]);
  return values.every((v) => JSON.stringify(v) === first) ? values[0] : undefined;
}

/** Form over `nodes` (all of type `def`). */
export function ParamForm({ def, nodes }: { def: LayerDef; nodes: readonly ProjectNode[] }) {
  const fields = formFields(def.params);
  if (!fields.length) return <p className="inspector__note">This layer has no parameters.</p>;
  const ids = nodes.map((n) => n.id);
  const set = (key: string, value: unknown, typing: boolean) => {
    const commands: Command[] = ids.map((id) => ({
      type: 'setParams',
      id,
      params: { [key]: value },
    }));
    const cmd: Command = commands.length === 1 ? commands[0] : { type: 'batch', commands };
    actions.execute(cmd, typing ? `params:${ids.join(',')}:${key}` : null);
  };
  return (
    <div className="param-form">
      {fields.map((field) => (
        <ParamField
          key={`${ids.join(',')}:${field.key}`}
          field={field}
          b={{
            value: sharedValue(nodes, field.key, field.default),
            problem: (v) => fieldProblem(def.params, nodes[0].params, field.key, v),
            apply: (v, typing) => set(field.key, v, typing),
            seal: () => actions.seal(),
          }}
        />
      ))}
    </div>
  );
}
