// The ordered inputs of a Concatenate/Add: the port order is the input order, so moving an input
// up or down changes the result (reorderInputs, one undo step per move).
import { actions, useInference, useProject } from '../state/store.ts';

/** The input list of variadic node `id`. */
export function InputOrder({ id }: { id: string }) {
  const inf = useInference();
  const doc = useProject();
  const inputs = inf.nodes.get(id)?.inputs ?? [];
  const nameOf = (nodeId: string) => doc.nodes.find((n) => n.id === nodeId)?.name ?? nodeId;
  const move = (from: number, to: number) => {
    const order = inputs.map((e) => e.id);
    [order[from], order[to]] = [order[to], order[from]];
    actions.execute({ type: 'reorderInputs', node: id, edgeIds: order });
  };
  return (
    <section className="inspector__section" aria-labelledby={`inputs-${id}`}>
      <h3 className="inspector__heading" id={`inputs-${id}`}>
        Inputs (in order)
      </h3>
      {inputs.length === 0 ? (
        <p className="inspector__note">Connect layers to this node's inputs.</p>
      ) : (
        <ol className="input-order" aria-label="Inputs">
          {inputs.map((e, i) => {
            const name = nameOf(e.source.node);
            return (
              <li key={e.id} className="input-order__item">
                <span className="input-order__name">{name}</span>
                <button
                  type="button"
                  aria-label={`Move ${name} up`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${name} down`}
                  disabled={i === inputs.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  ↓
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
