// While a connection is dragged over a handle it may not join, says why: beside the cursor and
// in the canvas status line (the same checkConnection verdict that refuses the drop).
import { ViewportPortal, useConnection } from '@xyflow/react';
import { checkConnection } from '../../../engine/graph/connect.ts';
import { inferenceOf, useProject } from '../state/store.ts';

/** The reason the current connection drag is refused, or null. */
function useRefusal(): { reason: string; at: { x: number; y: number } } | null {
  const doc = useProject();
  const c = useConnection();
  if (!c.inProgress || c.isValid !== false || !c.toHandle) return null;
  const from = c.fromHandle;
  const to = c.toHandle;
  const [source, target] = from.type === 'source' ? [from, to] : [to, from];
  if (source.type !== 'source' || target.type !== 'target')
    return { reason: 'Connect an output (right side) to an input (left side).', at: c.to };
  const verdict = checkConnection(
    doc,
    inferenceOf(doc),
    source.nodeId,
    target.nodeId,
    target.id ?? undefined,
  );
  return verdict.ok ? null : { reason: verdict.reason, at: c.to };
}

/** The tooltip beside the cursor and the status line. */
export function ConnectionHint() {
  const refusal = useRefusal();
  return (
    <>
      {refusal && (
        <ViewportPortal>
          <div
            className="connection-hint"
            aria-hidden="true"
            style={{ transform: `translate(${refusal.at.x + 12}px, ${refusal.at.y + 12}px)` }}
          >
            {refusal.reason}
          </div>
        </ViewportPortal>
      )}
      <div className="canvas__status" role="status" aria-live="polite">
        {refusal?.reason ?? ''}
      </div>
    </>
  );
}
