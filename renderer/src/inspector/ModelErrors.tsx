// The model's errors as a list; an error pinned to a layer (or a connection) is a button that
// selects it.
import { actions, useInference } from '../state/store.ts';

/** Every error diagnostic of the open model (renders nothing when there is none). */
export function ModelErrors() {
  const inf = useInference();
  const errors = inf.diagnostics.filter((d) => d.severity === 'error');
  if (!errors.length) return null;
  return (
    <ul className="model-errors" aria-label="Model errors">
      {errors.map((d, i) => {
        const { node, edge } = d;
        return (
          <li key={i}>
            {node || edge ? (
              <button
                type="button"
                className="model-errors__item"
                onClick={() => (node ? actions.select([node]) : actions.select([], [edge!]))}
              >
                {d.message}
              </button>
            ) : (
              <span className="model-errors__item">{d.message}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
