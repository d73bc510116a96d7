// The inspector with nothing selected: the project's name and whether the model is valid, with
// each error listed (clicking one selects the layer it is about).
import { formatCount } from '../../../engine/summary/table.ts';
import { actions, useInference, useProject } from '../state/store.ts';
import { DraftInput } from './DraftInput.tsx';
import { ModelErrors } from './ModelErrors.tsx';

/** Model status line: empty, valid with its size, or the number of errors. */
function ModelStatus() {
  const inf = useInference();
  const doc = useProject();
  const errors = inf.diagnostics.filter((d) => d.severity === 'error').length;
  let status: string;
  if (!doc.nodes.length) status = 'Empty model: add layers from the palette.';
  else if (inf.valid) {
    let params = 0;
    for (const info of inf.nodes.values()) params += info.paramCount;
    status = `Valid model: ${doc.nodes.length} layers, ${formatCount(params)} params.`;
  } else status = `${errors} ${errors === 1 ? 'error' : 'errors'}`;
  return (
    <section className="inspector__section" aria-label="Model status">
      <h3 className="inspector__heading">Model</h3>
      <p className={inf.valid ? 'status status--ok' : 'status status--error'} role="status">
        {status}
      </p>
      <ModelErrors />
    </section>
  );
}

/** The project panel. */
export function ProjectPanel() {
  const doc = useProject();
  return (
    <div className="project-panel">
      <DraftInput
        label="Project name"
        text={doc.name}
        check={(text) =>
          !text.trim()
            ? { ok: false, message: 'A project name must not be empty.' }
            : text.length > 200
              ? { ok: false, message: 'Use at most 200 characters.' }
              : { ok: true, value: text }
        }
        apply={(name) => actions.execute({ type: 'setName', name }, 'project-name')}
        seal={() => actions.seal()}
      />
      <ModelStatus />
    </div>
  );
}
